using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// <summary>Lane-wise combine, giving each lane the scalar <see cref="Combine(T, T)"/>'s bits; only where <see cref="Vectorized"/>.</summary>
    static virtual Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => throw new NotSupportedException();
    /// <summary>True when the lane-wise combine exists.</summary>
    static virtual bool Vectorized => false;
}

/// <summary>Σ.</summary>
internal readonly struct SumReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Sum(x);
    public static T Combine(T a, T b) => a + b;
    public static void Combine(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Add(acc, x, acc);
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => a + b;
    public static bool Vectorized => true;
}

/// <summary>Π.</summary>
internal readonly struct ProdReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.One;
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Product(x);
    public static T Combine(T a, T b) => a * b;
    public static void Combine(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(acc, x, acc);
    public static Vector256<T> Combine(Vector256<T> a, Vector256<T> b) => a * b;
    public static bool Vectorized => true;
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
            Columns<T, TR>(x, inner, o, accumulate: false);
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

    /// <summary>Widest row that <see cref="Columns"/> keeps in vector registers: four vectors.</summary>
    const int RegisterColumns = 4;

    // Column reduction of a tall [rows, inner] array with few columns: whole blocks of BlockRows rows are
    // combined element-wise (vectorised, every lane keeps its column), then the block is folded per column.
    static void NarrowColumns<T, TR>(ReadOnlySpan<T> x, int inner, Span<T> o) where T : unmanaged where TR : IReducer<T>
    {
        int block = BlockRows * inner, full = x.Length / block * block;
        // One vector of slack: the fold loads whole vectors at every row start, its lanes past the row unused.
        Span<T> acc = stackalloc T[block + Vector256<T>.Count];
        int w = Vector256<T>.Count, i = 0;
        if (TR.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            // acc = x[0 block] ⊕ x[1 block] ⊕ … element by element, in block order, one vector at a time.
            ref T rx = ref MemoryMarshal.GetReference(x), ra = ref MemoryMarshal.GetReference(acc);
            for (; i <= block - w; i += w)
            {
                var v = Vector256.LoadUnsafe(ref rx, (nuint)i);
                for (int at = i + block; at < full; at += block) v = TR.Combine(v, Vector256.LoadUnsafe(ref rx, (nuint)at));
                v.StoreUnsafe(ref ra, (nuint)i);
            }
        }
        if (i == 0)
        {
            x[..block].CopyTo(acc);
            for (int at = block; at < full; at += block) TR.Combine(x.Slice(at, block), acc[..block]);
        }
        else
            for (; i < block; i++)
            {
                T v = x[i];
                for (int at = i + block; at < full; at += block) v = TR.Combine(v, x[at]);
                acc[i] = v;
            }
        Columns<T, TR>(acc, inner, o, accumulate: false, rows: BlockRows);
        Columns<T, TR>(x[full..], inner, o, accumulate: true);
    }

    /// <summary>
    /// o[j] = x[0, j] ⊕ x[1, j] ⊕ … in row order for x viewed as [rows, inner] (after o[j] itself when
    /// <paramref name="accumulate"/>), the order of a row-by-row element-wise loop. Rows up to four vectors
    /// wide are summed in registers; rows narrower than a vector use whole-vector loads whose extra lanes are
    /// ignored, so <paramref name="rows"/> may leave slack at the end of <paramref name="x"/>.
    /// </summary>
    internal static void Columns<T, TR>(ReadOnlySpan<T> x, int inner, Span<T> o, bool accumulate, int rows = -1)
        where T : unmanaged where TR : IReducer<T>
    {
        if (rows < 0) rows = x.Length / inner;
        if (rows == 0) return;
        int w = Vector256<T>.Count;
        if (TR.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && inner <= RegisterColumns * w)
        {
            if (inner >= w) { WideColumns<T, TR>(x, rows, inner, o, accumulate); return; }
            if (rows * inner >= w) { NarrowVectorColumns<T, TR>(x, rows, inner, o, accumulate); return; }
        }
        int first = 0;
        if (!accumulate) { x[..inner].CopyTo(o); first = 1; }
        for (int row = first; row < rows; row++) TR.Combine(x.Slice(row * inner, inner), o);
    }

    // inner in [w, 4w]: the columns are covered by vectors at 0, w, 2w … and one ending at inner (overlapping
    // its neighbour, whose lanes it recomputes identically); two vectors are carried down the rows at a time.
    static void WideColumns<T, TR>(ReadOnlySpan<T> x, int rows, int inner, Span<T> o, bool accumulate)
        where T : unmanaged where TR : IReducer<T>
    {
        int w = Vector256<T>.Count, chunks = (inner + w - 1) / w;
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ro = ref MemoryMarshal.GetReference(o);
        // The starting values, read before any store: overlapping vectors store some columns twice.
        Span<T> start = stackalloc T[accumulate ? inner : 0];
        o[..start.Length].CopyTo(start);
        ref T rs = ref MemoryMarshal.GetReference(start);
        for (int c = 0; c < chunks; c += 2)
        {
            nuint c0 = (nuint)Math.Min(c * w, inner - w), c1 = (nuint)Math.Min((c + 1) * w, inner - w);
            Vector256<T> a0, a1;
            int row = 0;
            if (accumulate) { a0 = Vector256.LoadUnsafe(ref rs, c0); a1 = Vector256.LoadUnsafe(ref rs, c1); }
            else { a0 = Vector256.LoadUnsafe(ref rx, c0); a1 = Vector256.LoadUnsafe(ref rx, c1); row = 1; }
            for (nuint at = (nuint)(row * inner); row < rows; row++, at += (nuint)inner)
            {
                a0 = TR.Combine(a0, Vector256.LoadUnsafe(ref rx, at + c0));
                a1 = TR.Combine(a1, Vector256.LoadUnsafe(ref rx, at + c1));
            }
            a0.StoreUnsafe(ref ro, c0);
            a1.StoreUnsafe(ref ro, c1);
        }
    }

    // inner < w: one vector per row start, lanes past inner unused; the last rows, whose vector would run past
    // the end of x, are combined one element at a time, continuing the same per-column order.
    static void NarrowVectorColumns<T, TR>(ReadOnlySpan<T> x, int rows, int inner, Span<T> o, bool accumulate)
        where T : unmanaged where TR : IReducer<T>
    {
        int w = Vector256<T>.Count;
        Span<T> lanes = stackalloc T[w];
        ref T rx = ref MemoryMarshal.GetReference(x);
        int row = 0;
        Vector256<T> acc;
        if (accumulate) { lanes.Clear(); o.CopyTo(lanes); acc = Vector256.Create((ReadOnlySpan<T>)lanes); }
        else { acc = Vector256.LoadUnsafe(ref rx); row = 1; }
        int vectorRows = Math.Min(rows, (x.Length - w) / inner + 1);
        for (; row < vectorRows; row++) acc = TR.Combine(acc, Vector256.LoadUnsafe(ref rx, (nuint)(row * inner)));
        acc.CopyTo(lanes);
        lanes[..inner].CopyTo(o);
        for (; row < rows; row++)
            for (int j = 0; j < inner; j++) o[j] = TR.Combine(o[j], x[row * inner + j]);
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
