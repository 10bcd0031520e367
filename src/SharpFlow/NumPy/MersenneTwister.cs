namespace SharpFlow.NumPy;

/// <summary>NumPy's legacy <c>np.random</c> stream: MT19937 with <c>RandomState</c>'s seeding and transforms.</summary>
/// <remarks>
/// Mirrors <c>numpy.random.RandomState</c> for an integer seed: MT19937 from numpy/random/src/mt19937,
/// <c>_legacy_seeding</c> from numpy/random/_mt19937.pyx, the polar Gaussian from
/// numpy/random/src/legacy/legacy-distributions.c, and the masked bounded integers and
/// <c>random_interval</c> from numpy/random/src/distributions/distributions.c. Values match NumPy bit for bit.
/// Not thread-safe (NumPy guards its global state with a lock; callers here own their instance).
/// </remarks>
internal sealed class MersenneTwister
{
    const int N = 624, M = 397;
    const uint MatrixA = 0x9908B0DF, UpperMask = 0x8000_0000, LowerMask = 0x7FFF_FFFF;

    readonly uint[] _key = new uint[N];
    int _pos;
    // The polar method yields two normals per accepted pair; RandomState keeps the second for the next call.
    bool _hasGauss;
    double _gauss;

    /// <summary>Creates a generator in the state <c>np.random.seed(seed)</c> leaves.</summary>
    public MersenneTwister(uint seed) => Seed(seed);

    /// <summary>Reseeds as <c>np.random.seed(seed)</c> does for an integer seed, discarding any cached normal.</summary>
    /// <remarks>
    /// An integer seed goes through <c>mt19937_seed</c> (Knuth's linear recurrence, the reference
    /// <c>init_genrand</c>), not <c>init_by_array</c>; only array seeds use the latter.
    /// </remarks>
    public void Seed(uint seed)
    {
        _key[0] = seed;
        for (int i = 1; i < N; i++)
            _key[i] = 1812433253u * (_key[i - 1] ^ (_key[i - 1] >> 30)) + (uint)i;
        _pos = N;
        _hasGauss = false;
        _gauss = 0.0;
    }

    /// <summary>The next tempered 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_pos == N) Regenerate();
        uint y = _key[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C_5680u;
        y ^= (y << 15) & 0xEFC6_0000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Two 32-bit outputs, the first as the high half (NumPy's <c>mt19937_next64</c>).</summary>
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        return hi << 32 | NextUInt32();
    }

    /// <summary>A double in [0, 1) with 53 random bits (<c>np.random.random_sample</c>).</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A double in [low, high) (<c>np.random.uniform</c>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A normal sample with mean <paramref name="loc"/> and standard deviation <paramref name="scale"/> (<c>np.random.normal</c>).</summary>
    public double Normal(double loc, double scale) => loc + scale * StandardNormal();

    /// <summary>A standard normal sample by the polar method (<c>np.random.standard_normal</c>).</summary>
    public double StandardNormal()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double cached = _gauss;
            _gauss = 0.0;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        // NumPy returns f·x2 now and keeps f·x1 for the next call.
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>An integer in [low, high) (<c>np.random.randint(low, high)</c>, default int64 dtype).</summary>
    /// <remarks>
    /// RandomState draws with masked rejection: the smallest all-ones mask covering the range, redrawn
    /// until the masked value fits. Ranges that fit in 32 bits consume one 32-bit output per try;
    /// an empty range (high = low + 1) consumes nothing.
    /// </remarks>
    public long RandInt(long low, long high)
    {
        if (low >= high) throw new ArgumentException("low >= high", nameof(high));
        ulong range = unchecked((ulong)high - 1 - (ulong)low);
        ulong offset = unchecked((ulong)low);
        ulong value;
        if (range == 0)
            value = 0;
        else if (range <= uint.MaxValue)
        {
            uint mask = (uint)Mask(range);
            uint v;
            while ((v = NextUInt32() & mask) > range) { }
            value = v;
        }
        else if (range == ulong.MaxValue)
            value = NextUInt64();
        else
        {
            ulong mask = Mask(range);
            while ((value = NextUInt64() & mask) > range) { }
        }
        return unchecked((long)(offset + value));
    }

    /// <summary>Shuffles in place as <c>np.random.shuffle</c> does for a 1-D array or list.</summary>
    /// <remarks>Fisher–Yates from the end: for i = n−1 down to 1, swap item i with item <c>random_interval(i)</c>.</remarks>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)Interval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A shuffled <c>0 … n−1</c> (<c>np.random.permutation(n)</c>).</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = i;
        Shuffle<int>(result);
        return result;
    }

    // NumPy's random_interval for max < 2^32: masked rejection on 32-bit outputs, inclusive of max.
    uint Interval(uint max)
    {
        if (max == 0) return 0;
        uint mask = (uint)Mask(max);
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    // Smallest 2^k − 1 that is >= max.
    static ulong Mask(ulong max)
    {
        max |= max >> 1;
        max |= max >> 2;
        max |= max >> 4;
        max |= max >> 8;
        max |= max >> 16;
        max |= max >> 32;
        return max;
    }

    // The standard MT19937 twist over the whole state.
    void Regenerate()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_key[i] & UpperMask) | (_key[(i + 1) % N] & LowerMask);
            _key[i] = _key[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }
        _pos = 0;
    }
}
