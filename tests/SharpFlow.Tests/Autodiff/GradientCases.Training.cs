using SharpFlow.Ops;

namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    static NDArray Logits23 => new[,] { { 0.3, -1.2, 0.8 }, { 1.7, -0.4, 2.1 } };
    static NDArray Labels23 => new[,] { { 0.2, 0.5, 0.3 }, { 0.6, 0.1, 0.3 } };

    /// <summary>Gradient cases of the training-area ops (losses, bias-add) and their helpers.</summary>
    public static IEnumerable<GradientCase> Training() =>
    [
        new("L2Loss", [Logits23], x => tf.nn.l2_loss(x[0])),
        new("SoftmaxCrossEntropyWithLogits", [Logits23, Labels23],
            x => SoftmaxCrossEntropyWithLogitsOp.Build(x[0], x[1], null).loss, "loss, w.r.t. logits and labels"),
        // TF parity: nn_grad.py differentiates the backprop output only through the logits, so labels stay constant here.
        new("SoftmaxCrossEntropyWithLogits", [Logits23],
            x => SoftmaxCrossEntropyWithLogitsOp.Build(x[0], tf.constant(Labels23), null).backprop * new[,] { { 1.0, -2.0, 0.5 }, { 0.3, 0.7, -1.1 } },
            "backprop output (second-order term)"),
        new("SoftmaxCrossEntropyWithLogits", [new[,] { { 1000.0, -3.0, 998.5 } }, new[,] { { 0.25, 0.25, 0.5 } }],
            x => SoftmaxCrossEntropyWithLogitsOp.Build(x[0], x[1], null).loss, "large logits"),
        new("SparseSoftmaxCrossEntropyWithLogits", [Logits23, NDArray.FromFlat(new long[] { 2, 0 }, 2)],
            x => SparseSoftmaxCrossEntropyWithLogitsOp.Build(x[0], x[1], null).loss),
        new("BiasAdd", [Logits23, new[] { 0.5, -0.25, 1.5 }], x => tf.nn.bias_add(x[0], x[1]), "NHWC"),
        new("BiasAdd", [NDArray.FromFlat(new[] { 0.1, 0.4, -0.3, 0.9, 1.2, -0.7, 0.25, 0.6, -1.1, 0.35, 0.8, 0.05 }, 2, 3, 2), new[] { 0.5, -0.25, 1.5 }],
            x => tf.nn.bias_add(x[0], x[1], data_format: "NCHW"), "NCHW"),
        new("BiasAddGrad", [Logits23], x => BiasAddGradOp.Build(x[0], "NHWC", null), "NHWC"),
        new("BiasAddGrad", [NDArray.FromFlat(new[] { 0.1, 0.4, -0.3, 0.9, 1.2, -0.7, 0.25, 0.6, -1.1, 0.35, 0.8, 0.05 }, 2, 3, 2)],
            x => BiasAddGradOp.Build(x[0], "NCHW", null), "NCHW"),
    ];
}
