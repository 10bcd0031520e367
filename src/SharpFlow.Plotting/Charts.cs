namespace SharpFlow.Plotting;

/// <summary>A named series of (x, y) values for a line chart.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>The charts the document draws, each written as one PNG.</summary>
public static class Charts
{
    /// <summary>Width in pixels of every chart these helpers write.</summary>
    public const int Width = 800;

    /// <summary>Height in pixels of every chart these helpers write.</summary>
    public const int Height = 600;

    /// <summary>An (n, 2) point set coloured by its class labels (<c>plt.scatter(data[:,0], data[:,1], c=label)</c>).</summary>
    public static void Scatter(string path, string title, NDArray points, NDArray labels, IReadOnlyList<string> classNames,
        string xLabel = "x1", string yLabel = "x2")
    {
        using var figure = new Figure(title, xLabel, yLabel);
        figure.ScatterByLabel(points, labels, classNames).SavePng(path, Width, Height);
    }

    /// <summary>
    /// The points over the predicted regions, with the iso-line where the model's output <paramref name="probabilities"/>
    /// (sampled on the <c>np.mgrid</c> grid <paramref name="xx"/>, <paramref name="yy"/>) crosses <paramref name="level"/>
    /// drawn on top (<c>plt.contour(xx, yy, probs, levels=[.5])</c>).
    /// </summary>
    public static void DecisionBoundary(string path, string title, NDArray points, NDArray labels, IReadOnlyList<string> classNames,
        NDArray xx, NDArray yy, NDArray probabilities, double level = 0.5, string xLabel = "x1", string yLabel = "x2")
    {
        var xs = xx.ToArray<double>();
        var ys = yy.ToArray<double>();
        using var figure = new Figure(title, xLabel, yLabel);
        figure.Regions(xx, yy, probabilities, level)
            .ScatterByLabel(points, labels, classNames)
            .IsoLine(xx, yy, probabilities, level, $"network output = {level} (decision boundary)")
            .Limits(xs.Min(), xs.Max(), ys.Min(), ys.Max())
            .SavePng(path, Width, Height);
    }

    /// <summary>Several loss curves against the training step, optionally on a logarithmic y axis.</summary>
    public static void LossCurves(string path, string title, IReadOnlyList<Series> series, bool logScaleY = true,
        string xLabel = "training step", string yLabel = "loss")
    {
        using var figure = new Figure(title, xLabel, yLabel, logScaleY);
        foreach (var s in series) figure.Line(s.Name, s.X, s.Y);
        figure.SavePng(path, Width, Height);
    }

    /// <summary>The learning-rate experiments: the value of x after each step, one line (with markers) per rate.</summary>
    public static void LearningRates(string path, string title, IReadOnlyList<Series> series,
        string xLabel = "training step", string yLabel = "x")
    {
        using var figure = new Figure(title, xLabel, yLabel);
        foreach (var s in series) figure.Line(s.Name, s.X, s.Y, markers: s.X.Count <= 40);
        figure.SavePng(path, Width, Height);
    }
}
