namespace SharpFlow.Plotting;

/// <summary>Iso-lines of a function sampled on a structured grid (what <c>plt.contour(xx, yy, z, levels=[c])</c> draws).</summary>
/// <remarks>
/// Classic marching squares: each grid cell is cut by the level where the sign of <c>z − level</c> changes along an
/// edge, with linear interpolation along that edge; saddle cells are resolved by the value at the cell's centre.
/// The segments are then chained through the edges they share into polylines.
/// </remarks>
public static class MarchingSquares
{
    /// <summary>
    /// The polylines where <paramref name="z"/> crosses <paramref name="level"/>. All three arrays have one shape
    /// (nx, ny), as <c>np.mgrid</c> returns them: point (i, j) lies at (xx[i, j], yy[i, j]) with value z[i, j].
    /// </summary>
    public static IReadOnlyList<(double X, double Y)[]> IsoLines(NDArray xx, NDArray yy, NDArray z, double level)
    {
        if (xx.ndim != 2 || !SameShape(xx, yy) || !SameShape(xx, z))
            throw new ArgumentException($"xx, yy and z must be 2-D arrays of one shape; got {Describe(xx)}, {Describe(yy)} and {Describe(z)}.");
        return IsoLines(xx.ToArray<double>(), yy.ToArray<double>(), z.ToArray<double>(), xx.shape[0], xx.shape[1], level);
    }

    /// <summary>The same on flat row-major arrays of <paramref name="nx"/> × <paramref name="ny"/> values.</summary>
    public static IReadOnlyList<(double X, double Y)[]> IsoLines(double[] xx, double[] yy, double[] z, int nx, int ny, double level)
    {
        if (xx.Length != nx * ny || yy.Length != nx * ny || z.Length != nx * ny)
            throw new ArgumentException($"Expected {nx * ny} values in each of xx, yy and z.");
        var grid = new Grid(xx, yy, z, ny, level);
        var segments = new List<(long A, long B)>();
        for (int i = 0; i + 1 < nx; i++)
            for (int j = 0; j + 1 < ny; j++)
                grid.CutCell(i, j, segments);
        return Chain(segments, grid.Points);
    }

    static bool SameShape(NDArray a, NDArray b) => a.shape.AsSpan().SequenceEqual(b.shape);

    static string Describe(NDArray a) => "(" + string.Join(", ", a.shape) + ")";

    sealed class Grid(double[] xx, double[] yy, double[] z, int ny, double level)
    {
        public Dictionary<long, (double X, double Y)> Points { get; } = [];

        int Index(int i, int j) => i * ny + j;

        bool Inside(int i, int j) => z[Index(i, j)] >= level;

        // Edge keys: the edge from (i, j) to (i+1, j) is 2·index, the edge from (i, j) to (i, j+1) is 2·index + 1.
        long AlongI(int i, int j) => 2L * Index(i, j);

        long AlongJ(int i, int j) => 2L * Index(i, j) + 1;

        public void CutCell(int i, int j, List<(long, long)> segments)
        {
            double z0 = z[Index(i, j)], z1 = z[Index(i + 1, j)], z2 = z[Index(i + 1, j + 1)], z3 = z[Index(i, j + 1)];
            if (double.IsNaN(z0) || double.IsNaN(z1) || double.IsNaN(z2) || double.IsNaN(z3)) return;
            bool c0 = Inside(i, j), c1 = Inside(i + 1, j), c2 = Inside(i + 1, j + 1), c3 = Inside(i, j + 1);
            // Edges counter-clockwise: e0 = c0–c1, e1 = c1–c2, e2 = c3–c2, e3 = c0–c3.
            long e0 = AlongI(i, j), e1 = AlongJ(i + 1, j), e2 = AlongI(i, j + 1), e3 = AlongJ(i, j);
            var crossed = new List<long>(4);
            if (c0 != c1) crossed.Add(Cross(e0, i, j, i + 1, j));
            if (c1 != c2) crossed.Add(Cross(e1, i + 1, j, i + 1, j + 1));
            if (c3 != c2) crossed.Add(Cross(e2, i, j + 1, i + 1, j + 1));
            if (c0 != c3) crossed.Add(Cross(e3, i, j, i, j + 1));
            if (crossed.Count == 2)
            {
                segments.Add((crossed[0], crossed[1]));
                return;
            }
            if (crossed.Count != 4) return;
            // Saddle: the centre decides whether the two inside corners are joined through the cell.
            bool centreInside = (z0 + z1 + z2 + z3) / 4 >= level;
            bool cutAroundC1C3 = c0 == centreInside;
            if (cutAroundC1C3)
            {
                segments.Add((e0, e1));
                segments.Add((e2, e3));
            }
            else
            {
                segments.Add((e3, e0));
                segments.Add((e1, e2));
            }
        }

        long Cross(long key, int ia, int ja, int ib, int jb)
        {
            if (!Points.ContainsKey(key))
            {
                int a = Index(ia, ja), b = Index(ib, jb);
                double t = (level - z[a]) / (z[b] - z[a]);
                Points[key] = (xx[a] + t * (xx[b] - xx[a]), yy[a] + t * (yy[b] - yy[a]));
            }
            return key;
        }
    }

    static List<(double X, double Y)[]> Chain(List<(long A, long B)> segments, Dictionary<long, (double X, double Y)> points)
    {
        var byEdge = new Dictionary<long, List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            Add(byEdge, segments[s].A, s);
            Add(byEdge, segments[s].B, s);
        }
        var used = new bool[segments.Count];
        var lines = new List<(double X, double Y)[]>();
        // Open chains start at an edge touched by one segment (the grid's border); what remains are closed loops.
        var starts = byEdge.Where(kv => kv.Value.Count == 1).Select(kv => kv.Key)
            .Concat(segments.Select(s => s.A)).ToList();
        foreach (var start in starts)
        {
            var line = Walk(start, segments, byEdge, used);
            if (line.Count > 1) lines.Add(line.Select(k => points[k]).ToArray());
        }
        return lines;
    }

    static List<long> Walk(long start, List<(long A, long B)> segments, Dictionary<long, List<int>> byEdge, bool[] used)
    {
        var keys = new List<long> { start };
        long at = start;
        while (byEdge[at].FirstOrDefault(s => !used[s], -1) is var s && s >= 0)
        {
            used[s] = true;
            at = segments[s].A == at ? segments[s].B : segments[s].A;
            keys.Add(at);
        }
        return keys;
    }

    static void Add(Dictionary<long, List<int>> byEdge, long key, int segment)
    {
        if (!byEdge.TryGetValue(key, out var list)) byEdge[key] = list = new List<int>(2);
        list.Add(segment);
    }
}
