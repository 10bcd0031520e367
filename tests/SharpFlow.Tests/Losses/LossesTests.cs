namespace SharpFlow.Tests.Losses;

/// <summary>
/// tf.losses with TensorFlow 1.x semantics. Expected values come from TensorFlow's own tests
/// (python/kernel_tests/losses_test.py), which check them to 3 decimal places; others are noted where derived.
/// </summary>
public sealed class LossesTests
{
    static Tensor Predictions() => tf.constant(new[] { 4, 8, 12, 8, 1, 3 }, shape: new[] { 2, 3 });
    static Tensor Labels() => tf.constant(new[] { 1, 9, 2, -5, -2, 6 }, shape: new[] { 2, 3 });
    static Tensor Logits3() => tf.constant(new[,] { { 10.0f, 0.0f, 0.0f }, { 0.0f, 10.0f, 0.0f }, { 0.0f, 0.0f, 10.0f } });
    static Tensor WrongOneHot() => tf.constant(new[,] { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } });

    static float Eval(Tensor t)
    {
        using var sess = tf.Session(graph: t.graph);
        return (float)sess.run(t);
    }

    [Fact]
    public void AbsoluteDifference_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal(5.5, Eval(tf.losses.absolute_difference(Labels(), Predictions())), 3);
        Assert.Equal(5.5 * 2.3, Eval(tf.losses.absolute_difference(Labels(), Predictions(), 2.3)), 3);
        Assert.Equal(5.6, Eval(tf.losses.absolute_difference(Labels(), Predictions(), tf.constant(new[,] { { 1.2f }, { 0.0f } }))), 3);
        Assert.Equal(16.6, Eval(tf.losses.absolute_difference(Labels(), Predictions(), tf.constant(new[] { 3, 6, 5, 0, 4, 2 }, shape: new[] { 2, 3 }))), 3);
        Assert.Equal(6.0, Eval(tf.losses.absolute_difference(Labels(), Predictions(), tf.constant(new[] { 0, 0, 0, 0, 0, 2 }, shape: new[] { 2, 3 }))), 3);
        Assert.Equal(0.0, Eval(tf.losses.absolute_difference(Labels(), Predictions(), tf.zeros(new[] { 2, 3 }))), 3);
    }

    [Fact]
    public void MeanSquaredError_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal(49.5, Eval(tf.losses.mean_squared_error(Labels(), Predictions())), 3);
        Assert.Equal(49.5 * 2.3, Eval(tf.losses.mean_squared_error(Labels(), Predictions(), tf.constant(2.3f))), 3);
        Assert.Equal(767.8 / 6.0, Eval(tf.losses.mean_squared_error(Labels(), Predictions(), tf.constant(new[,] { { 1.2f }, { 3.4f } }))), 3);
        Assert.Equal(587 / 5.0, Eval(tf.losses.mean_squared_error(Labels(), Predictions(), tf.constant(new[] { 3, 6, 5, 0, 4, 2 }, shape: new[] { 2, 3 }))), 3);
        Assert.Equal(18.0, Eval(tf.losses.mean_squared_error(Labels(), Predictions(), tf.constant(new[] { 0, 0, 0, 0, 0, 2 }, shape: new[] { 2, 3 }))), 3);
        Assert.Equal(0.0, Eval(tf.losses.mean_squared_error(tf.constant(0), tf.constant(0))), 3);
    }

    [Fact]
    public void SoftmaxCrossEntropy_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var correct = tf.losses.softmax_cross_entropy(tf.constant(new[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }), Logits3());
        Assert.Equal("softmax_cross_entropy_loss/value", correct.op.name);
        Assert.Equal(0.0, Eval(correct), 3);
        Assert.Equal(10.0, Eval(tf.losses.softmax_cross_entropy(WrongOneHot(), Logits3())), 3);
        Assert.Equal(23.0, Eval(tf.losses.softmax_cross_entropy(WrongOneHot(), Logits3(), 2.3)), 3);
        Assert.Equal((1.2 + 3.4 + 5.6) * 10.0 / 3.0, Eval(tf.losses.softmax_cross_entropy(WrongOneHot(), Logits3(), tf.constant(new[] { 1.2f, 3.4f, 5.6f }))), 3);
        Assert.Equal(0.0, Eval(tf.losses.softmax_cross_entropy(WrongOneHot(), Logits3(), tf.constant(new[] { 0, 0, 0 }))), 3);
        Assert.Equal(12.0, Eval(tf.losses.softmax_cross_entropy(WrongOneHot(), Logits3(), tf.constant(new[] { 1.2f, 0f, 0f }))), 3);
        // Smoothing: log-softmax of [100, −100, −100] is [0, −200, −200], so the loss is 400·L/3.
        var smoothed = tf.losses.softmax_cross_entropy(tf.constant(new[,] { { 1, 0, 0 } }), tf.constant(new[,] { { 100.0f, -100.0f, -100.0f } }), label_smoothing: 0.1);
        Assert.Equal(400.0 * 0.1 / 3.0, Eval(smoothed), 3);
        Assert.Throws<ValueError>(() => tf.losses.softmax_cross_entropy(WrongOneHot(), Logits3(), tf.constant(new[,] { { 3, 4, 5 }, { 2, 6, 0 }, { 8, 0, 1 } })));
    }

    [Fact]
    public void SparseSoftmaxCrossEntropy_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var correct = tf.losses.sparse_softmax_cross_entropy(tf.constant(new[,] { { 0 }, { 1 }, { 2 } }), Logits3());
        Assert.Equal("sparse_softmax_cross_entropy_loss/value", correct.op.name);
        Assert.Equal(0.0, Eval(correct), 3);
        Assert.Equal(0.0, Eval(tf.losses.sparse_softmax_cross_entropy(tf.constant(new long[] { 0, 1, 2 }), Logits3())), 3);
        var wrong = tf.constant(new[,] { { 2 }, { 0 }, { 1 } });
        Assert.Equal(10.0, Eval(tf.losses.sparse_softmax_cross_entropy(wrong, Logits3())), 3);
        Assert.Equal(23.0, Eval(tf.losses.sparse_softmax_cross_entropy(wrong, Logits3(), 2.3)), 3);
        Assert.Equal((1.2 + 3.4 + 5.6) * 10.0 / 3.0, Eval(tf.losses.sparse_softmax_cross_entropy(wrong, Logits3(), tf.constant(new[,] { { 1.2f }, { 3.4f }, { 5.6f } }))), 3);
        Assert.Equal(12.0, Eval(tf.losses.sparse_softmax_cross_entropy(wrong, Logits3(), tf.constant(new[,] { { 1.2f }, { 0f }, { 0f } }))), 3);
        var logits = tf.placeholder(tf.float32, shape: (-1, 3));
        var labels = tf.placeholder(tf.int32, shape: (-1, 1));
        var w = tf.placeholder(tf.float32);
        var fed = tf.losses.sparse_softmax_cross_entropy(labels, logits, w);
        using var sess = tf.Session();
        var value = (float)sess.run(fed, feed_dict: new()
        {
            [logits] = new[,] { { 10f, 0f, 0f }, { 0f, 10f, 0f }, { 0f, 0f, 10f } },
            [labels] = new[,] { { 2 }, { 0 }, { 1 } },
            [w] = new[,] { { 1.2f }, { 3.4f }, { 5.6f } },
        });
        Assert.Equal((1.2 + 3.4 + 5.6) * 10.0 / 3.0, value, 3);
        // TF 1.15 nn_ops.sparse_softmax_cross_entropy_with_logits checks ranks before the op is built.
        Assert.Equal("Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).", Assert.Throws<ValueError>(() =>
            tf.losses.sparse_softmax_cross_entropy(tf.constant(new[,] { { 0, 1 }, { 2, 3 } }), tf.zeros(new[] { 4, 4 }), tf.constant(1.2f))).Message);
    }

    [Fact]
    public void SigmoidCrossEntropy_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var logits = tf.constant(new[,] { { 100.0f, -100.0f, -100.0f }, { -100.0f, 100.0f, -100.0f }, { -100.0f, -100.0f, 100.0f } });
        var correct = tf.losses.sigmoid_cross_entropy(tf.constant(new[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }), logits);
        Assert.Equal("sigmoid_cross_entropy_loss/value", correct.op.name);
        Assert.Equal(0.0, Eval(correct), 3);
        Assert.Equal(600.0 / 9.0, Eval(tf.losses.sigmoid_cross_entropy(WrongOneHot(), logits)), 3);
        Assert.Equal(1700.0 / 7.0, Eval(tf.losses.sigmoid_cross_entropy(WrongOneHot(), logits, tf.constant(new[,] { { 3, 4, 5 }, { 2, 6, 0 }, { 8, 0, 1 } }))), 3);
        var smoothed = tf.losses.sigmoid_cross_entropy(tf.constant(new[,] { { 1, 0, 1 } }), tf.constant(new[,] { { 100.0f, -100.0f, -100.0f } }), label_smoothing: 0.1);
        Assert.Equal((100.0 + 50.0 * 0.1) / 3.0, Eval(smoothed), 3);
        var ones = tf.placeholder(tf.float32, shape: (-1, 1));
        var loss = tf.losses.sigmoid_cross_entropy(ones, ones, tf.ones_like(ones));
        using var sess = tf.Session();
        var batch = new float[32, 1];
        for (int i = 0; i < 32; i++) batch[i, 0] = 1;
        Assert.Equal(0.313, (float)sess.run(loss, (ones, batch)), 3);
    }

    [Fact]
    public void LogLoss_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        double[] p = [.9, .2, .2, .8, .4, .6], l = [1, 0, 1, 1, 0, 0];
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) expected[i] = l[i] * Math.Log(p[i] + 1e-7) + (1 - l[i]) * Math.Log(1 - p[i] + 1e-7);
        var predictions = tf.constant(p, shape: new[] { 2, 3 });
        var labels = tf.constant(l, shape: new[] { 2, 3 });
        Assert.Equal(0.0, Eval(tf.losses.log_loss(labels, labels)), 3);
        Assert.Equal(-expected.Sum() / 6.0, Eval(tf.losses.log_loss(labels, predictions)), 3);
        Assert.Equal(2.3 * -expected.Sum() / 6.0, Eval(tf.losses.log_loss(labels, predictions, 2.3)), 3);
        double[] w = [3, 6, 5, 0, 4, 2];
        Assert.Equal(-expected.Select((e, i) => e * w[i]).Sum() / 5.0,
            Eval(tf.losses.log_loss(labels, predictions, tf.constant(w, shape: new[] { 2, 3 }))), 3);
        Assert.Equal(-(expected[0] + expected[1] + expected[2]) * 1.2 / 3.0,
            Eval(tf.losses.log_loss(labels, predictions, tf.constant(new[,] { { 1.2 }, { 0.0 } }))), 3);
        Assert.StartsWith("weights can not be broadcast to values.",
            Assert.Throws<ValueError>(() => tf.losses.log_loss(labels, predictions, tf.ones(new[] { 2, 4 }))).Message);
    }

    [Fact]
    public void HingeLoss_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal(0.0, Eval(tf.losses.hinge_loss(tf.constant(new[] { 1.0f, 0.0f, 0.0f, 1.0f }), tf.constant(new[] { 1.2f, -1.4f, -1.0f, 2.1f }))), 3);
        Assert.Equal(0.175, Eval(tf.losses.hinge_loss(tf.constant(new[,] { { 0.0f }, { 0.0f }, { 1.0f }, { 1.0f } }),
            tf.constant(new[,] { { -0.7f }, { -1.4f }, { 1.4f }, { 0.6f } }))), 3);
        Assert.Equal(0.875, Eval(tf.losses.hinge_loss(tf.constant(new[] { 1.0f, 0.0f, 0.0f, 1.0f }, shape: new[] { 1, 4, 1 }),
            tf.constant(new[] { 1.2f, 0.4f, -1.0f, -1.1f }, shape: new[] { 1, 4, 1 }))), 3);
        Assert.Equal("Shapes (2, 1) and (2,) are incompatible",
            Assert.Throws<ValueError>(() => tf.losses.hinge_loss(tf.constant(new[] { 0.0f, 1.0f }), tf.constant(new[,] { { -1.0f }, { 2.1f } }))).Message);
    }

    [Fact]
    public void HuberLoss_QuadraticInsideDeltaLinearOutside()
    {
        // Hand-computed: errors [0.5, −2, 3] with δ = 1 give [0.125, 1.5, 2.5]; mean 41/24.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var loss = tf.losses.huber_loss(tf.constant(new[] { 1.0f, 2.0f, -1.0f }), tf.constant(new[] { 1.5f, 0.0f, 2.0f }));
        Assert.Equal(4.125 / 3, Eval(loss), 5);
        var wide = tf.losses.huber_loss(tf.constant(new[] { 1.0f, 2.0f, -1.0f }), tf.constant(new[] { 1.5f, 0.0f, 2.0f }), delta: 2.0);
        Assert.Equal((0.125 + 2.0 + 4.0) / 3, Eval(wide), 5);   // 3 > δ: 0.5·4 + 2·(3 − 2)
    }

    [Fact]
    public void MeanPairwiseSquaredError_MatchesTensorFlowTest()
    {
        // TF 1.15 losses_test: Σ over unordered pairs ((pᵢ − pⱼ) − (lᵢ − lⱼ))² / C(n, 2), summed over the batch.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var labels = tf.constant(new[,] { { 1, 9, 2 }, { -5, -5, 7 } });
        var predictions = tf.constant(new[,] { { 4, 8, 12 }, { 8, 1, 3 } });
        Assert.Equal(0.0, Eval(tf.losses.mean_pairwise_squared_error(labels, labels)), 3);
        Assert.Equal(208.0, Eval(tf.losses.mean_pairwise_squared_error(labels, predictions)), 3);
        Assert.Equal(208.0 * 2.3, Eval(tf.losses.mean_pairwise_squared_error(labels, predictions, 2.3)), 2);
        Assert.Equal(0.0, Eval(tf.losses.mean_pairwise_squared_error(labels, predictions, tf.zeros(new[] { 2, 1 }))), 3);
        var labels3 = tf.constant(new[] { 1, 9, 2, 12, 11, 10, 9, 8, 7, -5, -5, 7, 6, 5, 4, 3, 2, 1 }, shape: new[] { 2, 3, 3 });
        var predictions3 = tf.constant(new[] { 4, 8, 12, 1, 2, 3, 4, 5, 6, 8, 1, 3, 7, 8, 9, 10, 11, 12 }, shape: new[] { 2, 3, 3 });
        Assert.Equal(137.5, Eval(tf.losses.mean_pairwise_squared_error(labels3, predictions3)), 3);
        Assert.StartsWith("weights can not be broadcast to values.", Assert.Throws<ValueError>(() =>
            tf.losses.mean_pairwise_squared_error(labels3, predictions3, tf.constant(new[] { 1.2f, 3.4f }))).Message);
    }

    [Fact]
    public void Losses_FinalOpsAreNamedValue()
    {
        // TF parity: compute_weighted_loss ends in div_no_nan(…, name="value"); mean_pairwise_squared_error's two
        // safe divisions take "value" and "value_1" first, so its result is "value_2".
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal("mean_squared_error/value", tf.losses.mean_squared_error(Labels(), Predictions()).op.name);
        Assert.Equal("absolute_difference/value", tf.losses.absolute_difference(Labels(), Predictions()).op.name);
        Assert.Equal("mean_pairwise_squared_error/value_2", tf.losses.mean_pairwise_squared_error(Labels(), Predictions()).op.name);
        Assert.Equal("weighted_loss/Sum", tf.losses.compute_weighted_loss(tf.constant(new[] { 1.0f }), reduction: tf.losses.Reduction.SUM).op.name);
    }

    [Fact]
    public void CosineDistance_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var predictions = tf.constant(new[] { 1, 0, 0, 0, 0, -1, 1, 0, 0, 1, 0, 0, 0, 0, -1, 1, 0, 0 }, shape: new[] { 3, 2, 3 });
        var labels = tf.constant(new[] { 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0 }, shape: new[] { 3, 2, 3 });
        Assert.Equal(0.0, Eval(tf.losses.cosine_distance(labels, labels, dim: 2)), 5);
        Assert.Equal(1.0, Eval(tf.losses.cosine_distance(labels, predictions, dim: 2)), 5);
        Assert.Equal(1.0, Eval(tf.losses.cosine_distance(labels, predictions, axis: 2, weights: tf.constant(new[] { 1, 0, 0 }, shape: new[] { 3, 1, 1 }))), 5);
        Assert.Equal(0.75, Eval(tf.losses.cosine_distance(labels, predictions, axis: 2, weights: tf.constant(new[] { 1, 0, 0, 1, 1, 1 }, shape: new[] { 3, 2, 1 }))), 5);
        Assert.Equal(0.0, Eval(tf.losses.cosine_distance(labels, predictions, axis: 2, weights: tf.zeros(new[] { 3, 2, 1 }))), 5);
        Assert.Equal("You must specify 'axis'.", Assert.Throws<ValueError>(() => tf.losses.cosine_distance(labels, predictions)).Message);
    }

    [Fact]
    public void ComputeWeightedLoss_EachReduction()
    {
        // TF's ComputeWeightedLossTest: raw losses 0…23 in shape (3, 2, 4); weights (3, 1, 4) with one zero.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var raw = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        double[] w = [17, 0, 2, 5, 5, 31, 17, 5, 7, 3, 11, 5];
        var losses = tf.constant(raw, shape: new[] { 3, 2, 4 });
        var weights = tf.constant(w, shape: new[] { 3, 1, 4 });
        double weightedSum = 0, weightSum = 0;
        int nonZero = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                for (int k = 0; k < 4; k++)
                {
                    double wk = w[i * 4 + k];
                    weightedSum += wk * raw[i * 8 + j * 4 + k];
                    weightSum += wk;
                    if (wk != 0) nonZero++;
                }
        Assert.Equal(weightedSum, Eval(tf.losses.compute_weighted_loss(losses, weights, reduction: tf.losses.Reduction.SUM)), 1);
        Assert.Equal(weightedSum / weightSum, Eval(tf.losses.compute_weighted_loss(losses, weights, reduction: tf.losses.Reduction.MEAN)), 4);
        Assert.Equal(weightedSum / 24, Eval(tf.losses.compute_weighted_loss(losses, weights, reduction: tf.losses.Reduction.SUM_OVER_BATCH_SIZE)), 3);
        Assert.Equal(weightedSum / nonZero, Eval(tf.losses.compute_weighted_loss(losses, weights)), 3);
        var none = tf.losses.compute_weighted_loss(losses, weights, reduction: tf.losses.Reduction.NONE);
        Assert.Equal(new[] { 3, 2, 4 }, none.get_shape().as_list().Select(d => d!.Value).ToArray());
        Assert.Equal(tf.float64, none.dtype);                  // cast back to the losses' dtype
        Assert.Equal(11.5, Eval(tf.losses.compute_weighted_loss(losses)), 5);
        Assert.Equal(6, tf.losses.get_losses().Count);
        Assert.Equal(new[] { "none", "weighted_sum", "weighted_mean", "weighted_sum_over_batch_size", "weighted_sum_by_nonzero_weights", "weighted_sum_by_nonzero_weights" },
            tf.losses.Reduction.all());
        Assert.Equal("Invalid Reduction Key bogus.", Assert.Throws<ValueError>(() => tf.losses.compute_weighted_loss(losses, reduction: "bogus")).Message);
    }

    [Fact]
    public void ComputeWeightedLoss_InvalidWeights_AreRejected()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var losses = tf.constant(new double[24], shape: new[] { 3, 2, 4 });
        Assert.Equal("weights can not be broadcast to values. values.rank=3. weights.rank=1. values.shape=(3, 2, 4). weights.shape=(3,).",
            Assert.Throws<ValueError>(() => tf.losses.compute_weighted_loss(losses, tf.constant(new[] { 17.0, 5.0, 2.0 }))).Message);
        var losses4 = tf.reshape(losses, new[] { 3, 2, 4, 1 });
        Assert.Equal("weights can not be broadcast to values. Mismatch at dim 3. values.shape=[3 2 4 1] weights.shape=[3 2 4 2].",
            Assert.Throws<ValueError>(() => tf.losses.compute_weighted_loss(losses4, tf.ones(new[] { 3, 2, 4, 2 }))).Message);
        Assert.Empty(tf.losses.get_losses());
    }

    [Fact]
    public void Losses_LabelsAndPredictionsMustBeCompatible()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal("Shapes (2, 3) and (2, 4) are incompatible",
            Assert.Throws<ValueError>(() => tf.losses.mean_squared_error(tf.zeros(new[] { 2, 4 }), tf.zeros(new[] { 2, 3 }))).Message);
    }

    [Fact]
    public void LossCollection_AddGetAndOptOut()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var logits = tf.constant(new[,] { { 1.2f, 0.4f, -1.0f, -1.1f }, { 1.2f, 0.4f, -1.0f, -1.1f } });
        var labels = tf.constant(new[,] { { 1.0f, 0.0f, 0.0f, 1.0f }, { 1.0f, 0.0f, 0.0f, 1.0f } });
        tf.losses.absolute_difference(logits, labels, loss_collection: null);
        tf.losses.log_loss(logits, labels, loss_collection: null);
        tf.losses.mean_squared_error(logits, labels, loss_collection: null);
        tf.losses.sigmoid_cross_entropy(logits, labels, loss_collection: null);
        tf.losses.softmax_cross_entropy(logits, labels, loss_collection: null);
        Assert.Empty(tf.losses.get_losses());
        var mse = tf.losses.mean_squared_error(logits, labels);
        var extra = tf.constant(2.0f);
        tf.losses.add_loss(extra);
        Assert.Equal(new[] { mse, extra }, tf.losses.get_losses());
        Assert.Equal(new[] { mse }, tf.losses.get_losses(scope: "mean_squared_error"));
        Assert.Equal(new[] { mse, extra }, tf.get_collection<Tensor>(tf.GraphKeys.LOSSES));
    }
}
