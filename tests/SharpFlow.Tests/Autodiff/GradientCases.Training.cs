namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    /// <summary>Gradient cases of the training ops.</summary>
    public static IEnumerable<GradientCase> Training() =>
    [
    ];
}
