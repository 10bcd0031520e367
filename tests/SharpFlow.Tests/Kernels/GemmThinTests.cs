using System.Numerics;
using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// The thin-product path (A read unpacked, partial tiles stored directly) must give exactly the bits
/// of the packed AVX2 path it replaces: each element is the same FMA chain per k-block, added in the
/// same order, and the training tests assert exact values. Runs emulated where vectors are missing.
/// </summary>
public sealed class GemmThinTests
{
    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Thin_W3Shapes_BitIdenticalToBlocked(bool transA, bool transB)
    {
        // W3's thin products: h·W2 (100×10×500), g·W2ᵀ (100×500×10), hᵀ·g (500×10×100).
        foreach (var (m, n, k) in new[] { (100, 10, 500), (100, 500, 10), (500, 10, 100) })
        {
            Compare<float>(GemmPath.Thin256, transA, transB, m, n, k, blockCap: 0, seed: m + n + k);
            if (Vector256.IsHardwareAccelerated) Compare<float>(GemmPath.Auto, transA, transB, m, n, k, blockCap: 0, seed: k);
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Thin_ThinShapeSweep_BitIdenticalToBlocked(bool transA, bool transB)
    {
        // Row counts around the 6-row tile, widths around 8 and 16 columns, depths across k-blocks.
        foreach (int m in new[] { 1, 5, 6, 7, 13, 29 })
        foreach (int n in new[] { 1, 3, 8, 10, 15, 16, 17, 33, 40 })
        foreach (int k in new[] { 1, 4, 10, 37 })
        {
            Compare<float>(GemmPath.Thin256, transA, transB, m, n, k, blockCap: 16, seed: m * 1000 + n * 10 + k);
            Compare<float>(GemmPath.Thin256, transA, transB, m, n, k, blockCap: 0, seed: m + n + k);
            if (n % 3 == 1) Compare<double>(GemmPath.Thin256, transA, transB, m, n, k, blockCap: 16, seed: m + k);
        }
    }

    [Fact]
    public void Thin_DeepProduct_AccumulatesBlocksInOrder()
    {
        // k = 600 crosses three default k-blocks, so partial tiles take the accumulating store.
        Compare<float>(GemmPath.Thin256, false, false, 23, 10, 600, blockCap: 0, seed: 9);
        Compare<double>(GemmPath.Thin256, true, true, 23, 10, 600, blockCap: 0, seed: 10);
    }

    /// <summary>Runs <paramref name="path"/> and the packed Blocked256 path on the same operands; every bit must agree.</summary>
    private static void Compare<T>(GemmPath path, bool transA, bool transB, int m, int n, int k, int blockCap, int seed)
        where T : unmanaged, INumber<T>
    {
        var rng = new Random(seed);
        var a = new T[m * k];
        var b = new T[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        for (int i = 0; i < b.Length; i++) b[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        var expected = new T[m * n];
        var got = new T[m * n];
        got.AsSpan().Fill(T.CreateChecked(double.NaN));
        Gemm.Multiply<T>(GemmPath.Blocked256, transA, transB, m, n, k, a, b, expected, 1, blockCap);
        Gemm.Multiply<T>(path, transA, transB, m, n, k, a, b, got, 1, blockCap);
        for (int e = 0; e < expected.Length; e++)
            Assert.True(expected[e].Equals(got[e]),
                $"{path} {typeof(T).Name} {(transA ? 'T' : 'N')}{(transB ? 'T' : 'N')} m={m} n={n} k={k} blockCap={blockCap}: " +
                $"C[{e / n},{e % n}] = {got[e]}, expected {expected[e]}");
    }
}
