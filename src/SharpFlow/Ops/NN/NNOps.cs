namespace SharpFlow.Ops;

/// <summary>The neural-network area of the op catalog: softmax, cross-entropies, bias-add.</summary>
internal static class NNOps
{
    public static readonly OpDef[] All =
    [
    ];
}
