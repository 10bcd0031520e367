using ScottPlot;
using ScottPlot.TickGenerators;

namespace SharpFlow.Plotting;

/// <summary>Tick marks for a y axis that shows log10 of the data: labels at 1, 2 and 5 × 10^k, minor ticks between.</summary>
internal static class LogTicks
{
    public static ITickGenerator For(double min, double max)
    {
        var ticks = new NumericManual();
        int lo = (int)Math.Floor(Math.Log10(min)), hi = (int)Math.Ceiling(Math.Log10(max));
        // Few decades: label 1, 2 and 5 of each; many decades: label the powers of ten only.
        double[] labelled = hi - lo <= 3 ? [1, 2, 5] : [1];
        for (int k = lo; k <= hi; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double value = m * Math.Pow(10, k);
                if (labelled.Contains(m)) ticks.AddMajor(Math.Log10(value), Format(value));
                else ticks.AddMinor(Math.Log10(value));
            }
        }
        return ticks;
    }

    static string Format(double value) => value.ToString(value is >= 1e-4 and < 1e5 ? "0.#####" : "0E0", System.Globalization.CultureInfo.InvariantCulture);
}
