namespace SharpFlow.Tests.Ops.NN;

public sealed class SoftmaxTests
{
    // softmax([1, 2, 3]) = e^i / (e + e² + e³), computed independently: [0.09003057, 0.24472847, 0.66524096].
    static readonly double[] Softmax123 = [0.090030573170380462, 0.24472847105479764, 0.66524095577482190];

    static void AssertClose(double[] expected, NDArray actual, double tol)
    {
        var v = actual.ToArray<double>();
        Assert.Equal(expected.Length, v.Length);
        for (int i = 0; i < v.Length; i++) Assert.True(Math.Abs(v[i] - expected[i]) <= tol, $"element {i}: expected {expected[i]}, got {v[i]}");
    }

    [Fact]
    public void Softmax_LastAxis_MatchesFormula()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1.0f, 2.0f, 3.0f }, { 1000f, 1001f, 1002f } });
        var y = tf.nn.softmax(x);
        Assert.Equal("Softmax", y.op.name);
        Assert.Equal("Softmax", y.op.type);
        Assert.Equal(tf.float32, y.dtype);
        Assert.Equal("(2, 3)", y.get_shape().ToString());
        using var sess = tf.Session();
        var v = sess.run(y);
        AssertClose([.. Softmax123, .. Softmax123], v, 1e-7);
    }

    [Fact]
    public void LogSoftmax_Float64_MatchesFormula()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var y = tf.nn.log_softmax(tf.constant(new[] { 1.0, 2.0, 3.0 }));
        Assert.Equal("LogSoftmax", y.op.type);
        using var sess = tf.Session();
        AssertClose(Softmax123.Select(v => Math.Log(v)).ToArray(), sess.run(y), 1e-15);
    }

    // The document's overflow experiment: exp(1000) is inf in float32, so the naive formula gives NaN.
    [Fact]
    public void Softmax_HugeLogits_StaysFiniteWhereNaiveFormulaGivesNaN()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var b = tf.constant(new[] { 1000f, 2000f, 3000f });
        var naive = tf.exp(b) / tf.reduce_sum(tf.exp(b));
        using var sess = tf.Session();
        Assert.All(sess.run(naive).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(new[] { 0f, 0f, 1f }, sess.run(tf.nn.softmax(b)).ToArray<float>());
        Assert.Equal(new[] { -2000f, -1000f, 0f }, sess.run(tf.nn.log_softmax(b)).ToArray<float>());
    }

    [Fact]
    public void Softmax_OtherAxis_TransposesAroundTheOp()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } });
        var y = tf.nn.softmax(x, axis: 0);
        var z = tf.nn.softmax(x, dim: 0);
        Assert.Equal("Transpose", y.op.type);
        Assert.Equal("(2, 2)", y.get_shape().ToString());
        using var sess = tf.Session();
        // Each column: [1/(1+e²), e²/(1+e²)].
        double a = 1 / (1 + Math.Exp(2)), b = Math.Exp(2) / (1 + Math.Exp(2));
        AssertClose([a, a, b, b], sess.run(y), 1e-15);
        AssertClose([a, a, b, b], sess.run(z), 1e-15);
        AssertClose([a, a, b, b], sess.run(tf.nn.softmax(x, axis: -2)), 1e-15);
        var e = Assert.Throws<ValueError>(() => tf.nn.softmax(x, axis: 0, dim: 0));
        Assert.Equal("Cannot specify both 'axis' and 'dim'", e.Message);
    }

    [Fact]
    public void Softmax_BadAxisOrScalar_ThrowsTensorFlowErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 2 });
        var e = Assert.Throws<InvalidArgumentError>(() => tf.nn.softmax(x, axis: 2));
        Assert.Equal("Dimension (2) must be in the range [-2, 2) where 2 is the number of dimensions in the input.", e.Message);
        var v = Assert.Throws<ValueError>(() => tf.nn.softmax(tf.constant(1.0f)));
        Assert.Equal("Shape must be at least rank 1 but is rank 0 for 'Softmax' (op: 'Softmax') with input shapes: [].", v.Message);
        Assert.Throws<TypeError>(() => tf.nn.softmax(tf.constant(new[] { 1, 2 })));
    }

    [Fact]
    public void SoftmaxGradient_MatchesJacobianProduct()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1.0, 2.0, 3.0 });
        var w = tf.constant(new[] { 1.0, 0.0, 0.0 });
        var grad = tf.gradients([tf.nn.softmax(x)], [x], grad_ys: [w])[0]!;
        using var sess = tf.Session();
        // d softmax_0 / d x_j = s0 (δ0j − s_j).
        var s = Softmax123;
        AssertClose([s[0] * (1 - s[0]), -s[0] * s[1], -s[0] * s[2]], sess.run(grad), 1e-15);
    }
}
