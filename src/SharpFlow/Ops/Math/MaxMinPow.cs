using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Element-wise maximum with broadcasting.</summary>
internal sealed class MaximumOp() : BinaryOp("Maximum", Numeric)
{
    public static readonly MaximumOp Instance = new();

    // TF parity: math_grad.py _MaximumGrad: x takes the gradient where x >= y (ties go to x).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        MaximumMinimumGradient.For(op, grads[0]!, GreaterEqualOp.Instance);

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<MaximumOperator<float>, MaximumOperator<double>, MaximumOperator<int>, MaximumOperator<long>>(ctx);
}

/// <summary>Element-wise minimum with broadcasting.</summary>
internal sealed class MinimumOp() : BinaryOp("Minimum", Numeric)
{
    public static readonly MinimumOp Instance = new();

    // TF parity: math_grad.py _MinimumGrad: x takes the gradient where x <= y (ties go to x).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        MaximumMinimumGradient.For(op, grads[0]!, LessEqualOp.Instance);

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<MinimumOperator<float>, MinimumOperator<double>, MinimumOperator<int>, MinimumOperator<long>>(ctx);
}

/// <summary>TF parity: math_grad.py _MaximumMinimumGrad, shared by Maximum and Minimum.</summary>
internal static class MaximumMinimumGradient
{
    internal static Tensor?[] For(Operation op, Tensor grad, ComparisonOp selector)
    {
        Tensor x = op.inputs[0], y = op.inputs[1];
        var zeros = tf.zeros_like(grad);
        var xmask = selector.Build(x, y, null);
        var xgrad = SelectOp.Instance.Build(xmask, grad, zeros, null);
        var ygrad = SelectOp.Instance.Build(xmask, zeros, grad, null);
        return [BroadcastGradient.Reduce(xgrad, x), BroadcastGradient.Reduce(ygrad, y)];
    }
}

/// <summary>(x − y)² with broadcasting.</summary>
internal sealed class SquaredDifferenceOp() : BinaryOp("SquaredDifference", Numeric)
{
    public static readonly SquaredDifferenceOp Instance = new();

    // TF parity: _SquaredDifferenceGrad: 2·grad·(x − y) for x, its negation for y.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor x = op.inputs[0], y = op.inputs[1];
        var xGrad = (2.0 * grads[0]!) * (x - y);
        return [BroadcastGradient.Reduce(xGrad, x), NegOp.Instance.Build(BroadcastGradient.Reduce(xGrad, y), null)];
    }

    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<SquaredDifferenceOperator<float>, SquaredDifferenceOperator<double>,
            SquaredDifferenceOperator<int>, SquaredDifferenceOperator<long>>(ctx);
}

/// <summary>xʸ with broadcasting.</summary>
internal sealed class PowOp() : BinaryOp("Pow", Numeric)
{
    public static readonly PowOp Instance = new();

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        // TF parity: math_grad.py _PowGrad; log x is masked to 0 where x <= 0 to avoid a false singularity.
        Tensor x = op.inputs[0], y = op.inputs[1], z = op.outputs[0], grad = grads[0]!;
        var gx = grad * (y * Instance.Build(x, y - 1.0, null));
        var mask = GreaterOp.Instance.Build(x, tf.Literal(0.0, x.dtype), null);
        var safeX = SelectOp.Instance.Build(mask, x, tf.ones_like(x), null);
        var logX = SelectOp.Instance.Build(mask, LogOp.Instance.Build(safeX, null), tf.zeros_like(x), null);
        var gy = grad * z * logX;
        return [BroadcastGradient.Reduce(gx, x), BroadcastGradient.Reduce(gy, y)];
    }

    public override void Compute(KernelContext ctx)
    {
        if (ctx.Input(1) is { Data: float[] { Length: 1 } e } && PowKernel.Handles(e[0]))
        {
            // A float power by a scalar 2 or 1 (the squared error and its gradient): no powf call per element.
            var x = ctx.Input(0);
            var shape = BinaryKernel.OutputShape(ctx, x, ctx.Input(1));
            PowKernel.Run(x.AsSpan<float>(), e[0], ctx.OutputInPlace(0, 0, DType.Float32, shape).AsSpan<float>());
            return;
        }
        // TF parity: cwise_ops.h safe_pow: integer powers with a negative exponent are an error.
        bool negative = ctx.Input(1).Data switch
        {
            int[] a => Array.Exists(a, v => v < 0),
            long[] l => Array.Exists(l, v => v < 0),
            _ => false,
        };
        if (negative) throw new InvalidArgumentError("Integers to negative integer powers are not allowed", ctx.Op);
        BinaryKernel.Run<PowOperator<float>, PowOperator<double>, PowOperator<int>, PowOperator<long>>(ctx);
    }
}
