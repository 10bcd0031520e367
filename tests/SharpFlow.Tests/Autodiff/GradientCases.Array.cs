namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    /// <summary>Gradient cases of the array ops.</summary>
    public static IEnumerable<GradientCase> Array() =>
    [
    ];
}
