namespace SharpFlow.Ops;

/// <summary>The neural-network area of the op catalog: softmax, cross-entropies, bias-add.</summary>
internal static class NNOps
{
    public static readonly OpDef[] All =
    [
        SoftmaxOp.Softmax, SoftmaxOp.LogSoftmax,
        L2LossOp.Instance, SoftmaxCrossEntropyWithLogitsOp.Instance, SparseSoftmaxCrossEntropyWithLogitsOp.Instance,
        BiasAddOp.Instance, BiasAddGradOp.Instance,
        ReluOp.Instance, Relu6Op.Instance, EluOp.Instance, SeluOp.Instance, SoftplusOp.Instance,
        ReluGradOp.Instance, Relu6GradOp.Instance, EluGradOp.Instance, SeluGradOp.Instance, SoftplusGradOp.Instance,
    ];
}
