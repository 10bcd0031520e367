using System.Runtime.InteropServices;

namespace SharpFlow.Kernels.Cpu;

/// <summary>A kernel body that only moves elements, so it can run on any dtype of the same width.</summary>
internal interface ISizedKernel
{
    void Run<T>() where T : unmanaged;
}

/// <summary>Type-agnostic views of array data: data-movement kernels work on bytes or same-width integers.</summary>
internal static class Raw
{
    /// <summary>The elements of <paramref name="a"/> as bytes (no copy).</summary>
    public static Span<byte> Bytes(NDArray a) => a.Data switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
        int[] i => MemoryMarshal.AsBytes(i.AsSpan()),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()),
        bool[] b => MemoryMarshal.AsBytes(b.AsSpan()),
        _ => throw new InvalidOperationException($"Unsupported array type {a.Data.GetType().Name}."),
    };

    /// <summary>The elements reinterpreted as <typeparamref name="T"/> of the same width.</summary>
    public static Span<T> As<T>(NDArray a) where T : unmanaged => MemoryMarshal.Cast<byte, T>(Bytes(a));

    /// <summary>Runs <paramref name="kernel"/> with an integer type as wide as one element.</summary>
    public static void BySize<TK>(int elementSize, ref TK kernel) where TK : struct, ISizedKernel, allows ref struct
    {
        switch (elementSize)
        {
            case 1: kernel.Run<byte>(); break;
            case 4: kernel.Run<int>(); break;
            case 8: kernel.Run<long>(); break;
            default: throw new InvalidOperationException($"Unsupported element size {elementSize}.");
        }
    }

    /// <summary>Product of the sizes in <paramref name="shape"/>[<paramref name="from"/>..<paramref name="to"/>).</summary>
    public static int Prod(ReadOnlySpan<int> shape, int from, int to)
    {
        int n = 1;
        for (int i = from; i < to; i++) n *= shape[i];
        return n;
    }
}

/// <summary>Permutes the axes of an array; axes that stay adjacent are merged so the loops stay short.</summary>
internal static class TransposeKernel
{
    const int Block = 32;

    /// <summary>o = transpose(x, perm); <paramref name="o"/> has the permuted shape.</summary>
    public static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> perm, Span<T> o) where T : unmanaged
    {
        if (o.Length == 0) return;
        int r = perm.Length;
        // Drop size-1 axes: they do not change the memory order.
        Span<int> newIndex = stackalloc int[r];
        Span<int> dims = stackalloc int[r];
        int nr = 0;
        for (int a = 0; a < r; a++) { newIndex[a] = shape[a] == 1 ? -1 : nr; if (shape[a] != 1) dims[nr++] = shape[a]; }
        Span<int> p = stackalloc int[nr];
        int np = 0;
        for (int k = 0; k < r; k++) if (newIndex[perm[k]] >= 0) p[np++] = newIndex[perm[k]];
        // Merge runs of output axes that read consecutive input axes.
        Span<int> groupStart = stackalloc int[nr + 1];
        int ng = 0;
        for (int k = 0; k < np; k++) if (k == 0 || p[k] != p[k - 1] + 1) groupStart[ng++] = k;
        groupStart[ng] = np;
        if (ng <= 1) { x.CopyTo(o); return; }
        // Group g covers input axes p[groupStart[g]] … ; its merged size and its input stride.
        Span<int> gSize = stackalloc int[ng];
        Span<int> gFirstAxis = stackalloc int[ng];
        for (int g = 0; g < ng; g++)
        {
            gFirstAxis[g] = p[groupStart[g]];
            int s = 1;
            for (int k = groupStart[g]; k < groupStart[g + 1]; k++) s *= dims[p[k]];
            gSize[g] = s;
        }
        Span<int> gStride = stackalloc int[ng];
        for (int g = 0; g < ng; g++)
        {
            // Input stride of a group = product of sizes of groups whose first axis comes later in the input.
            int s = 1;
            for (int h = 0; h < ng; h++) if (gFirstAxis[h] > gFirstAxis[g]) s *= gSize[h];
            gStride[g] = s;
        }
        if (ng == 2) { Transpose2D(x, gSize[1], gSize[0], o); return; }
        General(x, gSize[..ng], gStride[..ng], o);
    }

    // x is [rows, cols] viewed so that o[i, j] = x[j, i] with o shaped [cols, rows]; cache-blocked.
    static void Transpose2D<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> o) where T : unmanaged
    {
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int i1 = Math.Min(rows, i0 + Block);
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int j1 = Math.Min(cols, j0 + Block);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++)
                        o[j * rows + i] = x[i * cols + j];
            }
        }
    }

    static void General<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> oShape, ReadOnlySpan<int> inStride, Span<T> o) where T : unmanaged
    {
        int r = oShape.Length, inner = oShape[r - 1], step = inStride[r - 1];
        Span<int> idx = stackalloc int[r];
        idx.Clear();
        int src = 0;
        for (int dst = 0; dst < o.Length; dst += inner)
        {
            for (int j = 0, s = src; j < inner; j++, s += step) o[dst + j] = x[s];
            for (int d = r - 2; d >= 0; d--)
            {
                src += inStride[d];
                if (++idx[d] < oShape[d]) break;
                src -= inStride[d] * oShape[d];
                idx[d] = 0;
            }
        }
    }
}

/// <summary>Byte-level copies of strided blocks: slicing, padding and tiling.</summary>
internal static class BlockCopy
{
    /// <summary>Copies the box <paramref name="begin"/>…+<paramref name="size"/> of <paramref name="src"/> (shape <paramref name="srcShape"/>) into a contiguous <paramref name="dst"/>.</summary>
    public static void Slice(ReadOnlySpan<byte> src, ReadOnlySpan<int> srcShape, ReadOnlySpan<int> begin, ReadOnlySpan<int> size, Span<byte> dst, int elem) =>
        Box(src, srcShape, begin, size, dst, size, elem, toBox: false);

    /// <summary>Copies a contiguous <paramref name="src"/> of shape <paramref name="size"/> into the box at <paramref name="begin"/> of <paramref name="dst"/>.</summary>
    public static void Place(ReadOnlySpan<byte> src, ReadOnlySpan<int> size, Span<byte> dst, ReadOnlySpan<int> dstShape, ReadOnlySpan<int> begin, int elem) =>
        Box(src, size, begin, size, dst, dstShape, elem, toBox: true);

    // Walks the box with an odometer over all but its innermost contiguous run.
    static void Box(ReadOnlySpan<byte> src, ReadOnlySpan<int> srcShape, ReadOnlySpan<int> begin, ReadOnlySpan<int> size,
                    Span<byte> dst, ReadOnlySpan<int> dstShape, int elem, bool toBox)
    {
        int r = size.Length;
        if (Raw.Prod(size, 0, r) == 0) return;
        if (r == 0) { src[..elem].CopyTo(dst); return; }
        var full = toBox ? dstShape : srcShape;
        // Trailing axes the box covers completely join the contiguous run.
        int k = r - 1;
        while (k > 0 && begin[k] == 0 && size[k] == full[k]) k--;
        int run = size[k] * Raw.Prod(full, k + 1, r);
        Span<int> stride = stackalloc int[r];
        for (int d = r - 1, s = 1; d >= 0; d--) { stride[d] = s; s *= full[d]; }
        Span<int> idx = stackalloc int[r];
        idx.Clear();
        int boxOff = 0;
        for (int d = 0; d < r; d++) boxOff += begin[d] * stride[d];
        int runBytes = run * elem;
        int rows = Raw.Prod(size, 0, k);
        for (int row = 0, flat = 0; row < rows; row++, flat += run)
        {
            if (toBox) src.Slice(flat * elem, runBytes).CopyTo(dst.Slice(boxOff * elem, runBytes));
            else src.Slice(boxOff * elem, runBytes).CopyTo(dst.Slice(flat * elem, runBytes));
            for (int d = k - 1; d >= 0; d--)
            {
                boxOff += stride[d];
                if (++idx[d] < size[d]) break;
                boxOff -= stride[d] * size[d];
                idx[d] = 0;
            }
        }
    }

    /// <summary>o = tile(x, multiples): output index i reads input index i mod shape on every axis.</summary>
    public static void Tile(ReadOnlySpan<byte> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> multiples, Span<byte> o, int elem)
    {
        if (o.Length == 0) return;
        if (shape.Length == 0) { x.CopyTo(o); return; }
        TileBlock(x, shape, multiples, o, elem);
    }

    // Tiles one block of shape `shape`: each slice along the first axis is tiled on the remaining axes, then
    // the whole result is repeated multiples[0] times by doubling copies (a handful of copies, not one per row).
    static void TileBlock(ReadOnlySpan<byte> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> multiples, Span<byte> o, int elem)
    {
        int inSlice = elem, outSlice = elem, repeats = 1;
        for (int d = 1; d < shape.Length; d++)
        {
            inSlice *= shape[d];
            outSlice *= shape[d] * multiples[d];
            repeats *= multiples[d];
        }
        int once = shape[0] * outSlice;
        if (repeats == 1) x[..once].CopyTo(o);   // the other axes are not repeated: one contiguous copy
        else
            for (int i = 0; i < shape[0]; i++)
                TileBlock(x.Slice(i * inSlice, inSlice), shape[1..], multiples[1..], o.Slice(i * outSlice, outSlice), elem);
        Repeat(o, once, multiples[0]);
    }

    /// <summary>Fills o[once .. once·times) with copies of o[0 .. once), doubling the filled part each step.</summary>
    static void Repeat(Span<byte> o, int once, int times)
    {
        int total = once * times;
        for (int filled = once; filled < total;)
        {
            int n = Math.Min(filled, total - filled);
            o[..n].CopyTo(o[filled..]);
            filled += n;
        }
    }
}
