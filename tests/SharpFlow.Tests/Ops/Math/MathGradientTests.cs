namespace SharpFlow.Tests.Ops;

/// <summary>TensorFlow's gradient conventions at kinks and ties, and gradients through integer-free compositions.</summary>
/// <remarks>Conventions from python/ops/math_grad.py and nn_grad.py (relu'(0) = 0, sign(0) = 0, ties to x).</remarks>
public sealed class MathGradientTests
{
    static double[] Grad(Func<Tensor, Tensor> f, double[] x)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var xt = tf.constant(x, dtype: tf.float64);
        var dx = tf.gradients(f(xt), xt)[0]!;
        using var sess = tf.Session();
        return sess.run(dx).ToArray<double>();
    }

    [Fact]
    public void Relu_AtZero_GradientIsZero() =>
        Assert.Equal([0.0, 0.0, 1.0], Grad(x => tf.nn.relu(x), [-1.0, 0.0, 2.0]));

    [Fact]
    public void Relu6_AtBothKinks_GradientIsZero() =>
        Assert.Equal([0.0, 1.0, 0.0, 0.0], Grad(x => tf.nn.relu6(x), [0.0, 3.0, 6.0, 7.0]));

    [Fact]
    public void Abs_AtZero_GradientIsZero() =>
        Assert.Equal([-1.0, 0.0, 1.0], Grad(x => tf.abs(x), [-2.0, 0.0, 3.0]));

    [Fact]
    public void Elu_AtZero_GradientIsOne()
    {
        // elu'(x) = elu(x) + 1 for x < 0 (e^-1 = 0.36787944117144233, math.exp); EluGrad uses "< 0", so 1 at 0.
        var d = Grad(x => tf.nn.elu(x), [-1.0, 0.0, 2.0]);
        ValueAssert.Close([0.36787944117144233, 1.0, 1.0], NDArray.FromFlat(d, 3), ValueAssert.Float64);
    }

    [Fact]
    public void Sign_Gradient_IsZeroNotNone() =>
        Assert.Equal([0.0, 0.0], Grad(x => tf.sign(x), [-2.0, 0.0]));

    [Fact]
    public void MaximumMinimum_Ties_GoToFirstInput()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1.0, 2.0, 3.0 });
        var y = tf.constant(new[] { 2.0, 2.0, 2.0 });
        var max = tf.gradients(tf.maximum(x, y), [x, y]);
        var min = tf.gradients(tf.minimum(x, y), [x, y]);
        using var sess = tf.Session();
        Assert.Equal([0.0, 1.0, 1.0], sess.run(max[0]!).ToArray<double>());
        Assert.Equal([1.0, 0.0, 0.0], sess.run(max[1]!).ToArray<double>());
        Assert.Equal([1.0, 1.0, 0.0], sess.run(min[0]!).ToArray<double>());
        Assert.Equal([0.0, 0.0, 1.0], sess.run(min[1]!).ToArray<double>());
    }

    [Fact]
    public void Maximum_BroadcastScalar_SumsItsShare()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { -1.0, 2.0 }, { 3.0, -4.0 } });
        var floor = tf.constant(0.0, dtype: tf.float64);
        var grads = tf.gradients(tf.maximum(x, floor), [x, floor]);
        using var sess = tf.Session();
        Assert.Equal([0.0, 1.0, 1.0, 0.0], sess.run(grads[0]!).ToArray<double>());
        Assert.Equal(2.0, (double)sess.run(grads[1]!));
    }

    [Fact]
    public void ClipByValue_PassesGradientInsideAndOnBounds()
    {
        var d = Grad(x => tf.clip_by_value(x, 0.0, 1.0), [-0.5, 0.0, 0.5, 1.0, 1.5]);
        Assert.Equal([0.0, 1.0, 1.0, 1.0, 0.0], d);
    }

    [Fact]
    public void Where_Gradient_FlowsToChosenBranchOnly()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1.0, 2.0, 3.0 });
        var b = tf.constant(new[] { 10.0, 20.0, 30.0 });
        var c = tf.constant(new[] { true, false, true });
        var grads = tf.gradients(tf.where(c, a * a, b * 3.0), [a, b, c]);
        using var sess = tf.Session();
        Assert.Equal([2.0, 0.0, 6.0], sess.run(grads[0]!).ToArray<double>());
        Assert.Equal([0.0, 3.0, 0.0], sess.run(grads[1]!).ToArray<double>());
        Assert.Null(grads[2]);
    }

    [Fact]
    public void Comparison_HasNoGradient()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1.0 });
        var y = tf.cast(tf.greater(x, 0.0), tf.float64) * x;
        var d = tf.gradients(y, x)[0]!;
        using var sess = tf.Session();
        Assert.Equal([1.0], sess.run(d).ToArray<double>());
    }

    [Fact]
    public void Pow_AtZeroBase_ExponentGradientIsMaskedToZero()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 0.0, 2.0 });
        var y = tf.constant(new[] { 2.0, 3.0 });
        var grads = tf.gradients(tf.pow(x, y), [x, y]);
        using var sess = tf.Session();
        Assert.Equal([0.0, 12.0], sess.run(grads[0]!).ToArray<double>());
        // d/dy x^y = x^y · ln x: 8 · ln 2 = 5.545177444479562 (math.log), and 0 (not NaN) at x = 0.
        ValueAssert.Close([0.0, 5.545177444479562], sess.run(grads[1]!), ValueAssert.Float64);
    }

    [Fact]
    public void AddN_Gradient_ReachesEveryInput()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1f, 2f });
        var b = tf.constant(new[] { 3f, 4f });
        var grads = tf.gradients(tf.add_n(new[] { a, b, a }), [a, b]);
        using var sess = tf.Session();
        Assert.Equal([2f, 2f], sess.run(grads[0]!).ToArray<float>());
        Assert.Equal([1f, 1f], sess.run(grads[1]!).ToArray<float>());
    }

    [Fact]
    public void Sigmoid_SecondDerivative_MatchesClosedForm()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { -1.0, 0.5 });
        var d1 = tf.gradients(tf.sigmoid(x), x)[0]!;
        var d2 = tf.gradients(d1, x)[0]!;
        using var sess = tf.Session();
        // s'' = s(1 − s)(1 − 2s); s(-1) = 0.2689414213699951, s(0.5) = 0.6224593312018546 (math.exp).
        double S(double s) => s * (1 - s) * (1 - 2 * s);
        ValueAssert.Close([S(0.2689414213699951), S(0.6224593312018546)], sess.run(d2), 1e-12);
    }

    [Fact]
    public void Float32Gradient_KeepsFloat32()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var loss = tf.nn.elu(tf.square(x) - 1.0);
        var d = tf.gradients(loss, x)[0]!;
        Assert.Equal(tf.float32, d.dtype);
        using var sess = tf.Session();
        // x = 0.5: d/dx elu(x² − 1) = (elu(-0.75) + 1) · 2x = e^-0.75 = 0.4723665527410147 (math.exp); x = 2: 4.
        var r = sess.run(d, feed_dict: new() { [x] = new float[,] { { 0.5f, 2f } } });
        ValueAssert.Close([0.4723665527410147, 4.0], r, ValueAssert.Float32);
    }
}
