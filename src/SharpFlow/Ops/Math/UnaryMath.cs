using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

// Element-wise unary math ops. Gradients follow tensorflow/python/ops/math_grad.py.

/// <summary>x².</summary>
internal sealed class SquareOp() : UnaryOp("Square", Numeric)
{
    public static readonly SquareOp Instance = new();

    // TF parity: math_grad.py _SquareGrad: grad · (2 · x).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [MulOp.Instance.Build(grads[0]!, MulOp.Instance.Build(op.inputs[0], tf.Literal(2.0, op.inputs[0].dtype), null), null)];

    public override void Compute(KernelContext ctx) =>
        Run<SquareOperator<float>, SquareOperator<double>, SquareOperator<int>, SquareOperator<long>>(ctx);
}

/// <summary>√x.</summary>
internal sealed class SqrtOp() : UnaryOp("Sqrt", Floating)
{
    public static readonly SqrtOp Instance = new();

    // TF parity: _SqrtGrad uses the fused SqrtGrad(y, dy) on the output.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [SqrtGradOp.Instance.Build(op.outputs[0], grads[0]!)];

    public override void Compute(KernelContext ctx) => Run<SqrtOperator, SqrtOperator>(ctx);
}

/// <summary>1 / √x.</summary>
internal sealed class RsqrtOp() : UnaryOp("Rsqrt", Floating)
{
    public static readonly RsqrtOp Instance = new();

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [RsqrtGradOp.Instance.Build(op.outputs[0], grads[0]!)];

    public override void Compute(KernelContext ctx) => Run<RsqrtOperator, RsqrtOperator>(ctx);
}

/// <summary>1 / x.</summary>
internal sealed class ReciprocalOp() : UnaryOp("Reciprocal", Floating)
{
    public static readonly ReciprocalOp Instance = new();

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReciprocalGradOp.Instance.Build(op.outputs[0], grads[0]!)];

    public override void Compute(KernelContext ctx) => Run<ReciprocalOperator, ReciprocalOperator>(ctx);
}

/// <summary>eˣ.</summary>
internal sealed class ExpOp() : UnaryOp("Exp", Floating)
{
    public static readonly ExpOp Instance = new();

    // TF parity: _ExpGrad: grad · y.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [MulOp.Instance.Build(grads[0]!, op.outputs[0], null)];

    public override void Compute(KernelContext ctx) => Run<ExpOperator, ExpOperator>(ctx);
}

/// <summary>Natural logarithm.</summary>
internal sealed class LogOp() : UnaryOp("Log", Floating)
{
    public static readonly LogOp Instance = new();

    // TF parity: _LogGrad: grad · reciprocal(x).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [MulOp.Instance.Build(grads[0]!, ReciprocalOp.Instance.Build(op.inputs[0], null), null)];

    public override void Compute(KernelContext ctx) => Run<LogOperator, LogOperator>(ctx);
}

/// <summary>log(1 + x).</summary>
internal sealed class Log1pOp() : UnaryOp("Log1p", Floating)
{
    public static readonly Log1pOp Instance = new();

    // TF parity: _Log1pGrad: grad · reciprocal(1 + x).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [MulOp.Instance.Build(grads[0]!, ReciprocalOp.Instance.Build(1.0 + op.inputs[0], null), null)];

    public override void Compute(KernelContext ctx) => Run<Log1pOperator, Log1pOperator>(ctx);
}

/// <summary>|x|.</summary>
internal sealed class AbsOp() : UnaryOp("Abs", Numeric)
{
    public static readonly AbsOp Instance = new();

    // TF parity: _AbsGrad: grad · sign(x), so abs'(0) = 0.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [MulOp.Instance.Build(grads[0]!, SignOp.Instance.Build(op.inputs[0], null), null)];

    public override void Compute(KernelContext ctx) =>
        Run<AbsOperator<float>, AbsOperator<double>, AbsOperator<int>, AbsOperator<long>>(ctx);
}

/// <summary>−1, 0 or 1 by the sign of x.</summary>
internal sealed class SignOp() : UnaryOp("Sign", Numeric)
{
    public static readonly SignOp Instance = new();

    // TF parity: _SignGrad: zeros shaped like x (a gradient that exists and is zero, not None).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [tf.zeros_like(op.inputs[0])];

    public override void Compute(KernelContext ctx) =>
        Run<SignOperator<float>, SignOperator<double>, SignOperator<int>, SignOperator<long>>(ctx);
}

/// <summary>1 / (1 + e⁻ˣ).</summary>
internal sealed class SigmoidOp() : UnaryOp("Sigmoid", Floating), IFusableActivation
{
    public static readonly SigmoidOp Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<SigmoidOperator, SigmoidOperator>(buffer, start, length);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [SigmoidGradOp.Instance.Build(op.outputs[0], grads[0]!)];

    public override void Compute(KernelContext ctx) => Run<SigmoidOperator, SigmoidOperator>(ctx);
}

/// <summary>Hyperbolic tangent.</summary>
internal sealed class TanhOp() : UnaryOp("Tanh", Floating), IFusableActivation
{
    public static readonly TanhOp Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<TanhOperator, TanhOperator>(buffer, start, length);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [TanhGradOp.Instance.Build(op.outputs[0], grads[0]!)];

    public override void Compute(KernelContext ctx) => Run<TanhOperator, TanhOperator>(ctx);
}
