using System.Numerics;
using System.Runtime.InteropServices;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// Column reductions of <see cref="ReduceKernel"/> (a [rows, inner] array reduced over its rows: bias gradients)
/// against scalar references that spell out the summation order, bit for bit: row by row per column, or for
/// narrow columns of tall arrays the blocked order (partial results of 32-row blocks, then folded).
/// </summary>
public sealed class ReduceKernelTests
{
    static T[] Values<T>(int n, int seed) where T : INumber<T>
    {
        var rng = new Random(seed);
        var v = new T[n];
        // Magnitudes from 1e-4 to 1e4: a different summation order changes the rounding.
        for (int i = 0; i < n; i++) v[i] = T.CreateSaturating((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 5)));
        return v;
    }

    // Row by row: o[j] = x[0, j] ⊕ x[1, j] ⊕ …
    static T[] Sequential<T, TR>(T[] x, int rows, int inner) where T : unmanaged where TR : IReducer<T>
    {
        var o = new T[inner];
        for (int j = 0; j < inner; j++)
        {
            T acc = x[j];
            for (int r = 1; r < rows; r++) acc = TR.Combine(acc, x[r * inner + j]);
            o[j] = acc;
        }
        return o;
    }

    // Blocked: p[k, j] = x[k, j] ⊕ x[32 + k, j] ⊕ … over whole 32-row blocks, o[j] = p[0, j] ⊕ … ⊕ p[31, j], then the leftover rows in order.
    static T[] Blocked<T, TR>(T[] x, int rows, int inner) where T : unmanaged where TR : IReducer<T>
    {
        const int B = 32;
        int blocks = rows / B;
        var o = new T[inner];
        for (int j = 0; j < inner; j++)
        {
            T fold = default;
            for (int k = 0; k < B; k++)
            {
                T p = x[k * inner + j];
                for (int blk = 1; blk < blocks; blk++) p = TR.Combine(p, x[(blk * B + k) * inner + j]);
                fold = k == 0 ? p : TR.Combine(fold, p);
            }
            for (int r = blocks * B; r < rows; r++) fold = TR.Combine(fold, x[r * inner + j]);
            o[j] = fold;
        }
        return o;
    }

    static void Columns<T, TR>(int rows, int inner) where T : unmanaged, INumber<T> where TR : IReducer<T>
    {
        var x = Values<T>(rows * inner, rows * 1000 + inner);
        var expected = inner < 8 && rows >= 64 ? Blocked<T, TR>(x, rows, inner) : Sequential<T, TR>(x, rows, inner);
        var o = new T[inner];
        ReduceKernel.Run<T, TR>(x, [rows, inner], [true, false], o);
        Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(o.AsSpan())),
            $"{typeof(TR).Name} over rows of [{rows},{inner}]");
        // The same layout as a 3-D array reduced over its first axis.
        if (inner % 2 == 0)
        {
            var o3 = new T[inner];
            ReduceKernel.Run<T, TR>(x, [rows, 2, inner / 2], [true, false, false], o3);
            Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(o3.AsSpan())),
                $"{typeof(TR).Name} over axis 0 of [{rows},2,{inner / 2}]");
        }
    }

    static readonly int[] RowCounts = [2, 3, 7, 8, 9, 31, 63, 64, 65, 96, 150, 200];
    static readonly int[] Widths = [2, 3, 4, 5, 7, 8, 9, 10, 15, 16, 17, 20, 24, 25, 31, 32, 33, 40, 64, 100];

    [Fact]
    public void ColumnSum_Float_MatchesOrderedReferenceBits()
    {
        foreach (int rows in RowCounts)
            foreach (int inner in Widths)
                Columns<float, SumReducer<float>>(rows, inner);
    }

    [Fact]
    public void ColumnSum_OtherTypes_MatchOrderedReferenceBits()
    {
        foreach (int rows in RowCounts)
            foreach (int inner in Widths)
            {
                Columns<double, SumReducer<double>>(rows, inner);
                Columns<int, SumReducer<int>>(rows, inner);
                Columns<long, SumReducer<long>>(rows, inner);
            }
    }

    [Fact]
    public void ColumnProdMaxMin_MatchOrderedReferenceBits()
    {
        foreach (int rows in new[] { 3, 9, 64, 150 })
            foreach (int inner in new[] { 3, 5, 8, 10, 20, 40 })
            {
                Columns<float, ProdReducer<float>>(rows, inner);
                Columns<float, MaxReducer<float>>(rows, inner);
                Columns<double, MinReducer<double>>(rows, inner);
            }
    }

    [Fact]
    public void ColumnSum_NaNAndInfinity_Propagate()
    {
        var x = new float[150 * 10];
        x[37 * 10 + 3] = float.NaN;
        x[90 * 10 + 9] = float.PositiveInfinity;
        var o = new float[10];
        ReduceKernel.Run<float, SumReducer<float>>(x, [150, 10], [true, false], o);
        Assert.True(float.IsNaN(o[3]));
        Assert.Equal(float.PositiveInfinity, o[9]);
        Assert.Equal(0f, o[0]);
    }
}
