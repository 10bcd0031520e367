using SharpFlow.Plotting;

namespace SharpFlow.Tests.Plotting;

public sealed class MarchingSquaresTests
{
    // A grid laid out as np.mgrid[x0:x1:h, y0:y1:h] lays it out: point (i, j) at (x0 + i·h, y0 + j·h).
    static (double[] Xx, double[] Yy, int Nx, int Ny) Grid(double x0, double x1, double y0, double y1, double h)
    {
        int nx = (int)Math.Round((x1 - x0) / h) + 1, ny = (int)Math.Round((y1 - y0) / h) + 1;
        var (xx, yy) = (new double[nx * ny], new double[nx * ny]);
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                (xx[i * ny + j], yy[i * ny + j]) = (x0 + i * h, y0 + j * h);
        return (xx, yy, nx, ny);
    }

    [Fact]
    public void IsoLines_CircleLevel_GivesOneClosedLoopOnTheCircle()
    {
        var (xx, yy, nx, ny) = Grid(-2, 2, -2, 2, 0.05);
        var z = xx.Select((x, k) => x * x + yy[k] * yy[k]).ToArray();
        var lines = MarchingSquares.IsoLines(xx, yy, z, nx, ny, 1.0);
        var loop = Assert.Single(lines);
        Assert.Equal(loop[0], loop[^1]);
        // Linear interpolation of r² along an edge of length h is off by at most h²/4 in r², i.e. < 0.001 in r.
        Assert.All(loop, p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 0.999, 1.001));
        Assert.True(loop.Length > 100);
    }

    [Fact]
    public void IsoLines_Plane_GivesOneOpenStraightLineAcrossTheGrid()
    {
        var (xx, yy, nx, ny) = Grid(0, 1, 0, 2, 0.1);
        var lines = MarchingSquares.IsoLines(xx, yy, xx, nx, ny, 0.25);
        var line = Assert.Single(lines);
        Assert.All(line, p => Assert.Equal(0.25, p.X, 12));
        Assert.Equal([0.0, 2.0], new[] { line[0].Y, line[^1].Y }.Order().Select(v => Math.Round(v, 12)));
        Assert.Equal(ny, line.Length);
    }

    [Fact]
    public void IsoLines_SaddleCell_CutsTwoSeparateCorners()
    {
        // Corners (0,0) and (1,1) high, (1,0) and (0,1) low; the centre (0.5) counts as inside, so the high corners join.
        double[] xx = [0, 0, 1, 1], yy = [0, 1, 0, 1], z = [1, 0, 0, 1];
        var lines = MarchingSquares.IsoLines(xx, yy, z, 2, 2, 0.5);
        Assert.Equal(2, lines.Count);
        var points = lines.SelectMany(l => l).Select(p => (p.X, p.Y)).Order().ToArray();
        // Each segment cuts off a low corner: (1,0) by (0.5,0)–(1,0.5), (0,1) by (0,0.5)–(0.5,1).
        Assert.Equal([(0.0, 0.5), (0.5, 0.0), (0.5, 1.0), (1.0, 0.5)], points);
        Assert.Contains(lines, l => l.Contains((0.5, 0.0)) && l.Contains((1.0, 0.5)));
    }

    [Fact]
    public void IsoLines_LevelOutsideTheValues_GivesNoLine()
    {
        var (xx, yy, nx, ny) = Grid(0, 1, 0, 1, 0.25);
        Assert.Empty(MarchingSquares.IsoLines(xx, yy, xx, nx, ny, 5));
    }

    [Fact]
    public void IsoLines_NDArraysOfDifferentShapes_Throws()
    {
        NDArray a = new double[2, 3], b = new double[3, 2];
        var e = Assert.Throws<ArgumentException>(() => MarchingSquares.IsoLines(a, a, b, 0.5));
        Assert.Equal("xx, yy and z must be 2-D arrays of one shape; got (2, 3), (2, 3) and (3, 2).", e.Message);
    }
}
