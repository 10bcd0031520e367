using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>NumPy broadcasting: shape rules and the strided outer loop around contiguous inner kernels.</summary>
internal static class Broadcast
{
    /// <summary>The broadcast shape of two concrete shapes, or null if they do not broadcast.</summary>
    public static int[]? Shape(int[] a, int[] b)
    {
        int r = Math.Max(a.Length, b.Length);
        var o = new int[r];
        for (int i = 0; i < r; i++)
        {
            int da = i < r - a.Length ? 1 : a[i - (r - a.Length)];
            int db = i < r - b.Length ? 1 : b[i - (r - b.Length)];
            if (da == db || db == 1) o[i] = da;
            else if (da == 1) o[i] = db;
            else return null;
        }
        return o;
    }

    /// <summary>True when <paramref name="from"/> broadcasts to <paramref name="to"/> unchanged, so the result shape is <paramref name="to"/> itself.</summary>
    public static bool BroadcastsTo(int[] from, int[] to)
    {
        int off = to.Length - from.Length;
        if (off < 0) return false;
        for (int i = 0; i < from.Length; i++)
            if (from[i] != 1 && from[i] != to[i + off]) return false;
        return true;
    }

    /// <summary>Static broadcast of two (possibly partly unknown) shapes; null if they cannot broadcast.</summary>
    public static TensorShape? StaticShape(TensorShape a, TensorShape b, out (int, int) conflict)
    {
        conflict = default;
        if (a.Dims is not { } da || b.Dims is not { } db) return TensorShape.Unknown;
        int r = Math.Max(da.Length, db.Length);
        var o = new int[r];
        for (int i = 0; i < r; i++)
        {
            int x = i < r - da.Length ? 1 : da[i - (r - da.Length)];
            int y = i < r - db.Length ? 1 : db[i - (r - db.Length)];
            if (x == 1) o[i] = y;
            else if (y == 1) o[i] = x;
            else if (x < 0) o[i] = y;          // unknown vs known (≠1): the known size must win at run time
            else if (y < 0) o[i] = x;
            else if (x == y) o[i] = x;
            else { conflict = (x, y); return null; }
        }
        return new TensorShape(o);
    }

    /// <summary>Message of TensorFlow's run-time broadcast failure.</summary>
    public static string Incompatible(int[] a, int[] b) =>
        $"Incompatible shapes: [{string.Join(",", a)}] vs. [{string.Join(",", b)}]";

    /// <summary>o = op(a, b) with broadcasting; <paramref name="oShape"/> is the broadcast shape.</summary>
    public static void Binary<T, TOp>(ReadOnlySpan<T> a, int[] aShape, ReadOnlySpan<T> b, int[] bShape, Span<T> o, int[] oShape)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        if (a.Length == o.Length && b.Length == o.Length) { Elementwise.Binary<T, TOp>(a, b, o); return; }
        if (b.Length == 1 && a.Length == o.Length) { Elementwise.BinaryScalarRight<T, TOp>(a, b[0], o); return; }
        if (a.Length == 1 && b.Length == o.Length) { Elementwise.BinaryScalarLeft<T, TOp>(a[0], b, o); return; }
        if (a.Length == o.Length && IsRow(bShape, oShape, b.Length)) { Rows<T, TOp, Forward>(a, b, o); return; }
        if (b.Length == o.Length && IsRow(aShape, oShape, a.Length)) { Rows<T, TOp, Swapped>(b, a, o); return; }
        int r = oShape.Length;
        if (o.Length == 0) return;
        Span<int> sa = stackalloc int[r], sb = stackalloc int[r], idx = stackalloc int[r];
        Strides(aShape, oShape, sa);
        Strides(bShape, oShape, sb);
        int inner = oShape[r - 1];
        int outer = o.Length / inner;
        int ia = 0, ib = 0;
        idx.Clear();
        for (int row = 0; row < outer; row++)
        {
            var dst = o.Slice(row * inner, inner);
            if (sa[r - 1] == 1 && sb[r - 1] == 1) Elementwise.Binary<T, TOp>(a.Slice(ia, inner), b.Slice(ib, inner), dst);
            else if (sa[r - 1] == 1) Elementwise.BinaryScalarRight<T, TOp>(a.Slice(ia, inner), b[ib], dst);
            else if (sb[r - 1] == 1) Elementwise.BinaryScalarLeft<T, TOp>(a[ia], b.Slice(ib, inner), dst);
            else dst.Fill(TOp.Apply(a[ia], b[ib]));
            // odometer over the outer dimensions
            for (int d = r - 2; d >= 0; d--)
            {
                ia += sa[d]; ib += sb[d];
                if (++idx[d] < oShape[d]) break;
                ia -= sa[d] * oShape[d]; ib -= sb[d] * oShape[d];
                idx[d] = 0;
            }
        }
    }

    /// <summary>True when <paramref name="shape"/> (of <paramref name="length"/> elements) is a trailing part of <paramref name="oShape"/> after leading 1s: one row repeated over the output.</summary>
    static bool IsRow(int[] shape, int[] oShape, int length)
    {
        if (length == 0) return false;
        int lead = 0;
        while (lead < shape.Length && shape[lead] == 1) lead++;
        int k = shape.Length - lead, off = oShape.Length - k;
        if (off < 0) return false;
        for (int i = 0; i < k; i++)
            if (shape[lead + i] != oShape[off + i]) return false;
        return true;
    }

    /// <summary>Rows at most this long are repeated into a stack tile; longer rows are one call each.</summary>
    const int TileRowLimit = 64;

    // Operand order of Rows: op(x, row) or op(row, x).
    interface IOrder { static abstract bool Swap { get; } }
    readonly struct Forward : IOrder { public static bool Swap => false; }
    readonly struct Swapped : IOrder { public static bool Swap => true; }

    /// <summary>
    /// o = op(x, row) (or op(row, x)) with <paramref name="row"/> repeated along the flat output: a bias add.
    /// Short rows are first repeated into a tile a whole number of vectors long, so the loop runs on full
    /// vectors with no call or index arithmetic per row; <paramref name="o"/> may be <paramref name="x"/> itself.
    /// </summary>
    static void Rows<T, TOp, TOrder>(ReadOnlySpan<T> x, ReadOnlySpan<T> row, Span<T> o)
        where T : unmanaged where TOp : IBinaryOp<T> where TOrder : struct, IOrder
    {
        int n = row.Length, total = o.Length;
        if (n > TileRowLimit)
        {
            for (int at = 0; at < total; at += n)
                if (TOrder.Swap) Elementwise.Binary<T, TOp>(row, x.Slice(at, n), o.Slice(at, n));
                else Elementwise.Binary<T, TOp>(x.Slice(at, n), row, o.Slice(at, n));
            return;
        }
        int w = Vector256<T>.Count, i = 0;
        if (TOp.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && total >= w)
        {
            // The tile holds whole rows and whole vectors: lcm(n, w) elements, repeated to at least 8 vectors.
            int period = n / Gcd(n, w) * w, length = period * Math.Max(1, 8 * w / period);
            Span<T> tile = stackalloc T[length];
            Repeat(row, tile);
            ref T rx = ref MemoryMarshal.GetReference(x), ro = ref MemoryMarshal.GetReference(o), rt = ref MemoryMarshal.GetReference(tile);
            for (; i <= total - w; )
            {
                // One pass over the tile, or what is left of the output in whole vectors.
                int end = Math.Min(length, (total - i) / w * w);
                for (int j = 0; j < end; j += w, i += w)
                {
                    var xv = Vector256.LoadUnsafe(ref rx, (nuint)i);
                    var rv = Vector256.LoadUnsafe(ref rt, (nuint)j);
                    (TOrder.Swap ? TOp.Apply(rv, xv) : TOp.Apply(xv, rv)).StoreUnsafe(ref ro, (nuint)i);
                }
            }
        }
        for (int j = i % n; i < total; i++)
        {
            o[i] = TOrder.Swap ? TOp.Apply(row[j], x[i]) : TOp.Apply(x[i], row[j]);
            if (++j == n) j = 0;
        }
    }

    /// <summary>Fills <paramref name="tile"/> (a whole number of rows long) with copies of <paramref name="row"/>, doubling the filled part each step.</summary>
    public static void Repeat<T>(ReadOnlySpan<T> row, Span<T> tile)
    {
        if (row.IsEmpty) return;
        row.CopyTo(tile);
        for (int filled = row.Length; filled < tile.Length;)
        {
            int n = Math.Min(filled, tile.Length - filled);
            tile[..n].CopyTo(tile[filled..]);
            filled += n;
        }
    }

    static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>Element strides of <paramref name="shape"/> aligned to <paramref name="oShape"/>; 0 on broadcast dimensions.</summary>
    public static void Strides(int[] shape, int[] oShape, Span<int> strides)
    {
        int r = oShape.Length, off = r - shape.Length, s = 1;
        for (int i = r - 1; i >= 0; i--)
        {
            int d = i < off ? 1 : shape[i - off];
            strides[i] = d == 1 ? 0 : s;
            s *= d;
        }
    }
}
