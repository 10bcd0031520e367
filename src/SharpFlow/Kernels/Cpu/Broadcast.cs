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
