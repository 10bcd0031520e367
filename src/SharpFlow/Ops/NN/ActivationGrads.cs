using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

// The fused gradient ops of the activations and their own gradients (tensorflow/python/ops/nn_grad.py).

/// <summary>ReluGrad(gradients, features): gradients where features &gt; 0, else 0.</summary>
internal sealed class ReluGradOp() : GradientKernelOp("ReluGrad", Numeric, "gradients", "features", mergeShapes: true)
{
    public static readonly ReluGradOp Instance = new();

    // TF parity: _ReluGradGrad: (ReluGrad(grad, features), zeros for the features).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var x = op.inputs[1];
        return [Instance.Build(grads[0]!, x), tf.zeros_like(x)];
    }

    public override void Compute(KernelContext ctx) =>
        Run<ReluGradOperator<float>, ReluGradOperator<double>, ReluGradOperator<int>, ReluGradOperator<long>>(ctx);
}

/// <summary>Relu6Grad(gradients, features): gradients where 0 &lt; features &lt; 6, else 0.</summary>
internal sealed class Relu6GradOp() : GradientKernelOp("Relu6Grad", Numeric, "gradients", "features", mergeShapes: true)
{
    public static readonly Relu6GradOp Instance = new();

    // TF parity: _Relu6GradGrad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var x = op.inputs[1];
        return [Instance.Build(grads[0]!, x), tf.zeros_like(x)];
    }

    public override void Compute(KernelContext ctx) =>
        Run<Relu6GradOperator<float>, Relu6GradOperator<double>, Relu6GradOperator<int>, Relu6GradOperator<long>>(ctx);
}

/// <summary>EluGrad(gradients, outputs): (outputs + 1)·gradients where outputs &lt; 0, else gradients.</summary>
internal sealed class EluGradOp() : GradientKernelOp("EluGrad", Floating, "gradients", "outputs", mergeShapes: true)
{
    public static readonly EluGradOp Instance = new();

    // TF parity: _EluGradGrad (the form of TF ≥ 1.15, which passes the ELU output, not this op's output).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor g = grads[0]!, dy = op.inputs[0], y = op.inputs[1];
        var negative = LessOp.Instance.Build(y, tf.Literal(0.0, y.dtype), null);
        return [Instance.Build(g, y), SelectOp.Instance.Build(negative, g * dy, tf.zeros_like(y), null)];
    }

    public override void Compute(KernelContext ctx) => Run<EluGradOperator<float>, EluGradOperator<double>>(ctx);
}

/// <summary>SeluGrad(gradients, outputs): gradients·(outputs + scale·alpha) where outputs &lt; 0, else gradients·scale.</summary>
internal sealed class SeluGradOp() : GradientKernelOp("SeluGrad", Floating, "gradients", "outputs", mergeShapes: true)
{
    public static readonly SeluGradOp Instance = new();

    // TF parity: _SeluGradGrad of TF 2.x; TF 1.x's version reused EluGrad and was wrong for the first input.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor g = grads[0]!, dy = op.inputs[0], y = op.inputs[1];
        var negative = LessOp.Instance.Build(y, tf.Literal(0.0, y.dtype), null);
        return [Instance.Build(g, y), SelectOp.Instance.Build(negative, g * dy, tf.zeros_like(y), null)];
    }

    public override void Compute(KernelContext ctx) => Run<SeluGradOperator<float>, SeluGradOperator<double>>(ctx);
}

/// <summary>SoftplusGrad(gradients, features) = gradients / (e^−features + 1).</summary>
internal sealed class SoftplusGradOp() : GradientKernelOp("SoftplusGrad", Floating, "gradients", "features", mergeShapes: true)
{
    public static readonly SoftplusGradOp Instance = new();

    // TF parity: _SoftplusGradGrad: (SoftplusGrad(grad, x), grad·dy / (e^−x + 2 + eˣ)).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor g = grads[0]!, dy = op.inputs[0], x = op.inputs[1];
        var denominator = ExpOp.Instance.Build(NegOp.Instance.Build(x, null), null) + 2.0 + ExpOp.Instance.Build(x, null);
        return [Instance.Build(g, x), RealDivOp.Instance.Build(g * dy, denominator, null)];
    }

    public override void Compute(KernelContext ctx) => Run<SoftplusGradOperator, SoftplusGradOperator>(ctx);
}
