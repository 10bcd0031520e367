namespace SharpFlow.Tests.Training;

/// <summary>tf.train.ExponentialMovingAverage: the document's sequence, names, collections and restore maps.</summary>
public sealed class ExponentialMovingAverageTests
{
    [Fact]
    public void Apply_FollowsTheDocumentsSequence()
    {
        // Source: seed/the-tensorflow-way.txt prints [0.0, 0.0], [5.0, 4.5], [10.0, 4.5549998], [10.0, 4.6094499].
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v1 = tf.Variable(0, dtype: tf.float32);
        var step = tf.Variable(0, trainable: false);
        var ema = tf.train.ExponentialMovingAverage(0.99, step);
        var maintain = ema.apply(new[] { v1 });
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        float Shadow() => (float)sess.run(ema.average(v1));
        Assert.Equal(0f, Shadow());
        sess.run(tf.assign(v1, 5));
        sess.run(maintain);
        Assert.Equal(4.5f, Shadow());                       // decay min(0.99, 1/10) = 0.1
        sess.run(tf.assign(step, 10000));
        sess.run(tf.assign(v1, 10));
        sess.run(maintain);
        Assert.Equal(4.5549998f, Shadow());                 // decay 0.99 from here on
        sess.run(maintain);
        Assert.Equal(4.6094499f, Shadow());
    }

    [Fact]
    public void Apply_NamesShadowsAndCollectsVariables()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.constant(new[] { 1.0f, 2.0f }), name: "v");
        var t = tf.identity(v * 2.0, name: "t");
        var ema = tf.train.ExponentialMovingAverage(0.5);
        var op = ema.apply(new Tensor[] { v, t });
        Assert.Equal("ExponentialMovingAverage", op.name);
        Assert.Equal("v/ExponentialMovingAverage:0", ema.average(v).name);
        Assert.Equal("v/ExponentialMovingAverage", ema.average_name(v));
        Assert.Equal("t/ExponentialMovingAverage:0", ema.average(t).name);
        Assert.False(ema.average(v).trainable);
        Assert.Equal(new[] { v }, tf.moving_average_variables());
        Assert.Contains(ema.average(v), tf.global_variables());
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new[] { 1f, 2f }, sess.run(ema.average(v)).ToArray<float>());   // starts at the variable's initial value
        Assert.Equal(new[] { 0f, 0f }, sess.run(ema.average(t)).ToArray<float>());   // tensors start at zero
        sess.run(op);
        Assert.Equal(new[] { 1f, 2f }, sess.run(ema.average(v)).ToArray<float>());
        Assert.Equal(new[] { 1f, 2f }, sess.run(ema.average(t)).ToArray<float>());   // 0 − (0 − 2v)·0.5
    }

    [Fact]
    public void ZeroDebias_TensorAverage_IsUnbiasedFromTheFirstStep()
    {
        // TF parity: moving_averages._zero_debias divides the biased average by 1 − decayⁿ.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: new[] { 2 }, name: "x");
        var ema = tf.train.ExponentialMovingAverage(0.9, zero_debias: true);
        var op = ema.apply(new[] { x });
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(op, (x, new[] { 4f, -2f }));
        Assert.Equal(new[] { 4f, -2f }, sess.run(ema.average(x)).ToArray<float>());
        sess.run(op, (x, new[] { 2f, 0f }));
        // biased = 0.1·2 + 0.09·4 for the first element, over 1 − 0.81.
        var expected = (0.1 * 2 + 0.09 * 4) / 0.19;
        Assert.Equal(expected, (double)sess.run(ema.average(x)).ToArray<float>()[0], 5);
    }

    [Fact]
    public void VariablesToRestore_MapsShadowNamesToVariables()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.Variable(tf.constant(1.0f), name: "a");
        var b = tf.Variable(tf.constant(2.0f), name: "b", trainable: false);
        var ema = tf.train.ExponentialMovingAverage(0.9);
        ema.apply(new[] { a });
        var map = ema.variables_to_restore();
        Assert.Same(a, map["a/ExponentialMovingAverage"]);
        Assert.Same(b, map["b"]);
        Assert.False(map.ContainsKey("a"));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Apply_IntegerVariable_IsATypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var n = tf.Variable(3, name: "n");
        var ema = tf.train.ExponentialMovingAverage(0.9);
        Assert.Equal("The variables must be half, float, or double: n:0",
            Assert.Throws<TypeError>(() => ema.apply(new[] { n })).Message);
    }
}
