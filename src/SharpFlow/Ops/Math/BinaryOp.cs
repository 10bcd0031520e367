using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Shared contract of the broadcasting binary ops: one dtype for both inputs, NumPy broadcasting.</summary>
internal abstract class BinaryOp(string type, DType[] allowed) : OpDef(type, "x", "y")
{
    protected static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];
    protected static readonly DType[] Floating = [DType.Float32, DType.Float64];

    public override int[] SameTypeInputs => [0, 1];

    /// <summary>Dtype of the output (the inputs' dtype unless overridden, e.g. bool for comparisons).</summary>
    protected virtual DType OutputType(DType input) => input;

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, allowed);
        var shape = Broadcast.StaticShape(c.Shape(0), c.Shape(1), out var conflict)
            ?? throw c.Error($"Dimensions must be equal, but are {conflict.Item1} and {conflict.Item2}");
        return InferContext.One(OutputType(c.DType(0)), shape);
    }

    /// <summary>Builds the op: <paramref name="defaultName"/> is TensorFlow's Python-level name (<c>add</c> for <c>+</c>).</summary>
    public Tensor Build(Tensor x, Tensor y, string? name, string? defaultName = null) =>
        Create(name, defaultName ?? Type, [x, y]).outputs[0];
}

/// <summary>Element-wise sum with broadcasting.</summary>
internal sealed class AddOp() : BinaryOp("Add", Numeric)
{
    public static readonly AddOp Instance = new();

    // TF parity: math_grad.py _AddGrad: the gradient, summed over each input's broadcast axes.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [BroadcastGradient.Reduce(grads[0]!, op.inputs[0]), BroadcastGradient.Reduce(grads[0]!, op.inputs[1])];

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<AddOperator<float>, AddOperator<double>, AddOperator<int>, AddOperator<long>>(ctx);
}

/// <summary>Element-wise difference with broadcasting.</summary>
internal sealed class SubOp() : BinaryOp("Sub", Numeric)
{
    public static readonly SubOp Instance = new();

    // TF parity: math_grad.py _SubGrad: y's part is negated after the reduction.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [BroadcastGradient.Reduce(grads[0]!, op.inputs[0]), NegOp.Instance.Build(BroadcastGradient.Reduce(grads[0]!, op.inputs[1]), null)];

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<SubOperator<float>, SubOperator<double>, SubOperator<int>, SubOperator<long>>(ctx);
}

/// <summary>Element-wise product with broadcasting.</summary>
internal sealed class MulOp() : BinaryOp("Mul", Numeric)
{
    public static readonly MulOp Instance = new();

    // TF parity: math_grad.py _MulGrad: grad·y for x, x·grad for y.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor x = op.inputs[0], y = op.inputs[1], g = grads[0]!;
        return [BroadcastGradient.Reduce(Instance.Build(g, y, null), x), BroadcastGradient.Reduce(Instance.Build(x, g, null), y)];
    }

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<MulOperator<float>, MulOperator<double>, MulOperator<int>, MulOperator<long>>(ctx);
}

/// <summary>Element-wise real division (floating types).</summary>
internal sealed class RealDivOp() : BinaryOp("RealDiv", Floating)
{
    public static readonly RealDivOp Instance = new();

    // TF parity: math_grad.py _RealDivGrad: grad / y for x, grad · ((−x / y) / y) for y.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor x = op.inputs[0], y = op.inputs[1], g = grads[0]!;
        var gy = MulOp.Instance.Build(g, Instance.Build(Instance.Build(NegOp.Instance.Build(x, null), y, null), y, null), null);
        return [BroadcastGradient.Reduce(Instance.Build(g, y, null), x), BroadcastGradient.Reduce(gy, y)];
    }

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<DivOperator<float>, DivOperator<double>, DivOperator<int>, DivOperator<long>>(ctx);
}
