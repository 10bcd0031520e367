using System.Numerics;
using System.Numerics.Tensors;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Picks slices of <c>params</c> along <c>axis</c> at the given indices.</summary>
internal sealed class GatherV2Op : OpDef, IConstantFoldable
{
    public static readonly GatherV2Op Instance = new();

    GatherV2Op() : base("GatherV2", "params", "indices", "axis") { }

    public static Tensor Build(Tensor @params, Tensor indices, Tensor axis, string? name) =>
        Instance.Create(name, "GatherV2", [@params, indices, axis]).outputs[0];

    // TF parity: core/ops/array_ops.cc, GatherV2 shape function (batch_dims = 0).
    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        ShapeUtil.RequireIndex(c, 2);
        ShapeUtil.RequireRankAtLeast(c, 0, 1);
        c.RequireRank(2, 0);
        var p = c.Shape(0);
        var idx = c.Shape(1);
        var axisValue = ShapeUtil.ConstInts(c, 2);
        if (axisValue is null)
            return InferContext.One(c.DType(0), p.ndims is int pr && idx.ndims is int ir ? TensorShape.UnknownOfRank(pr + ir - 1) : TensorShape.Unknown);
        int axis = axisValue[0];
        int min = axis < 0 ? -axis : axis + 1;
        if (p.ndims is int rank && rank < min) throw ShapeUtil.Error(c, $"Shape must be at least rank {min} but is rank {rank}", [2]);
        if (p.Dims is not { } pd || idx.Dims is not { } id) return InferContext.One(c.DType(0), TensorShape.Unknown);
        int a = axis < 0 ? axis + pd.Length : axis;
        return InferContext.One(c.DType(0), new TensorShape([.. pd[..a], .. id, .. pd[(a + 1)..]]));
    }

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    // TF parity: python/ops/array_grad.py, _GatherV2Grad. TF returns IndexedSlices for axis 0; SharpFlow has
    // only dense tensors, so the slices are summed into a dense gradient with UnsortedSegmentSum (what
    // converting those IndexedSlices to a tensor does).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var grad = grads[0]!;
        var @params = op.inputs[0];
        var paramsShape = tf.shape(@params);
        var indicesSize = ExpandDimsOp.Build(tf.size(op.inputs[1]), tf.constant(0), null);
        var indices = ReshapeOp.Build(op.inputs[1], indicesSize, null);
        var axisValue = ConstantFolding.Value(op.inputs[2]) is { } av ? ShapeUtil.Ints(av)[0] : (int?)null;
        if (axisValue is null)
            throw new LookupError($"The gradient of '{op.name}' (GatherV2) needs an axis known while building the graph.");
        int axis = axisValue.Value;
        if (axis < 0) axis += @params.get_shape().ndims ?? throw new LookupError($"The gradient of '{op.name}' (GatherV2) with a negative axis needs the rank of params.");
        var tail = SliceOp.Build(paramsShape, tf.constant(new[] { axis + 1 }), tf.constant(new[] { -1 }), null);
        var numSegments = SliceOp.Build(paramsShape, tf.constant(new[] { axis }), tf.constant(new[] { 1 }), null);
        numSegments = ReshapeOp.Build(numSegments, tf.constant(Array.Empty<int>()), null);
        if (axis == 0)
        {
            var values = ReshapeOp.Build(grad, ConcatV2Op.Build([indicesSize, tail], tf.constant(0), null), null);
            return [UnsortedSegmentSumOp.Build(values, indices, numSegments, null), null, null];
        }
        // Move the gathered axis to the front, sum the slices per index, and move it back.
        var outer = SliceOp.Build(paramsShape, tf.constant(new[] { 0 }), tf.constant(new[] { axis }), null);
        var innerDims = tf.size(tail);
        var valuesShape = ConcatV2Op.Build([outer, indicesSize, tail], tf.constant(0), null);
        var v = ReshapeOp.Build(grad, valuesShape, null);
        var outerAxes = tf.range(axis);
        var innerAxes = tf.range(axis + 1, innerDims + (axis + 1));
        var perm = ConcatV2Op.Build([tf.constant(new[] { axis }), outerAxes, innerAxes], tf.constant(0), null);
        var summed = UnsortedSegmentSumOp.Build(TransposeOp.Build(v, perm, null), indices, numSegments, null);
        var back = ConcatV2Op.Build([outerAxes + 1, tf.constant(new[] { 0 }), innerAxes], tf.constant(0), null);
        return [TransposeOp.Build(summed, back, null), null, null];
    }

    public override void Compute(KernelContext ctx)
    {
        var p = ctx.Input(0);
        var idxArr = ctx.Input(1);
        int axisValue = ShapeUtil.IntAt(ctx.Input(2), 0), rank = p.ndim;
        int axis = ShapeUtil.Wrap(axisValue, rank);
        if (axis < 0)
            throw new InvalidArgumentError($"Expected axis in the range [{-rank}, {rank}), but got {axisValue}", ctx.Op);
        ReadOnlySpan<int> idx = idxArr.Data as int[] ?? ShapeUtil.Ints(idxArr);
        int limit = p.shape[axis];
        for (int i = 0; i < idx.Length; i++)
            if (idx[i] < 0 || idx[i] >= limit)
                throw new InvalidArgumentError($"indices{MultiIndex(idxArr.shape, i)} = {idx[i]} is not in [0, {limit})", ctx.Op);
        Span<int> shape = stackalloc int[rank - 1 + idxArr.ndim];
        p.shape.AsSpan(0, axis).CopyTo(shape);
        idxArr.shape.CopyTo(shape[axis..]);
        p.shape.AsSpan(axis + 1).CopyTo(shape[(axis + idxArr.ndim)..]);
        var o = ctx.Output(0, p.dtype, shape);
        int elem = p.dtype.size, outer = Raw.Prod(p.shape, 0, axis), inner = Raw.Prod(p.shape, axis + 1, rank) * elem;
        var src = Raw.Bytes(p);
        var dst = Raw.Bytes(o);
        int n = idx.Length;
        for (int b = 0; b < outer; b++)
            for (int j = 0; j < n; j++)
                src.Slice((b * limit + idx[j]) * inner, inner).CopyTo(dst.Slice((b * n + j) * inner, inner));
    }

    // TF parity: SliceDebugString prints a flat position as a multi-index: [1] or [0,2].
    internal static string MultiIndex(int[] shape, int flat)
    {
        var parts = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { parts[d] = shape[d] == 0 ? 0 : flat % shape[d]; flat = shape[d] == 0 ? 0 : flat / shape[d]; }
        return shape.Length == 0 ? "" : "[" + string.Join(",", parts) + "]";
    }
}

/// <summary>Sums rows of <c>data</c> into <c>num_segments</c> buckets chosen by <c>segment_ids</c> (negative ids are dropped).</summary>
internal sealed class UnsortedSegmentSumOp : OpDef
{
    public static readonly UnsortedSegmentSumOp Instance = new();

    UnsortedSegmentSumOp() : base("UnsortedSegmentSum", "data", "segment_ids", "num_segments") { }

    public static Tensor Build(Tensor data, Tensor ids, Tensor numSegments, string? name) =>
        Instance.Create(name, "UnsortedSegmentSum", [data, ids, numSegments]).outputs[0];

    // TF parity: core/framework/common_shape_fns.cc, UnsortedSegmentReductionShapeFn.
    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        ShapeUtil.RequireIndex(c, 1);
        ShapeUtil.RequireIndex(c, 2);
        c.RequireRank(2, 0);
        var data = c.Shape(0);
        var ids = c.Shape(1);
        if (ids.Dims is not { } id) return InferContext.One(c.DType(0), TensorShape.Unknown);
        if (data.Dims is { } dd)
        {
            if (dd.Length < id.Length) throw c.Error($"Shape must be at least rank {id.Length} but is rank {dd.Length}");
            ArrayInfer.Merge(c, new TensorShape(dd[..id.Length]), ids);
        }
        int num = ShapeUtil.ConstInts(c, 2) is [var k] ? k : -1;
        if (data.Dims is not { } d) return InferContext.One(c.DType(0), TensorShape.Unknown);
        return InferContext.One(c.DType(0), new TensorShape([num, .. d[id.Length..]]));
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [GatherV2Op.Build(grads[0]!, op.inputs[1], tf.constant(0), null), null, null];

    public override void Compute(KernelContext ctx)
    {
        var data = ctx.Input(0);
        var idsArr = ctx.Input(1);
        int num = ShapeUtil.IntAt(ctx.Input(2), 0);
        if (data.ndim < idsArr.ndim || !data.shape.AsSpan(0, idsArr.ndim).SequenceEqual(idsArr.shape))
            throw new InvalidArgumentError($"data.shape = {ShapeUtil.Brackets(data.shape)} does not start with segment_ids.shape = {ShapeUtil.Brackets(idsArr.shape)}", ctx.Op);
        var ids = idsArr.Data as int[] ?? ShapeUtil.Ints(idsArr);
        int[] shape = [num, .. data.shape[idsArr.ndim..]];
        var o = ctx.Output(0, data.dtype, shape);
        int inner = Raw.Prod(data.shape, idsArr.ndim, data.ndim);
        for (int i = 0; i < ids.Length; i++)
            if (ids[i] >= num)
                throw new InvalidArgumentError($"segment_ids{GatherV2Op.MultiIndex(idsArr.shape, i)} = {ids[i]} is out of range [0, {num})", ctx.Op);
        switch (data.Data)
        {
            case float[]: Sum<float>(data.AsSpan<float>(), ids, inner, o.AsSpan<float>()); break;
            case double[]: Sum<double>(data.AsSpan<double>(), ids, inner, o.AsSpan<double>()); break;
            case int[]: Sum<int>(data.AsSpan<int>(), ids, inner, o.AsSpan<int>()); break;
            case long[]: Sum<long>(data.AsSpan<long>(), ids, inner, o.AsSpan<long>()); break;
        }
    }

    static void Sum<T>(ReadOnlySpan<T> data, int[] ids, int inner, Span<T> o) where T : unmanaged, INumber<T>
    {
        o.Clear();
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0) continue;
            var dst = o.Slice(ids[i] * inner, inner);
            TensorPrimitives.Add(dst, data.Slice(i * inner, inner), dst);
        }
    }
}
