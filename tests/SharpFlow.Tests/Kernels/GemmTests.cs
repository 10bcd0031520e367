using System.Numerics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// Gemm against a naive triple loop in double precision. Floating-point results may differ by
/// rounding (FMA, blocked summation order), so they are compared with a tolerance of
/// rel · k · Σ|a·b| per element; integers must match exactly. Every test also runs where the
/// hardware lacks AVX-512 or all vector ISAs (DOTNET_EnableAVX512=0, DOTNET_EnableHWIntrinsic=0):
/// the forced-path tests then run the vector kernels in software emulation.
/// </summary>
public sealed class GemmTests
{
    private const double FloatTolerance = 1e-5, DoubleTolerance = 1e-12;

    /// <summary>Odd sizes, primes, and sizes just off the tile sizes (6, 12 rows; 8, 16, 32 columns).</summary>
    private static readonly int[] Sizes = [1, 2, 3, 5, 6, 7, 11, 13, 16, 17, 31, 32, 33, 47, 64, 70];

    /// <summary>Fewer sizes for forced paths, whose vector kernels may run emulated (slowly).</summary>
    private static readonly int[] SmallSizes = [1, 3, 7, 12, 13, 25, 37, 50];

    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    /// <summary>Paths by name: <see cref="GemmPath"/> is internal and cannot appear in a public test signature.</summary>
    public static TheoryData<string, bool, bool> ForcedPaths
    {
        get
        {
            var data = new TheoryData<string, bool, bool>();
            foreach (string path in new[] { "Reference", "Direct", "Blocked256", "Blocked512" })
            foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                data.Add(path, ta, tb);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Float_matches_naive_for_all_size_triples(bool transA, bool transB)
    {
        foreach (int m in Sizes) foreach (int n in Sizes) foreach (int k in Sizes)
            Check<float>(GemmPath.Auto, transA, transB, m, n, k, blockCap: 0);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Double_matches_naive_for_all_size_triples(bool transA, bool transB)
    {
        foreach (int m in Sizes) foreach (int n in Sizes) foreach (int k in Sizes)
            Check<double>(GemmPath.Auto, transA, transB, m, n, k, blockCap: 0);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Integers_match_naive_exactly(bool transA, bool transB)
    {
        foreach (int m in SmallSizes) foreach (int n in SmallSizes) foreach (int k in SmallSizes)
        {
            Check<int>(GemmPath.Auto, transA, transB, m, n, k, blockCap: 0);
            Check<long>(GemmPath.Auto, transA, transB, m, n, k, blockCap: 0);
        }
    }

    /// <summary>
    /// Each implementation, with cache blocks shrunk to 16 so that these small operands span several
    /// k-blocks (accumulation into C), row blocks, slabs, column panels, edge tiles and two threads.
    /// </summary>
    [Theory]
    [MemberData(nameof(ForcedPaths))]
    public void Every_path_matches_naive_across_block_boundaries(string pathName, bool transA, bool transB)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        foreach (int m in SmallSizes) foreach (int n in SmallSizes) foreach (int k in SmallSizes)
        {
            Check<float>(path, transA, transB, m, n, k, blockCap: 16);
            if (m % 2 == 1) Check<double>(path, transA, transB, m, n, k, blockCap: 16);
        }
    }

    /// <summary>Sizes past the default blocks (kc 256, row blocks, slabs) on the automatic path, 1 and 2 threads.</summary>
    [Theory]
    [InlineData(300, 50, 520)]
    [InlineData(259, 37, 261)]
    [InlineData(1031, 17, 300)]
    [InlineData(5, 1100, 260)]
    [InlineData(2, 3, 5000)]
    [InlineData(130, 140, 1)]
    public void Large_and_skinny_shapes_match_naive(int m, int n, int k)
    {
        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            Check<float>(GemmPath.Auto, ta, tb, m, n, k, blockCap: 0);
            Check<double>(GemmPath.Auto, ta, tb, m, n, k, blockCap: 0);
        }
    }

    /// <summary>
    /// The tiny-product path adds in k order with separate multiply and add, as the TensorFlow builds
    /// that printed the document's values did, so it must equal that float loop bit for bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(Transposes))]
    public void Direct_path_is_bitwise_the_sequential_float_loop(bool transA, bool transB)
    {
        var rnd = new Random(3);
        foreach (int m in SmallSizes) foreach (int n in SmallSizes) foreach (int k in SmallSizes)
        {
            var a = new float[m * k];
            var b = new float[k * n];
            for (int i = 0; i < a.Length; i++) a[i] = (float)(rnd.NextDouble() * 2 - 1);
            for (int i = 0; i < b.Length; i++) b[i] = (float)(rnd.NextDouble() * 2 - 1);
            var c = new float[m * n];
            Gemm.Multiply(GemmPath.Direct, transA, transB, m, n, k, a, b, c, 1);
            for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                Assert.True(s == c[i * n + j], $"m={m} n={n} k={k}: C[{i},{j}] = {c[i * n + j]:R}, sequential loop {s:R}");
            }
        }
    }

    [Fact]
    public void Small_document_shapes_give_exact_products()
    {
        // [[1, 2]] · [[1, 2, 3], [4, 5, 6]]
        float[] c = new float[3];
        Gemm.Multiply(false, false, 1, 3, 2, [1f, 2f], [1f, 2f, 3f, 4f, 5f, 6f], c, 4);
        Assert.Equal(new[] { 9f, 12f, 15f }, c);

        // 150×2 · 2×10 and 150×10 · 10×5 with small integers: every path must be exact.
        Check<float>(GemmPath.Auto, false, false, 150, 10, 2, blockCap: 0, integers: true);
        Check<float>(GemmPath.Auto, false, false, 150, 5, 10, blockCap: 0, integers: true);
        Check<float>(GemmPath.Auto, true, false, 10, 5, 150, blockCap: 0, integers: true);
        Check<float>(GemmPath.Auto, false, true, 150, 10, 5, blockCap: 0, integers: true);
    }

    [Fact]
    public void Empty_dimensions_clear_or_leave_c()
    {
        double[] c = [7, 7, 7, 7, 7, 7];
        Gemm.Multiply<double>(false, false, 2, 3, 0, [], [], c, 1);
        Assert.All(c, x => Assert.Equal(0.0, x));

        c = [7, 7];
        Gemm.Multiply<double>(false, false, 0, 3, 4, [], new double[12], c, 1);
        Assert.Equal(new[] { 7.0, 7.0 }, c);
    }

    [Fact]
    public void Too_small_operands_throw()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(false, false, 2, 2, 2, new float[3], new float[4], new float[4], 1));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(false, false, 2, 2, 2, new float[4], new float[4], new float[3], 1));
    }

    /// <summary>
    /// Runs one product with 1 and with 2 threads, each on C pre-filled with garbage (NaN where the
    /// type has it, so unwritten elements fail), and compares both with the naive loop.
    /// </summary>
    private static void Check<T>(GemmPath path, bool transA, bool transB, int m, int n, int k, int blockCap,
        bool integers = false) where T : unmanaged, INumber<T>
    {
        var rnd = new Random(HashCode.Combine(m, n, k, transA, transB));
        bool exact = integers || typeof(T) == typeof(int) || typeof(T) == typeof(long);
        T Next() => exact ? T.CreateTruncating(rnd.Next(-20, 21)) : T.CreateTruncating(rnd.NextDouble() * 2 - 1);
        var a = new T[m * k];
        var b = new T[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = Next();
        for (int i = 0; i < b.Length; i++) b[i] = Next();

        var expected = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        for (int p = 0; p < k; p++)
        {
            double x = double.CreateTruncating(transA ? a[p * m + i] : a[i * k + p]);
            double y = double.CreateTruncating(transB ? b[j * k + p] : b[p * n + j]);
            expected[i * n + j] += x * y;
            magnitude[i * n + j] += Math.Abs(x * y);
        }

        double rel = typeof(T) == typeof(float) ? FloatTolerance : DoubleTolerance;
        var c = new T[m * n];
        foreach (int threads in new[] { 1, 2 })
        {
            Array.Fill(c, T.CreateTruncating(exact && typeof(T) != typeof(float) ? 12345 : double.NaN));
            Gemm.Multiply(path, transA, transB, m, n, k, a, b, c, threads, blockCap);
            for (int e = 0; e < c.Length; e++)
            {
                double got = double.CreateTruncating(c[e]);
                if (exact ? got == expected[e] : Math.Abs(got - expected[e]) <= rel * k * magnitude[e]) continue;
                Assert.Fail($"{typeof(T).Name} {path} transA={transA} transB={transB} m={m} n={n} k={k} threads={threads} " +
                    $"blockCap={blockCap}: C[{e / n},{e % n}] = {got}, expected {expected[e]}");
            }
        }
    }
}
