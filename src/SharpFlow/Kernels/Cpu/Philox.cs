namespace SharpFlow.Kernels.Cpu;

/// <summary>The bare Philox4x32-10 state: a 128-bit counter and a 64-bit key, with value semantics.</summary>
/// <remarks>
/// Mirrors <c>tensorflow::random::PhiloxRandom</c> (tensorflow/core/lib/random/philox_random.h), which
/// TF copies freely between threads; keeping the state a struct lets the distributions below restart
/// from a saved position without allocating.
/// </remarks>
internal struct PhiloxState
{
    // Constants of Salmon et al., "Parallel random numbers: as easy as 1, 2, 3" (SC 2011).
    const uint MultiplierA = 0xD2511F53, MultiplierB = 0xCD9E8D57;
    const uint WeylA = 0x9E3779B9, WeylB = 0xBB67AE85;

    public uint C0, C1, C2, C3;
    public uint K0, K1;

    /// <summary>Key = the two halves of <paramref name="seed"/>; counter = [0, 0, seed2 low, seed2 high].</summary>
    public PhiloxState(ulong seed, ulong seed2)
    {
        K0 = (uint)seed;
        K1 = (uint)(seed >> 32);
        C2 = (uint)seed2;
        C3 = (uint)(seed2 >> 32);
    }

    /// <summary>Advances the counter by <paramref name="count"/> blocks of 128 bits.</summary>
    public void Skip(ulong count)
    {
        // TF parity (philox_random.h, PhiloxRandom::Skip): the carry out of word 1 is only propagated
        // when the addition to word 1 itself wrapped, exactly as TF writes it; the one case where this
        // differs from a true 128-bit add (count >> 32 == 0xFFFFFFFF plus a carry from word 0) needs
        // 2^64 skips and never occurs in practice, but we keep TF's arithmetic so streams agree bit for bit.
        uint countLo = (uint)count;
        uint countHi = (uint)(count >> 32);
        C0 += countLo;
        if (C0 < countLo) countHi++;
        C1 += countHi;
        if (C1 < countHi)
        {
            if (++C2 == 0) C3++;
        }
    }

    /// <summary>Returns the block for the current counter, then increments the counter by one.</summary>
    public void Next(out uint x0, out uint x1, out uint x2, out uint x3)
    {
        uint c0 = C0, c1 = C1, c2 = C2, c3 = C3, k0 = K0, k1 = K1;
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += WeylA;
                k1 += WeylB;
            }
            ulong p0 = (ulong)MultiplierA * c0;
            ulong p1 = (ulong)MultiplierB * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
        }
        x0 = c0; x1 = c1; x2 = c2; x3 = c3;

        // The counter is one 128-bit little-endian integer across the four words.
        if (++C0 == 0 && ++C1 == 0 && ++C2 == 0) C3++;
    }
}

/// <summary>A Philox4x32-10 generator producing blocks of four 32-bit words, bit-identical to TensorFlow's.</summary>
/// <remarks>Mirrors <c>tensorflow::random::PhiloxRandom</c>; <see cref="Clone"/> stands in for TF's copy semantics.</remarks>
internal sealed class PhiloxRandom
{
    PhiloxState _state;

    /// <summary>Creates the generator TF builds for an op with attributes <c>seed</c> and <c>seed2</c>.</summary>
    public PhiloxRandom(ulong seed, ulong seed2) => _state = new PhiloxState(seed, seed2);

    /// <summary>Creates a generator at an explicit counter and key (Random123's known-answer tests use this form).</summary>
    public PhiloxRandom(uint counter0, uint counter1, uint counter2, uint counter3, uint key0, uint key1) =>
        _state = new PhiloxState { C0 = counter0, C1 = counter1, C2 = counter2, C3 = counter3, K0 = key0, K1 = key1 };

    PhiloxRandom(PhiloxState state) => _state = state;

    /// <summary>The 128-bit counter as four little-endian words.</summary>
    public (uint, uint, uint, uint) Counter => (_state.C0, _state.C1, _state.C2, _state.C3);

    /// <summary>The 64-bit key as two words.</summary>
    public (uint, uint) Key => (_state.K0, _state.K1);

    internal ref PhiloxState State => ref _state;

    /// <summary>An independent copy at the same position.</summary>
    public PhiloxRandom Clone() => new(_state);

    /// <summary>Advances by <paramref name="count"/> blocks of 128 bits.</summary>
    public void Skip(ulong count) => _state.Skip(count);

    /// <summary>Writes the next block of four words into <paramref name="four"/>.</summary>
    public void NextBlock(Span<uint> four)
    {
        if (four.Length < 4) throw new ArgumentException("A Philox block needs room for four words.", nameof(four));
        _state.Next(out four[0], out four[1], out four[2], out four[3]);
    }
}

/// <summary>The per-op generator of a stateful random op: each run takes a position and moves the stored one past it.</summary>
/// <remarks>
/// Mirrors <c>tensorflow::GuardedPhiloxRandom</c> (tensorflow/core/util/guarded_philox_random.{h,cc}).
/// Thread-safe, as TF's is, because one op's kernel may run concurrently in several session runs.
/// </remarks>
internal sealed class GuardedPhilox
{
    readonly Lock _lock = new();
    PhiloxState _state;

    /// <summary>Seeds from the op attributes; (0, 0) means "no seed" and draws fresh 64-bit seeds, as TF's <c>Init</c> does.</summary>
    public GuardedPhilox(long seed, long seed2)
    {
        if (seed == 0 && seed2 == 0)
        {
            seed = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
            seed2 = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        _state = new PhiloxState((ulong)seed, (ulong)seed2);
    }

    /// <summary>
    /// Returns a generator at the current position and skips the stored one ahead by
    /// <paramref name="samples"/> × <paramref name="multiplier"/> blocks.
    /// </summary>
    /// <remarks>
    /// TF parity: <c>ReserveRandomOutputs(output_count, multiplier)</c> skips <c>output_count * multiplier</c>
    /// 128-bit blocks (guarded_philox_random.h), and random_op.cc calls it with the element count and 256,
    /// so a second run of the op starts 256·N blocks after the first. <c>Reserve(n, 1)</c> is TF's
    /// <c>ReserveSamples128(n)</c>.
    /// </remarks>
    public PhiloxRandom Reserve(long samples, int multiplier = 256)
    {
        var local = new PhiloxRandom(0, 0);
        ReserveInto(local, samples, multiplier);
        return local;
    }

    /// <summary><see cref="Reserve"/> into a generator the caller keeps, so a kernel's steady state allocates nothing.</summary>
    public void ReserveInto(PhiloxRandom local, long samples, int multiplier = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(multiplier);
        lock (_lock)
        {
            local.State = _state;
            _state.Skip((ulong)(samples * multiplier));
        }
    }
}

/// <summary>TensorFlow's CPU fill of uniform, normal and truncated-normal tensors from a Philox stream.</summary>
/// <remarks>
/// TF parity: the transforms follow tensorflow/core/lib/random/random_distributions{,_utils}.h and the
/// output layout follows <c>FillPhiloxRandomTask</c> in tensorflow/core/kernels/random_op.cc (TF 1.x,
/// non-vectorised distributions). The output is cut into groups of one distribution result (4 floats or
/// 2 doubles); fixed-cost distributions take one Philox block per group in order, and a short last group
/// still consumes a whole block. Results do not depend on how TF shards groups over threads, so a
/// sequential fill reproduces them exactly. The generator passed in is advanced past what was consumed.
/// </remarks>
internal static class RandomDistributions
{
    // TF parity: FillPhiloxRandomTask<Distribution, true>::kReservedSamplesPerOutput.
    const int ReservedSamplesPerOutput = 256;

    /// <summary>Uniform floats in [0, 1): 23 random mantissa bits under exponent 0, minus one.</summary>
    public static void Uniform(PhiloxRandom g, Span<float> output)
    {
        ref var s = ref g.State;
        for (int i = 0; i < output.Length; i += 4)
        {
            s.Next(out uint x0, out uint x1, out uint x2, out uint x3);
            Put(output, i, Uint32ToFloat(x0), Uint32ToFloat(x1), Uint32ToFloat(x2), Uint32ToFloat(x3));
        }
    }

    /// <summary>Uniform doubles in [0, 1): 52 mantissa bits from two words per value, two values per block.</summary>
    public static void Uniform(PhiloxRandom g, Span<double> output)
    {
        ref var s = ref g.State;
        for (int i = 0; i < output.Length; i += 2)
        {
            s.Next(out uint x0, out uint x1, out uint x2, out uint x3);
            Put(output, i, Uint64ToDouble(x0, x1), Uint64ToDouble(x2, x3));
        }
    }

    /// <summary>Standard normal floats: Box–Muller on lanes (0, 1) and (2, 3) of each block.</summary>
    public static void Normal(PhiloxRandom g, Span<float> output)
    {
        ref var s = ref g.State;
        for (int i = 0; i < output.Length; i += 4)
        {
            s.Next(out uint x0, out uint x1, out uint x2, out uint x3);
            BoxMullerFloat(x0, x1, out float f0, out float f1);
            BoxMullerFloat(x2, x3, out float f2, out float f3);
            Put(output, i, f0, f1, f2, f3);
        }
    }

    /// <summary>Standard normal doubles: one Box–Muller pair per block (each uniform from two words).</summary>
    public static void Normal(PhiloxRandom g, Span<double> output)
    {
        ref var s = ref g.State;
        for (int i = 0; i < output.Length; i += 2)
        {
            s.Next(out uint x0, out uint x1, out uint x2, out uint x3);
            BoxMullerDouble(x0, x1, x2, x3, out double d0, out double d1);
            Put(output, i, d0, d1);
        }
    }

    /// <summary>Standard normal floats with |x| &lt; 2, by rejection, four per group.</summary>
    /// <remarks>
    /// TF parity: each group of 4 outputs restarts from the base generator skipped by
    /// group × 4 × 256 / 4 = 256·group blocks, then reads words one at a time (SingleSampleAdapter),
    /// Box–Muller on consecutive pairs, keeping each value (first, then second) whose magnitude is below 2
    /// until the group is full. Afterwards <paramref name="g"/> is left where the last group stopped, so
    /// callers should reserve a fresh position per run, as <see cref="GuardedPhilox.Reserve"/> does.
    /// </remarks>
    public static void TruncatedNormal(PhiloxRandom g, Span<float> output)
    {
        const int groupSize = 4;
        const ulong skipPerGroup = groupSize * ReservedSamplesPerOutput / 4;
        var baseState = g.State;
        var s = baseState;
        Span<float> group = stackalloc float[groupSize];
        for (int start = 0, index = 0; start < output.Length; start += groupSize, index++)
        {
            s = baseState;
            s.Skip((ulong)index * skipPerGroup);
            var words = new WordReader(s);
            int filled = 0;
            while (filled < groupSize)
            {
                BoxMullerFloat(words.Next(), words.Next(), out float f0, out float f1);
                if (MathF.Abs(f0) < 2.0f) group[filled++] = f0;
                if (filled < groupSize && MathF.Abs(f1) < 2.0f) group[filled++] = f1;
            }
            s = words.State;
            group[..Math.Min(groupSize, output.Length - start)].CopyTo(output[start..]);
        }
        g.State = s;
    }

    /// <summary>Standard normal doubles with |x| &lt; 2, by rejection, two per group.</summary>
    /// <remarks>As the float overload, with groups of 2 restarting 2 × 256 / 4 = 128 blocks apart and four words per Box–Muller pair.</remarks>
    public static void TruncatedNormal(PhiloxRandom g, Span<double> output)
    {
        const int groupSize = 2;
        const ulong skipPerGroup = groupSize * ReservedSamplesPerOutput / 4;
        var baseState = g.State;
        var s = baseState;
        Span<double> group = stackalloc double[groupSize];
        for (int start = 0, index = 0; start < output.Length; start += groupSize, index++)
        {
            s = baseState;
            s.Skip((ulong)index * skipPerGroup);
            var words = new WordReader(s);
            int filled = 0;
            while (filled < groupSize)
            {
                BoxMullerDouble(words.Next(), words.Next(), words.Next(), words.Next(), out double d0, out double d1);
                if (Math.Abs(d0) < 2.0) group[filled++] = d0;
                if (filled < groupSize && Math.Abs(d1) < 2.0) group[filled++] = d1;
            }
            s = words.State;
            group[..Math.Min(groupSize, output.Length - start)].CopyTo(output[start..]);
        }
        g.State = s;
    }

    /// <summary>Bits 0..22 as the mantissa of a float in [1, 2), minus one.</summary>
    internal static float Uint32ToFloat(uint x) => BitConverter.UInt32BitsToSingle(0x3F80_0000u | (x & 0x007F_FFFFu)) - 1.0f;

    /// <summary>Low 20 bits of <paramref name="hi"/> and all of <paramref name="lo"/> as the mantissa of a double in [1, 2), minus one.</summary>
    internal static double Uint64ToDouble(uint hi, uint lo) =>
        BitConverter.UInt64BitsToDouble((1023UL << 52) | ((ulong)(hi & 0x000F_FFFFu) << 32) | lo) - 1.0;

    /// <summary>Box–Muller in float: (sin, cos) of 2πu2 scaled by sqrt(−2 log u1), with u1 clamped to 1e-7.</summary>
    internal static void BoxMullerFloat(uint x0, uint x1, out float f0, out float f1)
    {
        float u1 = Uint32ToFloat(x0);
        if (u1 < 1.0e-7f) u1 = 1.0e-7f;
        // TF parity: `2.0f * M_PI * Uint32ToFloat(x1)` promotes to double (M_PI is a double) before it is
        // stored in a float; log, sqrt, sin and cos then run in single precision (logf, sqrtf, sincosf).
        float v1 = (float)(2.0 * Math.PI * Uint32ToFloat(x1));
        float u2 = MathF.Sqrt(-2.0f * MathF.Log(u1));
        f0 = MathF.Sin(v1) * u2;
        f1 = MathF.Cos(v1) * u2;
    }

    /// <summary>Box–Muller in double: u1 from words (x0, x1), u2 from (x2, x3); sin first, then cos.</summary>
    internal static void BoxMullerDouble(uint x0, uint x1, uint x2, uint x3, out double d0, out double d1)
    {
        double u1 = Uint64ToDouble(x0, x1);
        if (u1 < 1.0e-7) u1 = 1.0e-7;
        double v1 = 2 * Math.PI * Uint64ToDouble(x2, x3);
        double u2 = Math.Sqrt(-2.0 * Math.Log(u1));
        d0 = Math.Sin(v1) * u2;
        d1 = Math.Cos(v1) * u2;
    }

    static void Put<T>(Span<T> output, int i, T a, T b, T c, T d)
    {
        // A short last group keeps only its leading values, as TF's std::copy of remaining_size does.
        int n = output.Length - i;
        output[i] = a;
        if (n > 1) output[i + 1] = b;
        if (n > 2) output[i + 2] = c;
        if (n > 3) output[i + 3] = d;
    }

    static void Put<T>(Span<T> output, int i, T a, T b)
    {
        output[i] = a;
        if (output.Length - i > 1) output[i + 1] = b;
    }

    /// <summary>Hands out a Philox stream one word at a time, as TF's <c>SingleSampleAdapter</c> does.</summary>
    struct WordReader(PhiloxState state)
    {
        PhiloxState _state = state;
        uint _w0, _w1, _w2, _w3;
        int _used = 4;

        public readonly PhiloxState State => _state;

        public uint Next()
        {
            if (_used == 4)
            {
                _state.Next(out _w0, out _w1, out _w2, out _w3);
                _used = 0;
            }
            return _used++ switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };
        }
    }
}

/// <summary>TF 1.x graph/op seed resolution (<c>tf.get_seed</c>).</summary>
/// <remarks>Mirrors <c>get_seed</c> in tensorflow/python/framework/random_seed.py (graph mode).</remarks>
internal static class RandomSeed
{
    /// <summary>The graph seed TF uses when only an op seed is given.</summary>
    public const int DefaultGraphSeed = 87654321;

    const long MaxInt32 = int.MaxValue; // TF's _MAXINT32 = 2**31 - 1

    /// <summary>
    /// Resolves the (seed, seed2) attributes of a random op, or null when neither seed is set
    /// (the op then runs nondeterministically).
    /// </summary>
    /// <param name="graphSeed">The graph-level seed (<c>tf.set_random_seed</c>), or null.</param>
    /// <param name="opSeed">The op's <c>seed</c> argument, or null.</param>
    /// <param name="lastOpId">The id of the most recently created op in the graph (TF's <c>Graph._last_id</c>).</param>
    /// <remarks>
    /// Both seeds are reduced modulo 2^31 − 1 with Python's non-negative remainder (the default graph seed
    /// is used as is), and the pair (0, 0) becomes (0, 2^31 − 1) because the kernels read (0, 0) as "unseeded".
    /// </remarks>
    public static (long seed, long seed2)? Get(int? graphSeed, int? opSeed, int lastOpId)
    {
        (long, long) seeds;
        if (graphSeed is int gs)
            seeds = (Truncate(gs), Truncate(opSeed ?? lastOpId));
        else if (opSeed is int os)
            seeds = (DefaultGraphSeed, Truncate(os));
        else
            return null;
        return seeds == (0, 0) ? (0, MaxInt32) : seeds;
    }

    // Python's `seed % _MAXINT32` is never negative for a positive modulus, unlike C#'s %.
    static long Truncate(long seed)
    {
        long r = seed % MaxInt32;
        return r < 0 ? r + MaxInt32 : r;
    }
}
