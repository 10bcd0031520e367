using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Joins tensors along an existing axis; the last input is the axis.</summary>
internal sealed class ConcatV2Op : OpDef, IConstantFoldable
{
    public static readonly ConcatV2Op Instance = new();

    ConcatV2Op() : base("ConcatV2", "values", "axis") { }

    public static Tensor Build(IReadOnlyList<Tensor> values, Tensor axis, string? name) =>
        Instance.Create(name, "concat", [.. values, axis]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        int n = c.InputCount - 1;
        if (n < 2) throw new ValueError($"ConcatV2 needs at least 2 values, got {n}.");
        ArrayInfer.RequireSameTypes(c, n, "values", Type);
        c.RequireType(n, DType.Int32, DType.Int64);
        c.RequireRank(n, 0);
        return InferContext.One(c.DType(0), ArrayInfer.ConcatShape(c, n));
    }

    public NDArray? Fold(Tensor output)
    {
        var inputs = output.op.inputs;
        var values = new NDArray[inputs.Count - 1];
        for (int i = 0; i < values.Length; i++)
            if ((values[i] = ConstantFolding.Value(inputs[i])!) is null || values[i].ndim != 1) return null;
        if (ConstantFolding.Value(inputs[^1]) is null) return null;
        return NDArray.FromFlat(values.SelectMany(v => v.ToArray<long>()).ToArray(), values.Sum(v => v.size)).astype(values[0].dtype);
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        // TF parity: python/ops/array_grad.py, _ConcatGradHelper (graph mode, dense gradient).
        var grad = grads[0]!;
        var values = op.inputs.Take(op.inputs.Count - 1).ToArray();
        var axis = FloorModOp.Instance.Build(op.inputs[^1], tf.rank(values[0]), null);
        var sizes = values.Select(v => tf.shape(v)).ToArray();
        var offsets = ConcatOffsetOp.Build(axis, sizes);
        var result = new Tensor?[op.inputs.Count];
        for (int i = 0; i < values.Length; i++) result[i] = SliceOp.Build(grad, offsets[i], sizes[i], null);
        return result;
    }

    public override void Compute(KernelContext ctx)
    {
        int n = ctx.InputCount - 1;
        var first = ctx.Input(0);
        int rank = first.ndim;
        int axisValue = ShapeUtil.IntAt(ctx.Input(n), 0);
        int axis = ShapeUtil.Wrap(axisValue, rank);
        if (axis < 0)
            throw new InvalidArgumentError($"ConcatOp : Expected concatenating dimensions in the range [{-rank}, {rank}), but got {axisValue}", ctx.Op);
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            var x = ctx.Input(i);
            if (x.ndim != rank)
                throw new InvalidArgumentError($"ConcatOp : Ranks of all input tensors should match: shape[0] = {ShapeUtil.Brackets(first.shape)} vs. shape[{i}] = {ShapeUtil.Brackets(x.shape)}", ctx.Op);
            for (int d = 0; d < rank; d++)
                if (d != axis && x.shape[d] != first.shape[d])
                    throw new InvalidArgumentError($"ConcatOp : Dimensions of inputs should match: shape[0] = {ShapeUtil.Brackets(first.shape)} vs. shape[{i}] = {ShapeUtil.Brackets(x.shape)}", ctx.Op);
            total += x.shape[axis];
        }
        Span<int> shape = stackalloc int[rank];
        first.shape.CopyTo(shape);
        shape[axis] = total;
        var o = ctx.Output(0, first.dtype, shape);
        int elem = first.dtype.size, outer = Raw.Prod(first.shape, 0, axis), inner = Raw.Prod(first.shape, axis + 1, rank) * elem;
        var dst = Raw.Bytes(o);
        int rowBytes = total * inner, offset = 0;
        for (int i = 0; i < n; i++)
        {
            var x = ctx.Input(i);
            var src = Raw.Bytes(x);
            int chunk = x.shape[axis] * inner;
            for (int r = 0; r < outer; r++) src.Slice(r * chunk, chunk).CopyTo(dst.Slice(r * rowBytes + offset, chunk));
            offset += chunk;
        }
    }
}

/// <summary>Where each input of a concatenation starts in the output (used by the concat gradient).</summary>
internal sealed class ConcatOffsetOp : OpDef
{
    public static readonly ConcatOffsetOp Instance = new();

    ConcatOffsetOp() : base("ConcatOffset", "concat_dim", "shape") { }

    public override bool IsDifferentiable => false;

    public static Tensor[] Build(Tensor axis, Tensor[] shapes) =>
        [.. Instance.Create(null, "ConcatOffset", [axis, .. shapes]).outputs];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Int32);
        return Enumerable.Range(1, c.InputCount - 1).Select(i => new TensorSpec(DType.Int32, c.Shape(i))).ToArray();
    }

    public override void Compute(KernelContext ctx)
    {
        int n = ctx.InputCount - 1;
        var first = ShapeUtil.Ints(ctx.Input(1));
        int rank = first.Length, axisValue = ShapeUtil.Ints(ctx.Input(0))[0];
        int axis = ShapeUtil.Wrap(axisValue, rank);
        if (axis < 0)
            throw new InvalidArgumentError($"Concat dim is out of range: {axisValue} vs. {rank}", ctx.Op);
        int offset = 0;
        for (int i = 0; i < n; i++)
        {
            var s = ShapeUtil.Ints(ctx.Input(i + 1));
            if (s.Length != rank)
                throw new InvalidArgumentError($"input {i} should contain {rank} elements, but got {s.Length}", ctx.Op);
            var o = (int[])ctx.Output(i, DType.Int32, [rank]).Data;
            for (int d = 0; d < rank; d++)
            {
                if (d != axis && s[d] != first[d])
                    throw new InvalidArgumentError($"input[{i},{d}] mismatch: {s[d]} vs. {first[d]}", ctx.Op);
                o[d] = d == axis ? offset : 0;
            }
            offset += s[axis];
        }
    }
}
