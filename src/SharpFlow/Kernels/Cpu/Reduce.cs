using System.Numerics;
using System.Numerics.Tensors;

namespace SharpFlow.Kernels.Cpu;

/// <summary>A reduction: its identity, a contiguous whole-span form and an element-wise accumulate form.</summary>
internal interface IReducer<T> where T : unmanaged
{
    /// <summary>The value of an empty reduction.</summary>
    static abstract T Identity { get; }
    /// <summary>Reduces a non-empty contiguous span to one value.</summary>
    static abstract T Reduce(ReadOnlySpan<T> x);
    /// <summary>Combines two partial results.</summary>
    static abstract T Combine(T a, T b);
    /// <summary>acc[i] = combine(acc[i], x[i]).</summary>
    static abstract void Combine(ReadOnlySpan<T> x, Span<T> acc);
}

/// <summary>Σ.</summary>
internal readonly struct SumReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Sum(x);
    public static T Combine(T a, T b) => a + b;
    public static void Combine(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Add(acc, x, acc);
}

/// <summary>Π.</summary>
internal readonly struct ProdReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.One;
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Product(x);
    public static T Combine(T a, T b) => a * b;
    public static void Combine(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(acc, x, acc);
}

/// <summary>max; an empty reduction gives −∞ (the lowest integer for integer types), as TensorFlow's does.</summary>
internal readonly struct MaxReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.NegativeInfinity);
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Max(x);
    public static T Combine(T a, T b) => T.Max(a, b);
    public static void Combine(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Max(acc, x, acc);
}

/// <summary>min; an empty reduction gives +∞ (the highest integer for integer types).</summary>
internal readonly struct MinReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.CreateSaturating(double.PositiveInfinity);
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Min(x);
    public static T Combine(T a, T b) => T.Min(a, b);
    public static void Combine(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Min(acc, x, acc);
}

/// <summary>
/// Axis reductions. The input shape is first collapsed into alternating groups of kept and reduced
/// axes; every loop then works on contiguous rows (whole-row reductions or row-wise accumulation).
/// </summary>
internal static class ReduceKernel
{
    /// <summary>Reduces <paramref name="x"/> (shape <paramref name="shape"/>) over the axes flagged in <paramref name="reduced"/>.</summary>
    public static void Run<T, TR>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<bool> reduced, Span<T> o)
        where T : unmanaged where TR : IReducer<T>
    {
        if (x.Length == 0) { o.Fill(TR.Identity); return; }
        int r = shape.Length, m = 0;
        Span<int> g = stackalloc int[r];
        Span<bool> gr = stackalloc bool[r];
        bool any = false;
        for (int a = 0; a < r; a++)
        {
            if (shape[a] == 1) continue;   // size-1 axes change neither layout
            if (m > 0 && gr[m - 1] == reduced[a]) g[m - 1] *= shape[a];
            else { g[m] = shape[a]; gr[m] = reduced[a]; m++; }
            any |= reduced[a];
        }
        if (!any) { x.CopyTo(o); return; }
        if (m == 1) { o[0] = TR.Reduce(x); return; }
        int inner = g[m - 1], rows = x.Length / inner;
        // Rows shorter than a vector are cheaper as plain scalar loops than as span calls.
        bool tiny = inner < 8;
        if (m == 2 && gr[1])
        {
            if (tiny)
                for (int row = 0, i = 0; row < rows; row++)
                {
                    T acc = x[i++];
                    for (int j = 1; j < inner; j++) acc = TR.Combine(acc, x[i++]);
                    o[row] = acc;
                }
            else
                for (int row = 0; row < rows; row++) o[row] = TR.Reduce(x.Slice(row * inner, inner));
            return;
        }
        if (m == 2)
        {
            if (tiny && rows >= 2 * BlockRows) { NarrowColumns<T, TR>(x, inner, o); return; }
            x[..inner].CopyTo(o);
            for (int row = 1; row < rows; row++) TR.Combine(x.Slice(row * inner, inner), o);
            return;
        }
        o.Fill(TR.Identity);
        Span<int> oStride = stackalloc int[m];
        for (int d = m - 1, s = 1; d >= 0; d--)
        {
            oStride[d] = gr[d] ? 0 : s;
            if (!gr[d]) s *= g[d];
        }
        Span<int> idx = stackalloc int[m];
        idx.Clear();
        int oi = 0;
        bool innerReduced = gr[m - 1];
        for (int row = 0; row < rows; row++)
        {
            var src = x.Slice(row * inner, inner);
            if (innerReduced) o[oi] = TR.Combine(o[oi], TR.Reduce(src));
            else TR.Combine(src, o.Slice(oi, inner));
            for (int d = m - 2; d >= 0; d--)
            {
                oi += oStride[d];
                if (++idx[d] < g[d]) break;
                oi -= oStride[d] * g[d];
                idx[d] = 0;
            }
        }
    }

    const int BlockRows = 32;

    // Column reduction of a tall [rows, inner] array with few columns: whole blocks of BlockRows rows are
    // combined element-wise (vectorised, every lane keeps its column), then the block is folded per column.
    static void NarrowColumns<T, TR>(ReadOnlySpan<T> x, int inner, Span<T> o) where T : unmanaged where TR : IReducer<T>
    {
        int block = BlockRows * inner, full = x.Length / block * block;
        Span<T> acc = stackalloc T[block];
        x[..block].CopyTo(acc);
        for (int i = block; i < full; i += block) TR.Combine(x.Slice(i, block), acc);
        acc[..inner].CopyTo(o);
        for (int i = inner; i < block; i += inner)
            for (int j = 0; j < inner; j++) o[j] = TR.Combine(o[j], acc[i + j]);
        for (int i = full; i < x.Length; i += inner)
            for (int j = 0; j < inner; j++) o[j] = TR.Combine(o[j], x[i + j]);
    }

    /// <summary>Index of the first largest (or smallest) value along the middle axis of [outer, n, inner].</summary>
    public static void ArgExtreme<T, TI>(ReadOnlySpan<T> x, int outer, int n, int inner, Span<TI> o, bool max)
        where T : unmanaged, INumber<T> where TI : unmanaged, IBinaryInteger<TI>
    {
        for (int b = 0; b < outer; b++)
        {
            var block = x.Slice(b * n * inner, n * inner);
            var dst = o.Slice(b * inner, inner);
            for (int k = 0; k < inner; k++)
            {
                int best = 0;
                T bv = block[k];
                for (int j = 1; j < n; j++)
                {
                    T v = block[j * inner + k];
                    // Strict comparison keeps the first index among ties, as TensorFlow's kernel does.
                    if (max ? v > bv : v < bv) { bv = v; best = j; }
                }
                dst[k] = TI.CreateTruncating(best);
            }
        }
    }
}
