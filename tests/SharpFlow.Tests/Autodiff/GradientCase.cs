namespace SharpFlow.Tests.Autodiff;

/// <summary>
/// One sample use of a differentiable op for the numeric gradient check: float64 input values (chosen
/// away from kinks) and a function that builds the op from input tensors. The checker compares the
/// analytic Jacobian (tf.gradients) with central differences.
/// </summary>
public sealed record GradientCase(string OpType, NDArray[] Inputs, Func<Tensor[], Tensor> Build, string Label = "")
{
    public override string ToString() => Label.Length > 0 ? $"{OpType} ({Label})" : OpType;
}

/// <summary>All gradient cases; each op area contributes its own list in its own file.</summary>
internal static partial class GradientCases
{
    public static IEnumerable<GradientCase> All => [.. Math(), .. Array(), .. NN(), .. Training()];
}
