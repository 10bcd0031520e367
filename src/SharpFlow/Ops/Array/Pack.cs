using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Stacks N tensors of one shape along a new axis (<c>tf.stack</c>).</summary>
internal sealed class PackOp : OpDef, IConstantFoldable
{
    public static readonly PackOp Instance = new();
    public static readonly AttrKey<int> Axis = new("axis", 0);

    PackOp() : base("Pack", "values") { }

    public static Tensor Build(IReadOnlyList<Tensor> values, int axis, string? name) =>
        Instance.Create(name, "stack", [.. values], AttrMap.Of(Axis.With(axis))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        int n = c.InputCount;
        if (n < 1) throw new ValueError("Pack needs at least one value.");
        ArrayInfer.RequireSameTypes(c, n, "values", Type);
        var cur = ArrayInfer.MergeAll(c, n);
        if (cur.Dims is not { } dims) return InferContext.One(c.DType(0), TensorShape.Unknown);
        int axis = c.Get(Axis), rank = dims.Length + 1;
        if (axis < -rank || axis >= rank) throw c.Error($"Invalid axis: {axis}; must be in [{-rank},{rank})");
        if (axis < 0) axis += rank;
        return InferContext.One(c.DType(0), new TensorShape([.. dims[..axis], n, .. dims[axis..]]));
    }

    public NDArray? Fold(Tensor output)
    {
        var values = output.op.inputs.Select(ConstantFolding.Value).ToArray();
        if (values.Any(v => v is null || v.ndim != 0) || output.op.Get(Axis) != 0) return null;
        return np.stack(values!);
    }

    // TF parity: python/ops/array_grad.py, _PackGrad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        UnpackOp.Build(grads[0]!, op.inputs.Count, op.Get(Axis), null);

    public override void Compute(KernelContext ctx)
    {
        int n = ctx.InputCount;
        var first = ctx.Input(0);
        for (int i = 1; i < n; i++)
            if (!ctx.Input(i).shape.AsSpan().SequenceEqual(first.shape))
                throw new InvalidArgumentError($"Shapes of all inputs must match: values[0].shape = {ShapeUtil.Brackets(first.shape)} != values[{i}].shape = {ShapeUtil.Brackets(ctx.Input(i).shape)}", ctx.Op);
        int rank = first.ndim + 1, axis = ctx.Get(Axis);
        if (axis < 0) axis += rank;
        Span<int> shape = stackalloc int[rank];
        for (int d = 0, k = 0; d < rank; d++) shape[d] = d == axis ? n : first.shape[k++];
        var o = ctx.Output(0, first.dtype, shape);
        int elem = first.dtype.size, outer = Raw.Prod(first.shape, 0, axis), chunk = Raw.Prod(first.shape, axis, first.ndim) * elem;
        var dst = Raw.Bytes(o);
        for (int i = 0; i < n; i++)
        {
            var src = Raw.Bytes(ctx.Input(i));
            for (int r = 0; r < outer; r++) src.Slice(r * chunk, chunk).CopyTo(dst.Slice((r * n + i) * chunk, chunk));
        }
    }
}

/// <summary>Splits a tensor along an axis into its slices (<c>tf.unstack</c>).</summary>
internal sealed class UnpackOp : OpDef
{
    public static readonly UnpackOp Instance = new();
    public static readonly AttrKey<int> Num = new("num", 0);
    public static readonly AttrKey<int> Axis = new("axis", 0);

    UnpackOp() : base("Unpack", "value") { }

    public static Tensor[] Build(Tensor value, int num, int axis, string? name) =>
        [.. Instance.Create(name, "unstack", [value], AttrMap.Of(Num.With(num), Axis.With(axis))).outputs];

    public override TensorSpec[] Infer(InferContext c)
    {
        int num = c.Get(Num);
        var s = c.Shape(0);
        var shape = TensorShape.Unknown;
        if (s.Dims is { } dims)
        {
            int rank = dims.Length, axis = c.Get(Axis);
            if (axis < -rank || axis >= rank) throw c.Error($"Invalid axis: {axis}; must be in [{-rank},{rank})");
            if (axis < 0) axis += rank;
            if (dims[axis] >= 0 && dims[axis] != num) throw c.Error($"Dimension must be {num} but is {dims[axis]}");
            shape = new TensorShape([.. dims[..axis], .. dims[(axis + 1)..]]);
        }
        return Enumerable.Repeat(new TensorSpec(c.DType(0), shape), num).ToArray();
    }

    // TF parity: python/ops/array_grad.py, _UnpackGrad; outputs without a gradient contribute zeros.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var parts = new Tensor[grads.Length];
        for (int i = 0; i < grads.Length; i++) parts[i] = grads[i] ?? tf.zeros_like(op.outputs[i]);
        return [PackOp.Build(parts, op.Get(Axis), null)];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        int rank = x.ndim, axis = ctx.Get(Axis), num = ctx.Get(Num);
        if (axis < 0) axis += rank;
        if (axis < 0 || axis >= rank)
            throw new InvalidArgumentError($"axis = {ctx.Get(Axis)} not in [{-rank}, {rank})", ctx.Op);
        if (x.shape[axis] != num)
            throw new InvalidArgumentError($"Input shape axis {axis} must equal {num}, got shape {ShapeUtil.Brackets(x.shape)}", ctx.Op);
        Span<int> shape = stackalloc int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) if (d != axis) shape[k++] = x.shape[d];
        int elem = x.dtype.size, outer = Raw.Prod(x.shape, 0, axis), chunk = Raw.Prod(x.shape, axis + 1, rank) * elem;
        var src = Raw.Bytes(x);
        for (int i = 0; i < num; i++)
        {
            var dst = Raw.Bytes(ctx.Output(i, x.dtype, shape));
            for (int r = 0; r < outer; r++) src.Slice((r * num + i) * chunk, chunk).CopyTo(dst.Slice(r * chunk, chunk));
        }
    }
}
