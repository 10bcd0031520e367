using System.Globalization;

namespace SharpFlow;

/// <summary>Python's text forms of values, for error messages worded as TensorFlow's Python layer words them.</summary>
internal static class Py
{
    /// <summary>Python's <c>repr</c> of a float: <c>0.1</c>, <c>2.0</c>, <c>1e-10</c>.</summary>
    internal static string Repr(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E')) return s.Replace("E", "e");
        return s.Contains('.') ? s : s + ".0";
    }

    /// <summary>Python's <c>%g</c> of a float: six significant digits, trailing zeros removed.</summary>
    internal static string G(double v) =>
        double.IsNaN(v) ? "nan" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") :
        v.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e");
}
