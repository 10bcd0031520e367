namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    /// <summary>Gradient cases of the nn ops.</summary>
    public static IEnumerable<GradientCase> NN() =>
    [
    ];
}
