using ScottPlot;

namespace SharpFlow.Plotting;

/// <summary>The colours of the charts: the document's RdBu class colours and a categorical palette for series.</summary>
internal static class Palette
{
    // matplotlib's RdBu sampled where the document's vmin=-.2, vmax=1.2 puts labels 0 and 1 (positions 1/7 and 6/7).
    static readonly Color Red = Color.FromHex("#C1373A");
    static readonly Color Blue = Color.FromHex("#3079B6");

    static readonly Color[] Category10 =
    [
        Color.FromHex("#1F77B4"), Color.FromHex("#D62728"), Color.FromHex("#2CA02C"),
        Color.FromHex("#FF7F0E"), Color.FromHex("#9467BD"), Color.FromHex("#8C564B"),
    ];

    /// <summary>The colour of class <paramref name="k"/> out of <paramref name="count"/>.</summary>
    public static Color Class(int k, int count) => count <= 2 ? (k == 0 ? Red : Blue) : Category10[k % Category10.Length];

    /// <summary>The colour of the <paramref name="index"/>-th line series.</summary>
    public static Color Series(int index) => Category10[index % Category10.Length];
}
