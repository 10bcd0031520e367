namespace SharpFlow.Tests.Ops.NN;

/// <summary>
/// The loss building blocks of tf.nn: softmax and sparse softmax cross-entropy, the sigmoid losses, bias_add and
/// dropout. Expected values are computed by hand (log Σ exp of [1, 2, 3] is 3.40760596444438).
/// </summary>
public sealed class CrossEntropyTests
{
    const double LogSumExp123 = 3.40760596444438;

    [Fact]
    public void SoftmaxCrossEntropy_PerRowLoss_AndNames()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var logits = tf.constant(new[,] { { 1.0, 2.0, 3.0 }, { 1.0, 2.0, 3.0 } });
        var labels = tf.constant(new[,] { { 0.0, 0.0, 1.0 }, { 0.0, 1.0, 0.0 } });
        var v1 = tf.nn.softmax_cross_entropy_with_logits(labels: labels, logits: logits);
        var v2 = tf.nn.softmax_cross_entropy_with_logits_v2(labels: labels, logits: logits);
        Assert.Equal("softmax_cross_entropy_with_logits_sg:0", v1.name);
        Assert.Equal("softmax_cross_entropy_with_logits:0", v2.name);
        Assert.Equal("SoftmaxCrossEntropyWithLogits", v2.op.type);
        Assert.Equal(new TensorShape(2), v2.get_shape());
        using var sess = tf.Session();
        foreach (var loss in new[] { v1, v2 })
        {
            var value = sess.run(loss).ToArray<double>();
            Assert.Equal(LogSumExp123 - 3, value[0], 12);
            Assert.Equal(LogSumExp123 - 2, value[1], 12);
        }
        // The v1 form stops the gradient at the labels; v2 lets it through (−log softmax).
        Assert.Null(tf.gradients(v1, labels)[0]);
        var dLabels = sess.run(tf.gradients(v2, labels)[0]!).ToArray<double>();
        Assert.Equal(-(1 - LogSumExp123), dLabels[0], 12);
        var dLogits = sess.run(tf.gradients(v2, logits)[0]!).ToArray<double>();
        Assert.Equal(Math.Exp(3 - LogSumExp123) - 1, dLogits[2], 12);   // softmax − labels
    }

    [Fact]
    public void SoftmaxCrossEntropy_OtherAxisAndHigherRank_MatchTheMatrixCase()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var logitsT = tf.constant(new[,] { { 1.0, 1.0 }, { 2.0, 2.0 }, { 3.0, 3.0 } });
        var labelsT = tf.constant(new[,] { { 0.0, 0.0 }, { 0.0, 1.0 }, { 1.0, 0.0 } });
        var byColumn = tf.nn.softmax_cross_entropy_with_logits(labels: labelsT, logits: logitsT, dim: 0);
        var rank3 = tf.nn.softmax_cross_entropy_with_logits_v2(labels: tf.reshape(tf.transpose(labelsT), new[] { 1, 2, 3 }),
            logits: tf.reshape(tf.transpose(logitsT), new[] { 1, 2, 3 }));
        Assert.Equal(new TensorShape(1, 2), rank3.get_shape());
        using var sess = tf.Session();
        foreach (var value in new[] { sess.run(byColumn).ToArray<double>(), sess.run(rank3).ToArray<double>() })
        {
            Assert.Equal(LogSumExp123 - 3, value[0], 12);
            Assert.Equal(LogSumExp123 - 2, value[1], 12);
        }
    }

    [Fact]
    public void SoftmaxCrossEntropy_HugeLogits_StayFinite()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var loss = tf.nn.softmax_cross_entropy_with_logits(labels: tf.constant(new[,] { { 0.0f, 1.0f, 0.0f } }),
            logits: tf.constant(new[,] { { 1000.0f, 0.0f, -1000.0f } }));
        using var sess = tf.Session();
        Assert.Equal(1000f, sess.run(loss).ToArray<float>()[0]);
    }

    [Fact]
    public void SparseSoftmaxCrossEntropy_ValuesAndErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var logits = tf.constant(new[,] { { 1.0, 2.0, 3.0 }, { 1.0, 2.0, 3.0 } });
        var loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new long[] { 2, 1 }), logits: logits);
        Assert.Equal("SparseSoftmaxCrossEntropyWithLogits:0", loss.name);
        using var sess = tf.Session();
        var value = sess.run(loss).ToArray<double>();
        Assert.Equal(LogSumExp123 - 3, value[0], 12);
        Assert.Equal(LogSumExp123 - 2, value[1], 12);
        var bad = tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[] { 0, 5 }), logits: logits);
        Assert.Equal("Received a label value of 5 which is outside the valid range of [0, 3).  Label values: 0 5",
            Assert.Throws<InvalidArgumentError>(() => sess.run(bad)).Message);
        Assert.Equal("Shape mismatch: The shape of labels (received (3,)) should equal the shape of logits except for the last dimension (received (2, 3)).",
            Assert.Throws<ValueError>(() => tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[] { 0, 1, 2 }), logits: logits)).Message);
        Assert.Equal("Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).",
            Assert.Throws<ValueError>(() => tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[,] { { 0 }, { 1 } }), logits: logits)).Message);
    }

    [Fact]
    public void SigmoidCrossEntropy_IsStableAndShapeChecked()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { -800.0, -1.0, 0.0, 2.0, 800.0 });
        var z = tf.constant(new[] { 1.0, 0.0, 1.0, 1.0, 0.0 });
        var loss = tf.nn.sigmoid_cross_entropy_with_logits(labels: z, logits: x);
        Assert.Equal("logistic_loss:0", loss.name);
        using var sess = tf.Session();
        var v = sess.run(loss).ToArray<double>();
        // max(x, 0) − x·z + log(1 + exp(−|x|)).
        Assert.Equal(new[] { 800.0, Math.Log(1 + Math.Exp(-1)), Math.Log(2), Math.Log(1 + Math.Exp(-2)), 800.0 }, v, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal("logits and labels must have the same shape ((5,) vs (2,))",
            Assert.Throws<ValueError>(() => tf.nn.sigmoid_cross_entropy_with_logits(labels: tf.constant(new[] { 1.0, 0.0 }), logits: x)).Message);
    }

    [Fact]
    public void WeightedCrossEntropy_ScalesThePositiveTerm()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        double[] x = [-2.0, 0.5, 3.0], z = [1.0, 0.0, 0.7];
        var loss = tf.nn.weighted_cross_entropy_with_logits(labels: tf.constant(z), logits: tf.constant(x), pos_weight: 2.5);
        using var sess = tf.Session();
        var v = sess.run(loss).ToArray<double>();
        for (int i = 0; i < 3; i++)
        {
            // q·z·(−log σ(x)) + (1 − z)·(−log(1 − σ(x))).
            double sig = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(2.5 * z[i] * -Math.Log(sig) + (1 - z[i]) * -Math.Log(1 - sig), v[i], 12);
        }
    }

    [Fact]
    public void BiasAdd_AddsAlongTheChannelAxis()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var value = tf.constant(new[,] { { 1.0f, 2.0f, 3.0f }, { 4.0f, 5.0f, 6.0f } });
        var nhwc = tf.nn.bias_add(value, tf.constant(new[] { 10.0f, 20.0f, 30.0f }));
        var nchw = tf.nn.bias_add(tf.reshape(value, new[] { 1, 2, 3 }), tf.constant(new[] { 10.0f, 20.0f }), data_format: "NCHW");
        Assert.Equal("BiasAdd:0", nhwc.name);
        using var sess = tf.Session();
        Assert.Equal(new[] { 11f, 22f, 33f, 14f, 25f, 36f }, sess.run(nhwc).ToArray<float>());
        Assert.Equal(new[] { 11f, 12f, 13f, 24f, 25f, 26f }, sess.run(nchw).ToArray<float>());
        Assert.Equal("Shape must be at least rank 2 but is rank 1 for 'BiasAdd_2' (op: 'BiasAdd') with input shapes: [3], [3].",
            Assert.Throws<ValueError>(() => tf.nn.bias_add(tf.constant(new[] { 1.0f, 2.0f, 3.0f }), tf.constant(new[] { 1.0f, 2.0f, 3.0f }))).Message);
        Assert.Equal("Dimensions must be equal, but are 3 and 2 for 'BiasAdd_3' (op: 'BiasAdd') with input shapes: [2,3], [2].",
            Assert.Throws<ValueError>(() => tf.nn.bias_add(value, tf.constant(new[] { 1.0f, 2.0f }))).Message);
    }

    [Fact]
    public void Dropout_KeepsOrScalesEachElement_AndRepeatsWithASeed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.ones(new[] { 1000 });
        var dropped = tf.nn.dropout(x, keep_prob: 0.25, seed: 7);
        Assert.StartsWith("dropout/", dropped.name);
        Assert.Equal(new TensorShape(1000), dropped.get_shape());
        Assert.Same(x, tf.nn.dropout(x, keep_prob: 1.0));
        float[] first, second;
        using (var sess = tf.Session()) first = sess.run(dropped).ToArray<float>();
        using (var sess = tf.Session()) second = sess.run(dropped).ToArray<float>();
        Assert.Equal(first, second);
        Assert.All(first, v => Assert.True(v == 0f || v == 4f));
        int kept = first.Count(v => v != 0);
        Assert.InRange(kept, 200, 300);                  // 250 expected; a binomial sd of 14
        var byRate = tf.nn.dropout(x, rate: 0.75, seed: 7);
        Assert.Equal("keep_prob must be a scalar tensor or a float in the range (0, 1], got 1.5",
            Assert.Throws<ValueError>(() => tf.nn.dropout(x, keep_prob: 1.5)).Message);
        Assert.Equal("rate must be a scalar tensor or a float in the range [0, 1), got 1",
            Assert.Throws<ValueError>(() => tf.nn.dropout(x, rate: 1.0)).Message);
        Assert.Equal("x has to be a floating point tensor since it's going to be scaled. Got a int32 tensor instead.",
            Assert.Throws<ValueError>(() => tf.nn.dropout(tf.constant(new[] { 1, 2 }), keep_prob: 0.5)).Message);
        var keep = tf.placeholder(tf.float32);
        var fed = tf.nn.dropout(x, keep);
        using var s = tf.Session();
        Assert.Equal(new float[1000].Select(_ => 1f), s.run(fed, (keep, 1.0f)).ToArray<float>());
        Assert.Equal(byRate.get_shape(), dropped.get_shape());
    }
}
