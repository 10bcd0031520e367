namespace SharpFlow.Ops;

/// <summary>
/// Shape-function helpers shared by the array ops: reading int tensors known at build time, turning a
/// shape tensor into a partial <see cref="TensorShape"/>, and TensorFlow's error context.
/// </summary>
internal static class ShapeUtil
{
    static readonly DType[] IndexTypes = [DType.Int32, DType.Int64];

    /// <summary>Input <paramref name="i"/>'s value as ints when it is known while building, else null.</summary>
    public static int[]? ConstInts(InferContext c, int i) => c.ConstantValue(i) is { } v ? Ints(v) : null;

    /// <summary>The values of an int32/int64 array as ints.</summary>
    public static int[] Ints(NDArray v) => v.Data switch
    {
        int[] a => (int[])a.Clone(),
        long[] l => Array.ConvertAll(l, x => checked((int)x)),
        _ => v.ToArray<int>(),
    };

    /// <summary>Element <paramref name="i"/> of an int32/int64 array, without allocating.</summary>
    public static int IntAt(NDArray v, int i) => v.Data switch
    {
        int[] a => a[i],
        long[] l => checked((int)l[i]),
        _ => (int)v.GetDouble(i),
    };

    /// <summary>Copies the values of an int32/int64 array into <paramref name="dst"/>, without allocating.</summary>
    public static void CopyInts(NDArray v, Span<int> dst)
    {
        if (v.Data is int[] a) { a.CopyTo(dst); return; }
        for (int i = 0; i < dst.Length; i++) dst[i] = IntAt(v, i);
    }

    /// <summary>
    /// An output that views <paramref name="x"/>'s elements with another shape. The wrapper of the previous
    /// run is reused when it already views the same data with the same shape, so steady-state runs allocate nothing.
    /// </summary>
    /// <remarks>The wrapper is kept in the step's scratch slot, so the kernel that calls this must not use that slot otherwise.</remarks>
    public static NDArray Alias(KernelContext ctx, NDArray x, ReadOnlySpan<int> shape)
    {
        var cache = ctx.Scratch<NDArray?>(1);
        if (cache[0] is { } last && ReferenceEquals(last.Data, x.Data) && last.shape.AsSpan().SequenceEqual(shape)) return last;
        return cache[0] = new NDArray(x.Data, shape.ToArray());
    }

    /// <summary>Requires input <paramref name="i"/> to be an index type (int32 or int64).</summary>
    public static void RequireIndex(InferContext c, int i) => c.RequireType(i, IndexTypes);

    /// <summary>Requires the rank of input <paramref name="i"/> to be at most <paramref name="rank"/> when known.</summary>
    public static void RequireRankAtMost(InferContext c, int i, int rank)
    {
        if (c.Shape(i).ndims is int r && r > rank) throw c.Error($"Shape must be at most rank {rank} but is rank {r}");
    }

    /// <summary>Requires the rank of input <paramref name="i"/> to be at least <paramref name="rank"/> when known.</summary>
    public static void RequireRankAtLeast(InferContext c, int i, int rank)
    {
        if (c.Shape(i).ndims is int r && r < rank) throw c.Error($"Shape must be at least rank {rank} but is rank {r}");
    }

    /// <summary>
    /// The shape a 1-D shape tensor describes, as far as it is known while building (TensorFlow's
    /// <c>MakeShapeFromShapeTensor</c>/<c>constant_value_as_shape</c>): constants, <c>Shape</c> of a
    /// tensor, <c>Pack</c> of scalars and <c>ConcatV2</c> of such pieces.
    /// </summary>
    public static TensorShape PartialShape(Tensor t)
    {
        if (ConstantFolding.Value(t) is { } v)
        {
            if (v.ndim == 0) return TensorShape.Unknown;
            return new TensorShape(Ints(v));
        }
        switch (t.op.type)
        {
            case "Shape":
                return t.op.inputs[0].get_shape();
            case "Pack" when t.op.inputs.All(x => x.get_shape().ndims == 0):
                return new TensorShape(t.op.inputs.Select(x => ConstantFolding.Value(x) is { } s ? Ints(s)[0] : -1).ToArray());
            case "ConcatV2":
                var dims = new List<int>();
                foreach (var part in t.op.inputs.Take(t.op.inputs.Count - 1))
                {
                    var p = PartialShape(part);
                    if (p.Dims is not { } d) return FromVectorShape(t);
                    dims.AddRange(d);
                }
                return new TensorShape([.. dims]);
        }
        return FromVectorShape(t);
    }

    static TensorShape FromVectorShape(Tensor t) =>
        t.get_shape().Dims is [var n] && n >= 0 ? TensorShape.UnknownOfRank(n) : TensorShape.Unknown;

    /// <summary>
    /// A <see cref="ValueError"/> with TensorFlow's shape-function context, naming the inputs whose values
    /// the rule used (<c>and with computed input tensors: input[1] = &lt;2&gt;</c>) or read as shapes
    /// (<c>and with input tensors computed as partial shapes: input[1] = [4]</c>).
    /// </summary>
    public static ValueError Error(InferContext c, string message, int[]? computed = null, (int Index, TensorShape Shape)[]? partial = null)
    {
        var op = c.Op;
        var text = $"{message} for '{op.name}' (op: '{op.type}') with input shapes: {string.Join(", ", op.inputs.Select(t => t.get_shape().CppString))}";
        var values = (computed ?? []).Where(i => c.ConstantValue(i) is not null)
            .Select(i => $"input[{i}] = <{Summarize(c.ConstantValue(i)!)}>").ToArray();
        if (values.Length > 0) text += " and with computed input tensors: " + string.Join(", ", values);
        var shapes = (partial ?? []).Where(p => !p.Shape.IsUnknownRank).Select(p => $"input[{p.Index}] = {p.Shape.CppString}").ToArray();
        if (shapes.Length > 0) text += " and with input tensors computed as partial shapes: " + string.Join(",", shapes);
        return new ValueError(text + ".");
    }

    // TF parity: Tensor::SummarizeValue prints elements separated by spaces.
    static string Summarize(NDArray v) =>
        string.Join(" ", Enumerable.Range(0, Math.Min(v.size, 256)).Select(i => v.GetItem(i) switch
        {
            bool b => b ? "1" : "0",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var o => o.ToString(),
        })) + (v.size > 256 ? "..." : "");

    /// <summary>Normalises an axis into [0, rank), or returns -1 when out of range.</summary>
    public static int Wrap(int axis, int rank) => axis < -rank || axis >= rank ? -1 : axis < 0 ? axis + rank : axis;

    /// <summary>A 1-D int32 NDArray.</summary>
    public static NDArray Vector(params int[] values) => NDArray.FromFlat(values, values.Length);

    /// <summary>The shape as TensorFlow's run-time messages print it: <c>[2,3]</c>.</summary>
    public static string Brackets(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i].ToString();
        return "[" + string.Join(",", parts) + "]";
    }
}
