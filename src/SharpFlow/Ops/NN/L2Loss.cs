using System.Numerics.Tensors;

namespace SharpFlow.Ops;

/// <summary>Half the sum of squares of all elements: Σ x² / 2, a scalar.</summary>
internal sealed class L2LossOp : OpDef
{
    public static readonly L2LossOp Instance = new();

    L2LossOp() : base("L2Loss", "t") { }

    public static Tensor Build(Tensor t, string? name) => Instance.Create(name, "L2Loss", [t]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64);
        return InferContext.One(c.DType(0), TensorShape.Scalar);
    }

    // TF parity: python/ops/nn_grad.py, _L2LossGrad: x * grad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [op.inputs[0] * grads[0]!];

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var o = ctx.Output(0, x.dtype, []);
        // TF parity: core/kernels/l2loss_op.h sums square(x) * 0.5; scaling by 0.5 is exact, so it can come last.
        switch (x.Data)
        {
            case float[]: o.AsSpan<float>()[0] = TensorPrimitives.SumOfSquares<float>(x.AsSpan<float>()) * 0.5f; break;
            case double[]: o.AsSpan<double>()[0] = TensorPrimitives.SumOfSquares<double>(x.AsSpan<double>()) * 0.5; break;
            default: throw new InvalidArgumentError($"L2Loss does not support {x.dtype}", ctx.Op);
        }
    }
}
