namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    /// <summary>Gradient cases of the math ops.</summary>
    public static IEnumerable<GradientCase> Math() =>
    [
    ];
}
