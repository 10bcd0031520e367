namespace SharpFlow.Tests.Training;

/// <summary>
/// tf.contrib.layers regularizers and tf.nn.l2_loss; expected values follow TF's regularizers_test.py
/// (scale · Σw²/2 and scale · Σ|w|), computed by hand for w = [[1, −2], [−3, 4]].
/// </summary>
public sealed class RegularizerTests
{
    static Tensor W() => tf.constant(new[,] { { 1.0f, -2.0f }, { -3.0f, 4.0f } });

    [Fact]
    public void L2Loss_IsHalfTheSumOfSquares()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var l = tf.nn.l2_loss(W());
        Assert.Equal("L2Loss", l.op.type);
        Assert.Equal(TensorShape.Scalar, l.get_shape());
        using var sess = tf.Session();
        Assert.Equal(15f, (float)sess.run(l));
    }

    [Fact]
    public void L2Regularizer_ScalesL2Loss_AndNamesAsTensorFlow()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var reg = tf.contrib.layers.l2_regularizer(0.5);
        var a = reg(W());
        var b = reg(W());
        // TF parity: the document lists 'l2_regularizer:0', 'l2_regularizer_1:0' in the losses collection.
        Assert.Equal("l2_regularizer:0", a.name);
        Assert.Equal("l2_regularizer_1:0", b.name);
        using var sess = tf.Session();
        Assert.Equal(7.5f, (float)sess.run(a));
    }

    [Fact]
    public void L1AndSumRegularizers()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var l1 = tf.contrib.layers.l1_regularizer(0.5);
        var sum = tf.contrib.layers.sum_regularizer([tf.contrib.layers.l2_regularizer(0.5), null, l1])!;
        using var sess = tf.Session();
        Assert.Equal(5f, (float)sess.run(l1(W())));
        var total = sum(W());
        Assert.Equal("sum_regularizer:0", total.name);
        Assert.Equal(12.5f, (float)sess.run(total));
        Assert.Null(tf.contrib.layers.sum_regularizer([null]));
    }

    [Fact]
    public void Regularizers_ValidateTheScale()
    {
        Assert.Equal("scale cannot be an integer: 1", Assert.Throws<ValueError>(() => tf.contrib.layers.l2_regularizer(1)).Message);
        Assert.Equal("Setting a scale less than 0 on a regularizer: -0.5.",
            Assert.Throws<ValueError>(() => tf.contrib.layers.l2_regularizer(-0.5)).Message);
        Assert.Null(tf.contrib.layers.l2_regularizer(0.0)(tf.constant(1.0f)));
    }

    [Fact]
    public void ApplyRegularization_SumsPenaltiesIntoRegularizationLosses()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var penalty = tf.contrib.layers.apply_regularization(tf.contrib.layers.l2_regularizer(0.5), [W(), tf.constant(new[] { 2.0f })]);
        Assert.Equal("get_regularization_penalty:0", penalty.name);
        Assert.Equal(new[] { penalty }, tf.losses.get_regularization_losses());
        using var sess = tf.Session();
        Assert.Equal(7.5f + 1f, (float)sess.run(penalty));
        Assert.Equal("No weights to regularize.",
            Assert.Throws<ValueError>(() => tf.contrib.layers.apply_regularization(tf.contrib.layers.l1_regularizer(0.1))).Message);
    }

    [Fact]
    public void GetVariable_Regularizer_FillsRegularizationLosses_AndTotalLoss()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.get_variable("w", shape: new[] { 2 }, initializer: tf.constant_initializer(new[] { 3.0f, 4.0f }),
            regularizer: tf.contrib.layers.l2_regularizer(0.1));
        var reg = Assert.Single(tf.losses.get_regularization_losses());
        Assert.Equal("w/Regularizer/l2_regularizer:0", reg.name);
        var mse = tf.losses.mean_squared_error(tf.constant(new[] { 0.0f, 0.0f }), w);
        var total = tf.losses.get_total_loss();
        Assert.Equal("total_loss:0", total.name);
        var regTotal = tf.losses.get_regularization_loss();
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(1.25f, (float)sess.run(reg), 6);               // 0.1 · 25 / 2
        Assert.Equal(12.5f, (float)sess.run(mse), 6);
        Assert.Equal(13.75f, (float)sess.run(total), 5);
        Assert.Equal(1.25f, (float)sess.run(regTotal), 6);
        Assert.Equal(12.5f, (float)sess.run(tf.losses.get_total_loss(add_regularization_losses: false)), 6);
    }
}
