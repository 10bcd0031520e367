namespace SharpFlow.Ops;

/// <summary>Undoes broadcasting in gradients: sums a gradient over the axes along which an input was broadcast.</summary>
internal static class BroadcastGradient
{
    /// <summary>The part of <paramref name="grad"/> that belongs to <paramref name="input"/> (same shape as the input).</summary>
    internal static Tensor Reduce(Tensor grad, Tensor input) => throw new NotImplementedException("pending: autodiff helper");
}
