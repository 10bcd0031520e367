using System.Numerics;
using System.Runtime.InteropServices;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// <see cref="Broadcast.Binary{T, TOp}"/>'s fast paths (a row repeated over the output: bias adds) against a
/// per-element broadcasting reference, bit for bit, in both operand orders and also in place.
/// </summary>
public sealed class BroadcastKernelTests
{
    static T[] Values<T>(int n, int seed) where T : INumber<T>
    {
        var rng = new Random(seed);
        var v = new T[n];
        // Non-zero values of mixed magnitude, so a swapped operand or a wrong row element shows in the bits.
        for (int i = 0; i < n; i++) v[i] = T.CreateSaturating((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-3, 4)) + 0.5);
        return v;
    }

    static int[] Strides(int[] shape, int[] oShape)
    {
        var s = new int[oShape.Length];
        int off = oShape.Length - shape.Length, stride = 1;
        for (int i = oShape.Length - 1; i >= 0; i--)
        {
            int d = i < off ? 1 : shape[i - off];
            s[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return s;
    }

    // The definition: every output element from its multi-index, each input index taken modulo broadcasting.
    static T[] Reference<T, TOp>(T[] a, int[] aShape, T[] b, int[] bShape, int[] oShape) where T : unmanaged where TOp : IBinaryOp<T>
    {
        int size = oShape.Aggregate(1, (p, d) => p * d);
        var o = new T[size];
        var sa = Strides(aShape, oShape);
        var sb = Strides(bShape, oShape);
        for (int flat = 0; flat < size; flat++)
        {
            int rest = flat, ia = 0, ib = 0;
            for (int d = oShape.Length - 1; d >= 0; d--)
            {
                int k = rest % oShape[d];
                rest /= oShape[d];
                ia += k * sa[d];
                ib += k * sb[d];
            }
            o[flat] = TOp.Apply(a[ia], b[ib]);
        }
        return o;
    }

    static void AssertSameBits<T>(T[] expected, T[] actual, string what) where T : unmanaged
    {
        var e = MemoryMarshal.AsBytes(expected.AsSpan());
        var a = MemoryMarshal.AsBytes(actual.AsSpan());
        Assert.True(e.SequenceEqual(a), what);
    }

    static void Case<T, TOp>(int[] aShape, int[] bShape) where T : unmanaged, INumber<T> where TOp : IBinaryOp<T>
    {
        var oShape = Broadcast.Shape(aShape, bShape)!;
        int aSize = aShape.Aggregate(1, (p, d) => p * d), bSize = bShape.Aggregate(1, (p, d) => p * d);
        var a = Values<T>(aSize, aSize * 31 + bSize);
        var b = Values<T>(bSize, bSize * 17 + 1);
        var expected = Reference<T, TOp>(a, aShape, b, bShape, oShape);
        var o = new T[expected.Length];
        Broadcast.Binary<T, TOp>(a, aShape, b, bShape, o, oShape);
        string what = $"{typeof(TOp).Name} [{string.Join(",", aShape)}] op [{string.Join(",", bShape)}]";
        AssertSameBits(expected, o, what);
        // In place: the output is the very array of the full-size operand.
        if (a.Length == o.Length)
        {
            Broadcast.Binary<T, TOp>(a, aShape, b, bShape, a, oShape);
            AssertSameBits(expected, a, what + " in place of a");
        }
        else if (b.Length == o.Length)
        {
            Broadcast.Binary<T, TOp>(a, aShape, b, bShape, b, oShape);
            AssertSameBits(expected, b, what + " in place of b");
        }
    }

    static IEnumerable<(int[] full, int[] row)> RowShapes()
    {
        foreach (int n in new[] { 2, 3, 5, 7, 8, 9, 10, 12, 16, 17, 24, 63, 64, 65, 100 })
            foreach (int m in new[] { 1, 2, 3, 7, 150 })
            {
                yield return ([m, n], [n]);
                yield return ([m, n], [1, n]);
            }
        yield return ([4, 3, 5], [3, 5]);
        yield return ([2, 3, 5], [1, 1, 5]);
        yield return ([0, 5], [5]);
    }

    [Fact]
    public void RowBroadcast_Float_MatchesReferenceBitsInBothOrders()
    {
        foreach (var (full, row) in RowShapes())
        {
            Case<float, AddOperator<float>>(full, row);
            Case<float, SubOperator<float>>(full, row);
            Case<float, SubOperator<float>>(row, full);
            Case<float, DivOperator<float>>(row, full);
            Case<float, MulOperator<float>>(row, full);
        }
    }

    [Fact]
    public void RowBroadcast_OtherTypes_MatchReferenceBits()
    {
        foreach (var (full, row) in RowShapes())
        {
            Case<double, SubOperator<double>>(full, row);
            Case<double, SubOperator<double>>(row, full);
            Case<int, SubOperator<int>>(full, row);
            Case<long, SubOperator<long>>(row, full);
        }
    }

    [Fact]
    public void RowBroadcast_ScalarOnlyOperator_MatchesReferenceBits()
    {
        // Pow has no vector form: the row loop runs element by element.
        foreach (var (full, row) in RowShapes())
        {
            Case<float, PowOperator<float>>(full, row);
            Case<float, PowOperator<float>>(row, full);
        }
    }

    [Fact]
    public void OtherBroadcasts_MatchReferenceBits()
    {
        // Column broadcasts and two-sided broadcasts still take the general strided loop.
        int[][][] pairs =
        [
            [[150, 10], [150, 1]], [[3, 1], [1, 4]], [[2, 1, 5], [1, 3, 1]], [[4, 1], [4, 6]], [[], [3, 2]], [[2, 3], [1]],
        ];
        foreach (var p in pairs)
        {
            Case<float, SubOperator<float>>(p[0], p[1]);
            Case<double, SubOperator<double>>(p[1], p[0]);
        }
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(3, 255)]
    [InlineData(10, 250)]
    [InlineData(7, 7)]
    public void Repeat_FillsWholeRows(int n, int length)
    {
        var row = Enumerable.Range(1, n).Select(i => (float)i).ToArray();
        var tile = new float[length];
        Broadcast.Repeat<float>(row, tile);
        Assert.Equal(Enumerable.Range(0, length).Select(i => row[i % n]), tile);
    }
}
