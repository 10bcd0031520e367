using System.Numerics;
using System.Numerics.Tensors;

namespace SharpFlow.Ops;

/// <summary>
/// Softmax cross-entropy of rows of logits against label distributions; outputs the loss per row and its
/// gradient (softmax − labels). Stable for any finite logits: every exponent is taken after subtracting the row max.
/// </summary>
internal sealed class SoftmaxCrossEntropyWithLogitsOp : OpDef
{
    public static readonly SoftmaxCrossEntropyWithLogitsOp Instance = new();

    SoftmaxCrossEntropyWithLogitsOp() : base("SoftmaxCrossEntropyWithLogits", "features", "labels") { }

    public override int[] SameTypeInputs => [0, 1];

    /// <summary>Builds the op; returns (loss, backprop).</summary>
    public static (Tensor loss, Tensor backprop) Build(Tensor features, Tensor labels, string? name)
    {
        var op = Instance.Create(name, "SoftmaxCrossEntropyWithLogits", [features, labels]);
        return (op.outputs[0], op.outputs[1]);
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        // TF parity: core/ops/nn_ops.cc, SoftmaxCrossEntropyWithLogits shape function (same-shape case).
        c.RequireType(0, DType.Float32, DType.Float64);
        c.RequireRank(0, 2);
        c.RequireRank(1, 2);
        var shape = c.Merge(0, 1);
        var batch = shape.Dims is { } d ? d[0] : -1;
        return [new TensorSpec(c.DType(0), new TensorShape(batch)), new TensorSpec(c.DType(0), shape)];
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        // TF parity: python/ops/nn_grad.py, _SoftmaxCrossEntropyWithLogitsGrad.
        var gradLoss = grads[0]!;
        var gradGrad = grads[1];
        var logits = op.inputs[0];
        var grad = CrossEntropyGrad.BroadcastMul(gradLoss, op.outputs[1]);
        if (gradGrad is not null && !CrossEntropyGrad.IsZero(gradGrad))
        {
            // Second-order term: the softmax Jacobian applied to grad_grad, (gg − Σ gg·p) · p.
            var softmax = tf.nn.softmax(logits);
            var inner = tf.reduce_sum(gradGrad * softmax, axis: [1], keepdims: true);
            grad += (gradGrad - inner) * softmax;
        }
        return [grad, CrossEntropyGrad.BroadcastMul(gradLoss, -tf.nn.log_softmax(logits))];
    }

    public override void Compute(KernelContext ctx)
    {
        var logits = ctx.Input(0);
        var labels = ctx.Input(1);
        if (logits.ndim != 2)
            throw new InvalidArgumentError($"logits must be 2-dimensional, but got shape [{string.Join(",", logits.shape)}]", ctx.Op);
        if (!logits.shape.AsSpan().SequenceEqual(labels.shape))
            throw new InvalidArgumentError($"logits and labels must be broadcastable: logits_size=[{string.Join(",", logits.shape)}] labels_size=[{string.Join(",", labels.shape)}]", ctx.Op);
        int batch = logits.shape[0], classes = logits.shape[1];
        var loss = ctx.Output(0, logits.dtype, [batch]);
        var backprop = ctx.Output(1, logits.dtype, logits.shape);
        switch (logits.Data)
        {
            case float[]: Run(logits.AsSpan<float>(), labels.AsSpan<float>(), classes, loss.AsSpan<float>(), backprop.AsSpan<float>()); break;
            case double[]: Run(logits.AsSpan<double>(), labels.AsSpan<double>(), classes, loss.AsSpan<double>(), backprop.AsSpan<double>()); break;
        }
    }

    static void Run<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> labels, int n, Span<T> loss, Span<T> backprop)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // TF parity: core/kernels/xent_op.h: shifted = x − max; loss = Σ labels·(log Σ exp(shifted) − shifted);
        // backprop = exp(shifted) / Σ exp(shifted) − labels.
        for (int r = 0; r < loss.Length; r++)
        {
            var x = logits.Slice(r * n, n);
            var t = labels.Slice(r * n, n);
            var b = backprop.Slice(r * n, n);
            TensorPrimitives.Subtract(x, n == 0 ? T.Zero : TensorPrimitives.Max(x), b);
            T sum = T.Zero, acc = T.Zero;
            for (int j = 0; j < n; j++) sum += T.Exp(b[j]);
            T logSum = T.Log(sum);
            for (int j = 0; j < n; j++) acc += t[j] * (logSum - b[j]);
            loss[r] = acc;
            for (int j = 0; j < n; j++) b[j] = T.Exp(b[j]) / sum - t[j];
        }
    }
}

/// <summary>
/// Softmax cross-entropy of rows of logits against integer class ids; outputs the loss per row and its gradient.
/// </summary>
internal sealed class SparseSoftmaxCrossEntropyWithLogitsOp : OpDef
{
    public static readonly SparseSoftmaxCrossEntropyWithLogitsOp Instance = new();

    SparseSoftmaxCrossEntropyWithLogitsOp() : base("SparseSoftmaxCrossEntropyWithLogits", "features", "labels") { }

    /// <summary>Builds the op; returns (loss, backprop).</summary>
    public static (Tensor loss, Tensor backprop) Build(Tensor features, Tensor labels, string? name)
    {
        var op = Instance.Create(name, "SparseSoftmaxCrossEntropyWithLogits", [features, labels]);
        return (op.outputs[0], op.outputs[1]);
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        // TF parity: core/ops/nn_ops.cc, SparseSoftmaxCrossEntropyWithLogits shape function.
        c.RequireType(0, DType.Float32, DType.Float64);
        c.RequireType(1, DType.Int32, DType.Int64);
        c.RequireRank(0, 2);
        c.RequireRank(1, 1);
        int features = c.Shape(0).Dims is { } f ? f[0] : -1;
        int labels = c.Shape(1).Dims is { } l ? l[0] : -1;
        c.RequireEqualDims(features, labels);
        int batch = features >= 0 ? features : labels;
        int classes = c.Shape(0).Dims is { } d ? d[1] : -1;
        return [new TensorSpec(c.DType(0), new TensorShape(batch)), new TensorSpec(c.DType(0), new TensorShape(batch, classes))];
    }

    // TF parity: nn_grad.py, _SparseSoftmaxCrossEntropyWithLogitsGrad (no gradient for the integer labels).
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [CrossEntropyGrad.BroadcastMul(grads[0]!, op.outputs[1]), null];

    public override void Compute(KernelContext ctx)
    {
        var logits = ctx.Input(0);
        var labels = ctx.Input(1);
        if (logits.ndim != 2)
            throw new InvalidArgumentError($"logits must be 2-D, but got shape [{string.Join(",", logits.shape)}]", ctx.Op);
        if (labels.ndim != 1)
            throw new InvalidArgumentError($"labels must be 1-D, but got shape [{string.Join(",", labels.shape)}]", ctx.Op);
        int batch = logits.shape[0], classes = logits.shape[1];
        if (labels.shape[0] != batch)
            throw new InvalidArgumentError($"logits and labels must have the same first dimension, got logits shape [{string.Join(",", logits.shape)}] and labels shape [{labels.shape[0]}]", ctx.Op);
        var ids = labels.ToArray<long>();
        foreach (var id in ids)
            if (id < 0 || id >= classes)
                throw new InvalidArgumentError($"Received a label value of {id} which is outside the valid range of [0, {classes}).  Label values: {string.Join(" ", ids)}", ctx.Op);
        var loss = ctx.Output(0, logits.dtype, [batch]);
        var backprop = ctx.Output(1, logits.dtype, logits.shape);
        switch (logits.Data)
        {
            case float[]: Run(logits.AsSpan<float>(), ids, classes, loss.AsSpan<float>(), backprop.AsSpan<float>()); break;
            case double[]: Run(logits.AsSpan<double>(), ids, classes, loss.AsSpan<double>(), backprop.AsSpan<double>()); break;
        }
    }

    static void Run<T>(ReadOnlySpan<T> logits, long[] ids, int n, Span<T> loss, Span<T> backprop)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // TF parity: core/kernels/sparse_xent_op.h: loss = log Σ exp(x − max) − (x[label] − max).
        for (int r = 0; r < loss.Length; r++)
        {
            var x = logits.Slice(r * n, n);
            var b = backprop.Slice(r * n, n);
            TensorPrimitives.Subtract(x, n == 0 ? T.Zero : TensorPrimitives.Max(x), b);
            T sum = T.Zero;
            for (int j = 0; j < n; j++) sum += T.Exp(b[j]);
            int label = (int)ids[r];
            loss[r] = T.Log(sum) - b[label];
            for (int j = 0; j < n; j++) b[j] = T.Exp(b[j]) / sum - (j == label ? T.One : T.Zero);
        }
    }
}

/// <summary>Helpers shared by the cross-entropy gradients.</summary>
internal static class CrossEntropyGrad
{
    /// <summary>A per-row vector times a matrix: expand_dims(vec, -1) · mat (TF's <c>_BroadcastMul</c>).</summary>
    internal static Tensor BroadcastMul(Tensor vec, Tensor mat) => tf.expand_dims(vec, -1) * mat;

    /// <summary>True when <paramref name="g"/> is known to be all zeros (TF's <c>IsZero</c> in nn_grad.py).</summary>
    internal static bool IsZero(Tensor g)
    {
        if (g.op.type is "ZerosLike" or "Zeros") return true;
        return ConstantFolding.Value(g) is { } v && Enumerable.Range(0, v.size).All(i => v.GetDouble(i) == 0);
    }
}
