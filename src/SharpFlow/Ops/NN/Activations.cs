using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

// Activation functions of tf.nn. Gradients follow tensorflow/python/ops/nn_grad.py: each uses a fused *Grad op.

/// <summary>max(x, 0).</summary>
internal sealed class ReluOp() : UnaryOp("Relu", Numeric), IFusableActivation
{
    public static readonly ReluOp Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<ReluOperator<float>, ReluOperator<double>>(buffer, start, length);

    // TF parity: nn_grad.py _ReluGrad: ReluGrad(grad, y); y > 0 exactly where x > 0, so relu'(0) = 0.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReluGradOp.Instance.Build(grads[0]!, op.outputs[0])];

    public override void Compute(KernelContext ctx) =>
        Run<ReluOperator<float>, ReluOperator<double>, ReluOperator<int>, ReluOperator<long>>(ctx);
}

/// <summary>min(max(x, 0), 6).</summary>
internal sealed class Relu6Op() : UnaryOp("Relu6", Numeric), IFusableActivation
{
    public static readonly Relu6Op Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<Relu6Operator<float>, Relu6Operator<double>>(buffer, start, length);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [Relu6GradOp.Instance.Build(grads[0]!, op.outputs[0])];

    public override void Compute(KernelContext ctx) =>
        Run<Relu6Operator<float>, Relu6Operator<double>, Relu6Operator<int>, Relu6Operator<long>>(ctx);
}

/// <summary>Exponential linear unit: x for x &gt; 0, else eˣ − 1.</summary>
internal sealed class EluOp() : UnaryOp("Elu", Floating), IFusableActivation
{
    public static readonly EluOp Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<EluOperator, EluOperator>(buffer, start, length);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [EluGradOp.Instance.Build(grads[0]!, op.outputs[0])];

    public override void Compute(KernelContext ctx) => Run<EluOperator, EluOperator>(ctx);
}

/// <summary>Scaled exponential linear unit.</summary>
internal sealed class SeluOp() : UnaryOp("Selu", Floating), IFusableActivation
{
    public static readonly SeluOp Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<SeluOperator, SeluOperator>(buffer, start, length);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [SeluGradOp.Instance.Build(grads[0]!, op.outputs[0])];

    public override void Compute(KernelContext ctx) => Run<SeluOperator, SeluOperator>(ctx);
}

/// <summary>log(1 + eˣ).</summary>
internal sealed class SoftplusOp() : UnaryOp("Softplus", Floating), IFusableActivation
{
    public static readonly SoftplusOp Instance = new();

    public void ApplyInPlace(NDArray buffer, int start, int length) => ApplyInPlace<SoftplusOperator, SoftplusOperator>(buffer, start, length);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [SoftplusGradOp.Instance.Build(grads[0]!, op.inputs[0])];

    public override void Compute(KernelContext ctx) => Run<SoftplusOperator, SoftplusOperator>(ctx);
}
