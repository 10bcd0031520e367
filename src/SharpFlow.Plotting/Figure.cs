using ScottPlot;

namespace SharpFlow.Plotting;

/// <summary>One chart, built layer by layer and written as a PNG (a thin layer over a ScottPlot <see cref="Plot"/>).</summary>
/// <remarks>
/// Text uses the font embedded in this assembly, so charts render the same on a machine with no fonts installed.
/// Layers draw in the order they are added: add the decision regions first, then points, then iso-lines on top.
/// </remarks>
public sealed class Figure : IDisposable
{
    readonly Plot _plot;
    readonly bool _logScaleY;
    double _minY = double.PositiveInfinity, _maxY = double.NegativeInfinity;
    bool _hasLegend;

    /// <summary>A chart with a title and axis labels; with <paramref name="logScaleY"/> the y axis is logarithmic.</summary>
    public Figure(string title, string xLabel, string yLabel, bool logScaleY = false)
    {
        // Registered before the plot exists, so every label ScottPlot creates starts from the embedded family.
        EmbeddedFonts.EnsureRegistered();
        _plot = new Plot();
        _logScaleY = logScaleY;
        _plot.Title(title, size: 20);
        _plot.XLabel(xLabel, size: 16);
        _plot.YLabel(yLabel, size: 16);
        _plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        _plot.Axes.Left.TickLabelStyle.FontSize = 13;
        // ScottPlot would otherwise pick a system font for the legend each render.
        _plot.Legend.SetBestFontOnEachRender = false;
        _plot.Legend.FontName = EmbeddedFonts.Family;
        _plot.Legend.FontSize = 14;
    }

    /// <summary>
    /// Points of an (n, 2) array coloured by class: <paramref name="labels"/> holds n class indices (any shape),
    /// <paramref name="classNames"/>[k] names class k in the legend.
    /// </summary>
    public Figure ScatterByLabel(NDArray points, NDArray labels, IReadOnlyList<string> classNames)
    {
        if (points.ndim != 2 || points.shape[1] != 2)
            throw new ArgumentException($"points must have shape (n, 2); got ({string.Join(", ", points.shape)}).", nameof(points));
        var xy = points.ToArray<double>();
        var ids = labels.ToArray<double>();
        if (ids.Length != points.shape[0])
            throw new ArgumentException($"Expected {points.shape[0]} labels, got {ids.Length}.", nameof(labels));
        for (int k = 0; k < classNames.Count; k++)
        {
            var members = Enumerable.Range(0, ids.Length).Where(i => (int)Math.Round(ids[i]) == k).ToArray();
            var markers = _plot.Add.Markers(members.Select(i => xy[2 * i]).ToArray(), members.Select(i => xy[2 * i + 1]).ToArray(),
                MarkerShape.FilledCircle, size: 9, Palette.Class(k, classNames.Count));
            // White rims as in the document's plt.scatter(..., edgecolor="white").
            markers.MarkerStyle.OutlineColor = Colors.White;
            markers.MarkerStyle.OutlineWidth = 1;
            markers.LegendText = classNames[k];
            Track(members.Select(i => xy[2 * i + 1]));
        }
        _hasLegend |= classNames.Count > 0;
        return this;
    }

    /// <summary>
    /// Shades the grid cells where <paramref name="z"/> is at least <paramref name="level"/> in the colour of class 1
    /// and the others in the colour of class 0, faintly (the predicted regions behind the points).
    /// </summary>
    public Figure Regions(NDArray xx, NDArray yy, NDArray z, double level)
    {
        var (nx, ny) = (xx.shape[0], xx.shape[1]);
        var (xs, ys, zs) = (xx.ToArray<double>(), yy.ToArray<double>(), z.ToArray<double>());
        var cells = new double[ny, nx];
        // Heatmap rows run from the top of the chart down, so row 0 holds the largest y.
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                cells[ny - 1 - j, i] = zs[i * ny + j] >= level ? 1 : 0;
        var heatmap = _plot.Add.Heatmap(cells);
        double dx = nx > 1 ? xs[ny] - xs[0] : 1, dy = ny > 1 ? ys[1] - ys[0] : 1;
        heatmap.Extent = new CoordinateRect(xs[0] - dx / 2, xs[(nx - 1) * ny] + dx / 2, ys[0] - dy / 2, ys[ny - 1] + dy / 2);
        heatmap.Colormap = new TwoColours(Palette.Class(0, 2).Lighten(0.8), Palette.Class(1, 2).Lighten(0.8));
        return this;
    }

    /// <summary>The line where <paramref name="z"/> (sampled on the <c>np.mgrid</c> grid xx, yy) equals <paramref name="level"/>.</summary>
    public Figure IsoLine(NDArray xx, NDArray yy, NDArray z, double level, string legend)
    {
        var lines = MarchingSquares.IsoLines(xx, yy, z, level);
        bool first = true;
        foreach (var line in lines)
        {
            var scatter = _plot.Add.ScatterLine(line.Select(p => p.X).ToArray(), line.Select(p => p.Y).ToArray(), Colors.Black);
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 0;
            if (first) scatter.LegendText = legend;
            first = false;
        }
        _hasLegend |= lines.Count > 0;
        return this;
    }

    /// <summary>A named line through (x[i], y[i]); the series colours follow the order of the calls.</summary>
    public Figure Line(string legend, IReadOnlyList<double> x, IReadOnlyList<double> y, bool markers = false)
    {
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        var ys = y.Select(v => _logScaleY ? (v > 0 ? Math.Log10(v) : double.NaN) : v).ToArray();
        var scatter = _plot.Add.ScatterLine(x.ToArray(), ys, Palette.Series(_plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Count()));
        scatter.LineWidth = 2;
        scatter.MarkerSize = markers ? 6 : 0;
        scatter.LegendText = legend;
        Track(y);
        _hasLegend = true;
        return this;
    }

    /// <summary>Fixes the visible x and y ranges instead of fitting them to the data.</summary>
    public Figure Limits(double left, double right, double bottom, double top)
    {
        _plot.Axes.SetLimits(left, right, bottom, top);
        return this;
    }

    /// <summary>The chart as PNG bytes of the given size in pixels.</summary>
    public byte[] ToPng(int width, int height)
    {
        Finish();
        return _plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Writes the chart as a PNG file, creating its folder if needed.</summary>
    public void SavePng(string path, int width, int height)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, ToPng(width, height));
    }

    /// <inheritdoc/>
    public void Dispose() => _plot.Dispose();

    void Track(IEnumerable<double> ys)
    {
        foreach (var v in ys)
        {
            if (double.IsNaN(v) || (_logScaleY && v <= 0)) continue;
            _minY = Math.Min(_minY, v);
            _maxY = Math.Max(_maxY, v);
        }
    }

    void Finish()
    {
        // Below the chart, outside the data area, so the legend never hides points or lines.
        if (_hasLegend) _plot.ShowLegend(Edge.Bottom);
        if (_logScaleY && _minY <= _maxY) _plot.Axes.Left.TickGenerator = LogTicks.For(_minY, _maxY);
    }

    /// <summary>Maps 0 to one colour and 1 to another (the heatmap of the two predicted regions).</summary>
    sealed class TwoColours(Color low, Color high) : IColormap
    {
        public string Name => "SharpFlow two classes";

        public Color GetColor(double position) => position < 0.5 ? low : high;
    }
}
