using SharpFlow.Ops;

namespace SharpFlow.Tests.Autodiff;

/// <summary>
/// Compares the analytic Jacobian of every differentiable op (tf.gradients with one-hot grad_ys) with central
/// differences in float64 — TensorFlow's <c>compute_gradient_error</c> idea (python/ops/gradient_checker.py).
/// </summary>
public sealed class GradientCheckTests
{
    const double Delta = 1e-5;
    const double Tolerance = 1e-6;

    public static TheoryData<string> Cases => [.. GradientCases.All.Select(c => c.ToString()).Distinct()];

    [Fact]
    public void Catalog_EveryDifferentiableOp_HasAGradientCase()
    {
        var covered = GradientCases.All.Select(c => c.OpType).ToHashSet();
        var missing = OpCatalog.Differentiable.Select(o => o.Type).Where(t => !covered.Contains(t)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Differentiable ops without a GradientCase: " + string.Join(", ", missing));
    }

    [Fact]
    public void Cases_NameOnlyDifferentiableCatalogOps()
    {
        var known = OpCatalog.Differentiable.Select(o => o.Type).ToHashSet();
        var stray = GradientCases.All.Select(c => c.OpType).Where(t => !known.Contains(t)).Distinct().ToList();
        Assert.True(stray.Count == 0, "GradientCases for ops that are not differentiable catalog ops: " + string.Join(", ", stray));
    }

    [Theory, MemberData(nameof(Cases))]
    public void Gradient_MatchesCentralDifferences(string label)
    {
        var gradientCase = GradientCases.All.First(c => c.ToString() == label);
        var (analytic, numeric) = GradientChecker.Jacobians(gradientCase, Delta);
        Assert.Equal(numeric.GetLength(0), analytic.GetLength(0));
        double worst = 0;
        string where = "";
        for (int r = 0; r < numeric.GetLength(0); r++)
            for (int c = 0; c < numeric.GetLength(1); c++)
            {
                double err = Math.Abs(analytic[r, c] - numeric[r, c]) / Math.Max(1, Math.Abs(numeric[r, c]));
                if (err > worst) (worst, where) = (err, $"d y[{c}] / d x[{r}]: analytic {analytic[r, c]}, numeric {numeric[r, c]}");
            }
        Assert.True(worst <= Tolerance, $"{label}: largest error {worst:E3} at {where}");
    }

    [Fact]
    public void Checker_FindsAWrongGradient()
    {
        // A case whose forward function is x·x but whose graph is differentiated as x + x must fail the comparison.
        var wrong = new GradientCase("Identity", [NDArray.FromFlat(new[] { 1.5, -2.0 }, 2)],
            t => tf.identity(t[0] * tf.stop_gradient(t[0])) + tf.stop_gradient(t[0] * t[0] - t[0] * tf.stop_gradient(t[0])));
        var (analytic, numeric) = GradientChecker.Jacobians(wrong, Delta);
        Assert.Equal(1.5, analytic[0, 0], 12);        // only the non-stopped factor: d(x·c)/dx = c
        Assert.Equal(3.0, numeric[0, 0], 6);          // the function is x², so the true derivative is 2x
    }
}

/// <summary>Builds the analytic and numeric Jacobians of one gradient case.</summary>
internal static class GradientChecker
{
    /// <summary>Rows: the elements of the float64 inputs, in order; columns: the elements of the output.</summary>
    public static (double[,] analytic, double[,] numeric) Jacobians(GradientCase gradientCase, double delta)
    {
        using var g = tf.Graph();
        using var scope = g.as_default();
        var values = gradientCase.Inputs;
        var inputs = values.Select((v, i) => v.dtype == tf.float64 ? tf.placeholder(tf.float64, shape: v.shape, name: $"x{i}") : tf.constant(v, name: $"c{i}")).ToArray();
        var free = Enumerable.Range(0, values.Length).Where(i => values[i].dtype == tf.float64).ToArray();
        var y = gradientCase.Build(inputs);
        using var sess = tf.Session();

        FeedDict Feed(int perturbed = -1, int element = -1, double step = 0)
        {
            var feed = new FeedDict();
            foreach (int i in free)
            {
                var v = values[i];
                if (i == perturbed)
                {
                    var data = v.ToArray<double>();
                    data[element] += step;
                    v = NDArray.FromFlat(data, v.shape);
                }
                feed[inputs[i]] = v;
            }
            return feed;
        }

        var y0 = sess.run(y, Feed());
        int cols = y0.size;
        int rows = free.Sum(i => values[i].size);
        var dy = tf.placeholder(y.dtype, shape: y0.shape, name: "dy");
        var grads = tf.gradients(y, [.. free.Select(i => inputs[i])], grad_ys: dy);

        var analytic = new double[rows, cols];
        var fetch = grads.Where(t => t is not null).Select(t => t!).ToArray();
        for (int c = 0; c < cols; c++)
        {
            var onehot = new double[cols];
            onehot[c] = 1;
            var feed = Feed();
            feed[dy] = NDArray.FromFlat(onehot, y0.shape).astype(y.dtype);
            var results = fetch.Length > 0 ? sess.run(fetch, feed) : [];
            int row = 0, k = 0;
            for (int j = 0; j < free.Length; j++)
            {
                int n = values[free[j]].size;
                if (grads[j] is not null)
                {
                    var gv = results[k++].ToArray<double>();
                    for (int e = 0; e < n; e++) analytic[row + e, c] = gv[e];
                }
                row += n;
            }
        }

        var numeric = new double[rows, cols];
        int r0 = 0;
        foreach (int i in free)
        {
            for (int e = 0; e < values[i].size; e++)
            {
                var plus = sess.run(y, Feed(i, e, delta)).ToArray<double>();
                var minus = sess.run(y, Feed(i, e, -delta)).ToArray<double>();
                for (int c = 0; c < cols; c++) numeric[r0 + e, c] = (plus[c] - minus[c]) / (2 * delta);
            }
            r0 += values[i].size;
        }
        return (analytic, numeric);
    }
}
