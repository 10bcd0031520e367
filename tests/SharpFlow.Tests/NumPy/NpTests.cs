namespace SharpFlow.Tests.NumPy;

/// <summary>The np facade: array helpers and the global random stream (process-wide, hence Serial).</summary>
[Collection("Serial")]
public sealed class NpTests
{
    // The "NumPy-style helpers" block of shared/API.md, as written. Expected values come from
    // tests/golden/np_random_circle.py (an independent MT19937 + NumPy legacy-transform reference).
    [Fact]
    public void ApiMdBlock_CircleDataAndGrid_MatchNumPy()
    {
        np.random.seed(0);
        var rows = new List<NDArray>();
        for (int i = 0; i < 150; i++)
        {
            double x1 = np.random.uniform(-1, 1), x2 = np.random.uniform(0, 2);
            if (i == 0) Assert.Equal((0.0976270078546495, 1.430378732744839), (x1, x2));
            rows.Add(new[] { np.random.normal(x1, 0.1), np.random.normal(x2, 0.1) });
        }
        NDArray data = np.hstack(rows).reshape(-1, 2);
        NDArray[] grid = np.mgrid((-1.2, 1.2, 0.01), (-0.2, 2.2, 0.01));   // xx, yy
        NDArray pts = np.c_(grid[0].ravel(), grid[1].ravel());

        Assert.Equal([150, 2], data.shape);
        Assert.Equal(DType.Float64, data.dtype);
        var d = data.ToArray<double>();
        Assert.Equal([0.19550080626522343, 1.6544680526649849], d[..2]);
        Assert.Equal([-0.05768155956963164, 1.2766525053035425], d[2..4]);
        Assert.Equal([0.17085477720688236, 0.7366853647543772], d[^2..]);
        double s0 = 0, s1 = 0;
        for (int i = 0; i < 150; i++) { s0 += d[2 * i]; s1 += d[2 * i + 1]; }
        Assert.Equal(-4.094833979905301, s0, 12);
        Assert.Equal(153.0697399292829, s1, 12);

        // NumPy's float mgrid has ⌈(stop − start) / step⌉ points: 240 along x, and 241 along y because
        // (2.2 − (−0.2)) / 0.01 = 240.00000000000003 in floating point.
        Assert.Equal([240, 241], grid[0].shape);
        Assert.Equal([240, 241], grid[1].shape);
        Assert.Equal([57840, 2], pts.shape);
        Assert.Equal(-1.2, (double)grid[0][0, 0]);
        Assert.Equal(239 * 0.01 + -1.2, (double)grid[0][239, 5]);
        Assert.Equal(240 * 0.01 + -0.2, (double)grid[1][3, 240]);
        Assert.Equal((double)grid[1][0, 1], (double)pts[1, 1]);
        Assert.Equal((double)grid[0][1, 0], (double)pts[241, 0]);
        Assert.Equal("1.15.0", tf.__version__);
    }

    [Fact]
    public void Random_Seed0_FirstValuesAreNumPys()
    {
        // NumPy documentation and issue 3: seed(0) → uniform 0.5488135039273248; fresh seed(0) → normal 1.764052345967664.
        np.random.seed(0);
        Assert.Equal(0.5488135039273248, np.random.uniform());
        np.random.seed(0);
        Assert.Equal(1.764052345967664, np.random.normal());
        np.random.seed(0);
        var a = np.random.rand(2, 2);
        Assert.Equal([2, 2], a.shape);
        Assert.Equal(0.5488135039273248, a.ToArray<double>()[0]);
        np.random.seed(0);
        var u = np.random.uniform(-1, 1, 3);
        Assert.Equal([3], u.shape);
        Assert.Equal(0.0976270078546495, u.ToArray<double>()[0]);
    }

    [Fact]
    public void Random_IntegersAndPermutations_AreSeededAndComplete()
    {
        np.random.seed(3);
        var p1 = np.random.permutation(10).ToArray<long>();
        np.random.seed(3);
        var p2 = np.random.permutation(10).ToArray<long>();
        Assert.Equal(p1, p2);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), p1.Order());
        np.random.seed(3);
        var x = np.arange(10);
        np.random.shuffle(x);
        Assert.Equal(p1, x.ToArray<long>());
        var m = np.array(new[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        np.random.seed(1);
        np.random.shuffle(m);
        Assert.Equal([3, 2], m.shape);
        var flat = m.ToArray<int>();
        for (int r = 0; r < 3; r++) Assert.Equal(flat[2 * r] + 1, flat[2 * r + 1]);
        np.random.seed(5);
        var ints = np.random.randint(0, 3, 1000).ToArray<long>();
        Assert.All(ints, v => Assert.InRange(v, 0, 2));
        Assert.Equal(3, ints.Distinct().Count());
        Assert.InRange(np.random.randint(4), 0, 3);
        Assert.Throws<ValueError>(() => np.random.randint(3, 3));
        Assert.Throws<ValueError>(() => np.random.seed(-1));
    }

    [Fact]
    public void Stacking_HstackVstackConcatenateC()
    {
        var a = np.array(new[] { 1.0, 2.0 });
        var b = np.array(new[] { 3.0 });
        Assert.Equal([1.0, 2.0, 3.0], np.hstack([a, b]).ToArray<double>());
        var m = np.array(new[,] { { 1, 2 }, { 3, 4 } });
        var h = np.hstack([m, m]);
        Assert.Equal([2, 4], h.shape);
        Assert.Equal([1, 2, 1, 2, 3, 4, 3, 4], h.ToArray<int>());
        Assert.Equal([4, 2], np.vstack([m, m]).shape);
        Assert.Equal([2, 2], np.vstack([a, a]).shape);
        var c = np.c_(np.array(new[] { 1, 2, 3 }), np.array(new[] { 4, 5, 6 }));
        Assert.Equal([3, 2], c.shape);
        Assert.Equal([1, 4, 2, 5, 3, 6], c.ToArray<int>());
        var mixed = np.concatenate([np.array(new[] { 1, 2 }), np.array(new[] { 0.5 })]);
        Assert.Equal(DType.Float64, mixed.dtype);
        var e = Assert.Throws<ValueError>(() => np.concatenate([m, np.array(new[,] { { 1, 2, 3 } })], 0));
        Assert.Equal("all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3", e.Message);
    }

    [Fact]
    public void Creation_ArrayZerosOnesArangeLinspace()
    {
        Assert.Equal([2, 3], np.zeros(2, 3).shape);
        Assert.Equal(DType.Float64, np.zeros(2).dtype);
        Assert.Equal([1f, 1f], np.ones(new[] { 2 }, DType.Float32).ToArray<float>());
        Assert.Equal([0L, 1, 2, 3], np.arange(4).ToArray<long>());
        Assert.Equal([2L, 5, 8], np.arange(2, 10, 3).ToArray<long>());
        // NumPy fills float ranges as start + i·((start + step) − start).
        var f = np.arange(-1.2, 1.2, 0.01).ToArray<double>();
        Assert.Equal(240, f.Length);
        Assert.Equal(-1.2 + 0.01, f[1]);
        Assert.Equal(-1.2 + 5 * ((-1.2 + 0.01) - -1.2), f[5]);
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], np.linspace(0, 1, 5).ToArray<double>());
        Assert.Equal([0.0, 0.2, 0.4, 0.6000000000000001, 0.8], np.linspace(0, 1, 5, endpoint: false).ToArray<double>());
        var j = np.array(new[] { new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 } });
        Assert.Equal([2, 2], j.shape);
        Assert.Equal(DType.Float32, np.array(new[] { 1, 2 }, np.float32).dtype);
    }
}
