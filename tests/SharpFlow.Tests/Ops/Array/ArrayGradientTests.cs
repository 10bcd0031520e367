using SharpFlow.Tests.Autodiff;

namespace SharpFlow.Tests.Ops.Arrays;

/// <summary>
/// The gradient cases of the array and softmax ops checked against central differences in float64
/// (TensorFlow's compute_gradient_error idea), with a non-uniform upstream gradient so that every
/// output element's weight matters.
/// </summary>
public sealed class ArrayGradientTests
{
    static readonly GradientCase[] Mine =
        [.. GradientCases.Array(), .. GradientCases.NN().Where(c => c.OpType is "Softmax" or "LogSoftmax")];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Mine.Length; i++) data.Add(i, Mine[i].ToString());
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Gradient_MatchesCentralDifferences(int index, string label)
    {
        var c = Mine[index];
        using var g = tf.Graph();
        using var _ = g.as_default();
        var xs = c.Inputs.Select((v, i) => tf.placeholder(tf.float64, shape: v.shape, name: $"x{i}")).ToArray();
        var y = c.Build(xs);
        Assert.Contains(g.get_operations(), op => op.type == c.OpType);
        using var sess = tf.Session();
        var feed = new FeedDict();
        for (int i = 0; i < xs.Length; i++) feed[xs[i]] = c.Inputs[i];
        var y0 = sess.run(y, feed);
        var weights = NDArray.FromFlat(Enumerable.Range(0, y0.size).Select(k => 0.3 + (k * 5 % 7) * 0.25).ToArray(), y0.shape);
        var w = tf.constant(weights);
        var grads = tf.gradients([y], xs, grad_ys: [w]);
        const double h = 1e-6;
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.NotNull(grads[i]);
            var analytic = sess.run(grads[i]!, feed).ToArray<double>();
            var x = c.Inputs[i].ToArray<double>();
            Assert.Equal(x.Length, analytic.Length);
            for (int j = 0; j < x.Length; j++)
            {
                double Loss(double delta)
                {
                    var shifted = (double[])x.Clone();
                    shifted[j] += delta;
                    var f = new FeedDict();
                    foreach (var kv in feed) f[kv.Key] = kv.Value;
                    f[xs[i]] = NDArray.FromFlat(shifted, c.Inputs[i].shape);
                    var yv = sess.run(y, f).ToArray<double>();
                    double s = 0;
                    for (int k = 0; k < yv.Length; k++) s += yv[k] * weights.ToArray<double>()[k];
                    return s;
                }
                double numeric = (Loss(h) - Loss(-h)) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)),
                    $"{label}: input {i} element {j}: analytic {analytic[j]} vs numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Catalog_EveryDifferentiableArrayOpHasACase()
    {
        var covered = Mine.Select(c => c.OpType).ToHashSet();
        var missing = SharpFlow.Ops.ArrayOps.All.Where(o => o.IsDifferentiable).Select(o => o.Type).Where(t => !covered.Contains(t));
        Assert.Empty(missing);
    }
}
