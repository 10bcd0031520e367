using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>
/// Shared contract of the fused gradient ops (<c>SigmoidGrad(y, dy)</c>, <c>ReluGrad(gradients, features)</c> …):
/// two same-shaped inputs of one dtype, an output of that shape.
/// </summary>
internal abstract class GradientKernelOp(string type, DType[] allowed, string input0, string input1, bool mergeShapes)
    : OpDef(type, input0, input1)
{
    protected static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];
    protected static readonly DType[] Floating = [DType.Float32, DType.Float64];

    public override int[] SameTypeInputs => [0, 1];

    // TF parity: math_ops.cc gives the *Grad ops of math_grad.py UnchangedShape; nn_ops.cc merges both inputs.
    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, allowed);
        return InferContext.One(c.DType(0), mergeShapes ? c.Merge(0, 1) : c.Shape(0));
    }

    public Tensor Build(Tensor a, Tensor b, string? name = null) => Create(name, Type, [a, b]).outputs[0];

    /// <summary>TensorFlow's <c>ValidateInputsAreSameShape</c> failure.</summary>
    internal static InvalidArgumentError NotSameShape(KernelContext ctx, NDArray a, NDArray b) =>
        new($"Inputs to operation {ctx.Op.name} of type {ctx.Op.type} must have the same size and shape.  " +
            $"Input 0: [{string.Join(",", a.shape)}] != input 1: [{string.Join(",", b.shape)}]", ctx.Op);

    /// <summary>Runs the operator struct of the inputs' dtype over two same-shaped inputs.</summary>
    protected static void Run<TF, TD>(KernelContext ctx) where TF : IBinaryOp<float> where TD : IBinaryOp<double>
    {
        var (a, b, o) = Prepare(ctx);
        switch (a.Data)
        {
            case float[]: Elementwise.Binary<float, TF>(a.AsSpan<float>(), b.AsSpan<float>(), o.AsSpan<float>()); break;
            case double[]: Elementwise.Binary<double, TD>(a.AsSpan<double>(), b.AsSpan<double>(), o.AsSpan<double>()); break;
            default: throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {a.dtype}", ctx.Op);
        }
    }

    /// <summary>Runs the operator struct of the inputs' dtype, integers included.</summary>
    protected static void Run<TF, TD, TI, TL>(KernelContext ctx)
        where TF : IBinaryOp<float> where TD : IBinaryOp<double> where TI : IBinaryOp<int> where TL : IBinaryOp<long>
    {
        var (a, b, o) = Prepare(ctx);
        switch (a.Data)
        {
            case float[]: Elementwise.Binary<float, TF>(a.AsSpan<float>(), b.AsSpan<float>(), o.AsSpan<float>()); break;
            case double[]: Elementwise.Binary<double, TD>(a.AsSpan<double>(), b.AsSpan<double>(), o.AsSpan<double>()); break;
            case int[]: Elementwise.Binary<int, TI>(a.AsSpan<int>(), b.AsSpan<int>(), o.AsSpan<int>()); break;
            case long[]: Elementwise.Binary<long, TL>(a.AsSpan<long>(), b.AsSpan<long>(), o.AsSpan<long>()); break;
            default: throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {a.dtype}", ctx.Op);
        }
    }

    static (NDArray a, NDArray b, NDArray o) Prepare(KernelContext ctx)
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        if (!a.shape.AsSpan().SequenceEqual(b.shape)) throw NotSameShape(ctx, a, b);
        return (a, b, ctx.OutputInPlace(0, 0, 1, a.dtype, a.shape));
    }
}

/// <summary>SigmoidGrad(y, dy) = dy · y · (1 − y).</summary>
internal sealed class SigmoidGradOp() : GradientKernelOp("SigmoidGrad", Floating, "y", "dy", mergeShapes: false)
{
    public static readonly SigmoidGradOp Instance = new();

    // TF parity: math_grad.py _SigmoidGradGrad: (grad·dy − 2·grad·dy·y, SigmoidGrad(y, grad)).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor y = op.inputs[0], dy = op.inputs[1], g = grads[0]!;
        var gb = g * dy;
        return [gb - 2.0 * gb * y, Instance.Build(y, g)];
    }

    public override void Compute(KernelContext ctx) => Run<SigmoidGradOperator<float>, SigmoidGradOperator<double>>(ctx);
}

/// <summary>TanhGrad(y, dy) = dy · (1 − y²).</summary>
internal sealed class TanhGradOp() : GradientKernelOp("TanhGrad", Floating, "y", "dy", mergeShapes: false)
{
    public static readonly TanhGradOp Instance = new();

    // TF parity: _TanhGradGrad: (grad · −2 · dy · y, TanhGrad(y, grad)).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor y = op.inputs[0], dy = op.inputs[1], g = grads[0]!;
        return [g * -2.0 * dy * y, Instance.Build(y, g)];
    }

    public override void Compute(KernelContext ctx) => Run<TanhGradOperator<float>, TanhGradOperator<double>>(ctx);
}

/// <summary>SqrtGrad(y, dy) = 0.5 · dy / y.</summary>
internal sealed class SqrtGradOp() : GradientKernelOp("SqrtGrad", Floating, "y", "dy", mergeShapes: false)
{
    public static readonly SqrtGradOp Instance = new();

    // TF parity: _SqrtGradGrad: with ga = grad / y: (−ga · out, 0.5 · ga), out being this op's output.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var ga = RealDivOp.Instance.Build(grads[0]!, op.inputs[0], null);
        return [-ga * op.outputs[0], 0.5 * ga];
    }

    public override void Compute(KernelContext ctx) => Run<SqrtGradOperator<float>, SqrtGradOperator<double>>(ctx);
}

/// <summary>RsqrtGrad(y, dy) = −0.5 · dy · y³.</summary>
internal sealed class RsqrtGradOp() : GradientKernelOp("RsqrtGrad", Floating, "y", "dy", mergeShapes: false)
{
    public static readonly RsqrtGradOp Instance = new();

    // TF parity: _RsqrtGradGrad: (−1.5 · grad · dy · y², RsqrtGrad(y, grad)).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor y = op.inputs[0], dy = op.inputs[1], g = grads[0]!;
        return [-1.5 * g * dy * SquareOp.Instance.Build(y, null), Instance.Build(y, g)];
    }

    public override void Compute(KernelContext ctx) => Run<RsqrtGradOperator<float>, RsqrtGradOperator<double>>(ctx);
}

/// <summary>ReciprocalGrad(y, dy) = −dy · y².</summary>
internal sealed class ReciprocalGradOp() : GradientKernelOp("ReciprocalGrad", Floating, "y", "dy", mergeShapes: false)
{
    public static readonly ReciprocalGradOp Instance = new();

    // TF parity: _ReciprocalGradGrad: (grad · −2 · dy · y, ReciprocalGrad(y, grad)).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor y = op.inputs[0], dy = op.inputs[1], g = grads[0]!;
        return [g * -2.0 * dy * y, Instance.Build(y, g)];
    }

    public override void Compute(KernelContext ctx) => Run<ReciprocalGradOperator<float>, ReciprocalGradOperator<double>>(ctx);
}
