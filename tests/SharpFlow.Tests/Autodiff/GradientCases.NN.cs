namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    /// <summary>Gradient cases of the nn ops.</summary>
    public static IEnumerable<GradientCase> NN() =>
    [
        // Activations (mathops): samples away from the kinks at 0 (and 6 for relu6).
        new("Relu", [new[,] { { 0.3, -1.2, 0.8 }, { 1.7, -0.4, 2.1 } }], x => tf.nn.relu(x[0])),
        new("Relu6", [new[,] { { 0.3, -1.2, 6.8 }, { 5.7, -0.4, 2.1 } }], x => tf.nn.relu6(x[0])),
        new("Elu", [new[,] { { 0.3, -1.2, 0.8 }, { 1.7, -0.4, -2.1 } }], x => tf.nn.elu(x[0])),
        new("Selu", [new[,] { { 0.3, -1.2, 0.8 }, { 1.7, -0.4, -2.1 } }], x => tf.nn.selu(x[0])),
        new("Softplus", [new[,] { { 0.3, -1.2, 0.8 }, { 1.7, -0.4, -2.1 } }], x => tf.nn.softplus(x[0])),
        new("ReluGrad", [new[,] { { 0.5, -1.5, 2.0 } }, new[,] { { 0.3, -1.2, 0.8 } }], x => SharpFlow.Ops.ReluGradOp.Instance.Build(x[0], x[1])),
        new("Relu6Grad", [new[,] { { 0.5, -1.5, 2.0 } }, new[,] { { 0.3, 6.2, 5.8 } }], x => SharpFlow.Ops.Relu6GradOp.Instance.Build(x[0], x[1])),
        new("EluGrad", [new[,] { { 0.5, -1.5, 2.0 } }, new[,] { { 0.3, -0.7, -0.2 } }], x => SharpFlow.Ops.EluGradOp.Instance.Build(x[0], x[1])),
        new("SeluGrad", [new[,] { { 0.5, -1.5, 2.0 } }, new[,] { { 0.3, -0.7, -1.2 } }], x => SharpFlow.Ops.SeluGradOp.Instance.Build(x[0], x[1])),
        new("SoftplusGrad", [new[,] { { 0.5, -1.5, 2.0 } }, new[,] { { 0.3, -0.7, -1.2 } }], x => SharpFlow.Ops.SoftplusGradOp.Instance.Build(x[0], x[1])),
        new("Softmax", [Seq(3, 4)], x => tf.nn.softmax(x[0])),
        new("LogSoftmax", [Seq(3, 4)], x => tf.nn.log_softmax(x[0])),
    ];
}
