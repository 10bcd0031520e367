using System.Numerics;
using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// <see cref="Gemm.TryTiny"/> must give the very bits of the path the dispatcher would otherwise take:
/// <see cref="GemmPath.Direct"/> (separate multiply and add in k order) when not fused, the packed
/// kernels (FMA in k order) when fused. The reference is the forced path itself, so these tests hold
/// on any machine; where 256-bit vectors are not accelerated (DOTNET_EnableHWIntrinsic=0) TryTiny
/// must decline and leave C untouched.
/// </summary>
public sealed unsafe class GemmTinyTests
{
    /// <summary>The 11 products of the document's circle network step, batch 150, layers [2,10,5,3,1].</summary>
    public static TheoryData<bool, bool, int, int, int> W1Shapes => new()
    {
        { false, false, 150, 10, 2 }, { false, false, 150, 5, 10 }, { false, false, 150, 3, 5 }, { false, false, 150, 1, 3 },
        { false, true, 150, 3, 1 }, { false, true, 150, 5, 3 }, { false, true, 150, 10, 5 },
        { true, false, 2, 10, 150 }, { true, false, 10, 5, 150 }, { true, false, 5, 3, 150 }, { true, false, 3, 1, 150 },
    };

    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    /// <summary>TryTiny takes the shapes it handles only where 256-bit vectors are accelerated.</summary>
    private static bool Accelerated => Vector256.IsHardwareAccelerated;

    private static readonly int[] Rows = [1, 2, 3, 5, 6, 7, 8, 9, 12, 13, 17, 24, 25, 31, 40];
    private static readonly int[] Depths = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 40];

    [Theory]
    [MemberData(nameof(W1Shapes))]
    public void W1Shape_BothRoundings_MatchForcedPathsBitForBit(bool transA, bool transB, int m, int n, int k)
    {
        Assert.Equal(Accelerated, Compare<float>(fused: false, transA, transB, m, n, k, seed: 1));
        Assert.Equal(Accelerated, Compare<float>(fused: true, transA, transB, m, n, k, seed: 2));
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void FloatSweep_AllSmallShapes_MatchForcedPathsBitForBit(bool transA, bool transB)
    {
        foreach (int m in Rows)
        for (int n = 1; n <= 17; n++)
        foreach (int k in Depths)
        {
            Compare<float>(fused: false, transA, transB, m, n, k, seed: m * 10007 + n * 101 + k);
            Compare<float>(fused: true, transA, transB, m, n, k, seed: m * 10007 + n * 101 + k + 1);
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void DoubleSweep_AllSmallShapes_MatchForcedPathsBitForBit(bool transA, bool transB)
    {
        foreach (int m in new[] { 1, 2, 5, 7, 12, 13, 30 })
        for (int n = 1; n <= 9; n++)
        foreach (int k in new[] { 1, 3, 4, 9, 31 })
        {
            Compare<double>(fused: false, transA, transB, m, n, k, seed: m * 10007 + n * 101 + k);
            Compare<double>(fused: true, transA, transB, m, n, k, seed: m * 10007 + n * 101 + k + 1);
        }
    }

    [Fact]
    public void LongAndWideShapes_MatchOrDecline()
    {
        // Long k (only the unfused order is defined past one k-block), many rows, and widths past two vectors.
        Assert.Equal(Accelerated, Compare<float>(fused: false, true, false, 3, 1, 600, seed: 5));
        Assert.Equal(Accelerated, Compare<float>(fused: true, true, false, 16, 16, 256, seed: 6));
        Assert.False(Compare<float>(fused: true, true, false, 4, 3, 257, seed: 7));
        Assert.Equal(Accelerated, Compare<float>(fused: true, false, false, 1000, 10, 6, seed: 8));
        Assert.Equal(Accelerated, Compare<float>(fused: true, false, true, 301, 13, 40, seed: 9));
        Assert.False(Compare<float>(fused: false, false, false, 10, 17, 10, seed: 10));
        Assert.False(Compare<float>(fused: true, false, false, 100_000, 16, 8, seed: 11));
    }

    [Fact]
    public void SignedZerosAndSpecials_MatchForcedPathsBitForBit()
    {
        // -0·x + … from zero: both paths must keep +0 for the first term and agree on infinities and NaNs.
        foreach (bool fused in new[] { false, true })
        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
            Compare<float>(fused, ta, tb, 9, 5, 6, seed: 12, specials: true);
    }

    [Fact]
    public void FusedAndUnfused_DifferOnLongSums_SoTheComparisonsDiscriminate()
    {
        if (!Vector256.IsHardwareAccelerated) return;
        var rnd = new Random(13);
        float[] a = Operand<float>(150 * 10, rnd, false), b = Operand<float>(150 * 5, rnd, false);
        float[] fused = new float[50], separate = new float[50];
        fixed (float* pa = a, pb = b, pf = fused, ps = separate)
        {
            Assert.True(Gemm.TryTiny(true, true, false, 10, 5, 150, pa, pb, pf));
            Assert.True(Gemm.TryTiny(false, true, false, 10, 5, 150, pa, pb, ps));
        }
        Assert.NotEqual(fused, separate);
    }

    [Fact]
    public void Unaccelerated_Declines()
    {
        if (Vector256.IsHardwareAccelerated) return;
        var a = new float[6];
        var b = new float[6];
        var c = new float[] { 7f, 7f, 7f, 7f };
        fixed (float* pa = a, pb = b, pc = c)
            Assert.False(Gemm.TryTiny(false, false, false, 2, 2, 3, pa, pb, pc));
        Assert.All(c, v => Assert.Equal(7f, v));
    }

    /// <summary>
    /// Runs TryTiny and, when it accepts, the forced path it stands in for, on the same operands;
    /// asserts equal bits and that nothing outside C was written. Returns whether TryTiny accepted.
    /// </summary>
    private static bool Compare<T>(bool fused, bool transA, bool transB, int m, int n, int k, int seed, bool specials = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rnd = new Random(seed);
        T[] a = Operand<T>(m * k, rnd, specials), b = Operand<T>(k * n, rnd, specials);
        const int Guard = 40;
        var got = new T[m * n + 2 * Guard];
        Array.Fill(got, T.CreateTruncating(-12345.0));
        bool accepted;
        fixed (T* pa = a, pb = b, pc = got)
            accepted = Gemm.TryTiny(fused, transA, transB, m, n, k, pa, pb, pc + Guard);
        if (!Vector256.IsHardwareAccelerated) Assert.False(accepted);
        if (!accepted)
        {
            Assert.All(got, v => Assert.Equal(T.CreateTruncating(-12345.0), v));
            return false;
        }
        for (int i = 0; i < Guard; i++)
        {
            Assert.Equal(T.CreateTruncating(-12345.0), got[i]);
            Assert.Equal(T.CreateTruncating(-12345.0), got[Guard + m * n + i]);
        }
        var want = new T[m * n];
        var path = !fused ? GemmPath.Direct : Vector512.IsHardwareAccelerated ? GemmPath.Blocked512 : GemmPath.Blocked256;
        Gemm.Multiply(path, transA, transB, m, n, k, a, b, want, threads: 1);
        for (int i = 0; i < m * n; i++)
            if (!Bits(want[i]).Equals(Bits(got[Guard + i])))
                Assert.Fail($"{typeof(T).Name} fused={fused} transA={transA} transB={transB} m={m} n={n} k={k}: " +
                    $"C[{i / n},{i % n}] = {got[Guard + i]} but {path} gives {want[i]}");
        return true;
    }

    private static long Bits<T>(T x) where T : unmanaged =>
        typeof(T) == typeof(float) ? BitConverter.SingleToInt32Bits((float)(object)x) : BitConverter.DoubleToInt64Bits((double)(object)x);

    /// <summary>Values in ±1 with full mantissas, so rounding differs between fused and unfused sums.</summary>
    private static T[] Operand<T>(int count, Random rnd, bool specials) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[count];
        for (int i = 0; i < count; i++) x[i] = T.CreateTruncating(rnd.NextDouble() * 2 - 1);
        if (specials)
            for (int i = 0; i < count; i += 3)
                x[i] = (i / 3 % 4) switch { 0 => T.NegativeZero, 1 => T.Zero, 2 => T.CreateTruncating(-1e-30), _ => x[i] };
        if (specials && count > 7) x[7] = T.PositiveInfinity;
        return x;
    }
}
