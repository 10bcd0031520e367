using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Softmax or log-softmax over the last axis, computed after subtracting each row's maximum.</summary>
internal sealed class SoftmaxOp : OpDef
{
    public static readonly SoftmaxOp Softmax = new("Softmax", log: false);
    public static readonly SoftmaxOp LogSoftmax = new("LogSoftmax", log: true);

    readonly bool _log;

    SoftmaxOp(string type, bool log) : base(type, "logits") => _log = log;

    public Tensor Build(Tensor logits, string? name) => Create(name, Type, [logits]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64);
        ShapeUtil.RequireRankAtLeast(c, 0, 1);
        return InferContext.One(c.DType(0), c.Shape(0));
    }

    // TF parity: python/ops/nn_grad.py, _SoftmaxGrad and _LogSoftmaxGrad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var grad = grads[0]!;
        var y = op.outputs[0];
        if (_log) return [grad - tf.reduce_sum(grad, -1, keepdims: true) * tf.exp(y)];
        var sumChannels = tf.reduce_sum(grad * y, -1, keepdims: true);
        return [(grad - sumChannels) * y];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        if (x.ndim < 1) throw new InvalidArgumentError($"logits must have >= 1 dimension, got {ShapeUtil.Brackets(x.shape)}", ctx.Op);
        var o = ctx.OutputLike(0, x);
        int n = x.shape[^1];
        switch (x.Data)
        {
            case float[]: SoftmaxKernel.Run(x.AsSpan<float>(), n, o.AsSpan<float>(), _log); break;
            case double[]: SoftmaxKernel.Run(x.AsSpan<double>(), n, o.AsSpan<double>(), _log); break;
            default: throw new InvalidArgumentError($"{Type} does not support dtype {x.dtype}", ctx.Op);
        }
    }
}
