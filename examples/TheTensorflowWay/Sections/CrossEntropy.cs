namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>Chapter 4: cross-entropy and MSE, then why exp() overflows and how the fused losses avoid it.</summary>
internal static class CrossEntropy
{
    // The document's inputs, printed there by np.random.rand(10) * 1000 (and * 1000 - 500 for the last one).
    static readonly double[] SoftmaxInput = [497.46732916, 227.75385779, 537.82669096, 787.54950048, 663.13861524,
        224.69389572, 958.39441314, 139.09633232, 381.35034548, 604.08586655];
    static readonly double[] SigmoidInput = [63.20798359, 958.94378279, 250.75385942, 895.49371345, 965.62635077,
        81.1217712, 423.36466749, 532.20604694, 333.45425951, 185.72621262];
    static readonly double[] CentredSigmoidInput = [-173.48716596, 462.06216262, -417.78666769, 6.10480948, 340.13986055,
        23.64615392, 256.33358957, -332.46689674, 416.88593348, -246.51402684];

    public static void Run(WalkthroughContext c)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();
        using var sess = tf.Session();
        Losses(c, sess);
        c.Line();
        Softmax(c, sess);
        c.Line();
        SigmoidLoss(c, sess, "the document's first input, labels x > 500", SigmoidInput, 500);
        c.Line();
        SigmoidLoss(c, sess, "the document's second input, labels x > 0 (document: 0.000222961919658)", CentredSigmoidInput, 0);
    }

    static void Losses(WalkthroughContext c, Session sess)
    {
        var y_ = tf.constant(new[,] { { 1.0f, 0.0f, 0.0f } }, name: "y_");
        var y = tf.constant(new[,] { { 0.5f, 0.4f, 0.1f } }, name: "y");
        var cross_entropy = -tf.reduce_mean(y_ * tf.log(tf.clip_by_value(y, 1e-10, 1.0)));
        c.Line("Labels [[1, 0, 0]], predicted probabilities [[0.5, 0.4, 0.1]]:");
        c.Show("-reduce_mean(y_ * log(clip(y, 1e-10, 1)))", sess.run(cross_entropy));

        var logits = tf.constant(new[,] { { 2.0f, 1.0f, 0.1f } }, name: "logits");
        var label_ids = tf.constant(new[] { 0L }, name: "label_ids");
        c.Line("Logits [[2, 1, 0.1]], true class 0:");
        c.Show("tf.nn.softmax(logits)", sess.run(tf.nn.softmax(logits)));
        c.Show("softmax_cross_entropy_with_logits", sess.run(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: logits)));
        c.Show("sparse_softmax_cross_entropy_with_logits", sess.run(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: label_ids, logits: logits)));

        var target = tf.constant(new[,] { { 1.0f }, { 0.0f } }, name: "target");
        var prediction = tf.constant(new[,] { { 0.8f }, { 0.3f } }, name: "prediction");
        c.Line("Regression targets [[1], [0]], predictions [[0.8], [0.3]]:");
        c.Show("tf.reduce_mean(tf.square(y_ - y))", sess.run(tf.reduce_mean(tf.square(target - prediction))));
        c.Show("tf.losses.mean_squared_error", sess.run(tf.losses.mean_squared_error(labels: target, predictions: prediction)));
    }

    static void Softmax(WalkthroughContext c, Session sess)
    {
        c.Line("exp() overflows float64 just above 709:");
        c.Show("tf.exp([709., 710.])", sess.run(tf.exp(tf.constant(new[] { 709.0, 710.0 }))));
        var b = tf.constant(SoftmaxInput, name: "b");
        c.Line("b (the document's np.random.rand(10) * 1000) =");
        c.Line(sess.run(b).ToString());
        var naive = tf.exp(b) / tf.reduce_sum(tf.exp(b));
        c.Show("naive softmax exp(b) / sum(exp(b))", sess.run(naive));
        c.Show("naive softmax of b - max(b)", sess.run(tf.exp(b - tf.reduce_max(b)) / tf.reduce_sum(tf.exp(b - tf.reduce_max(b)))));
        c.Show("tf.nn.softmax(b)", sess.run(tf.nn.softmax(b)));
    }

    static void SigmoidLoss(WalkthroughContext c, Session sess, string title, double[] input, double threshold)
    {
        c.Line($"Sigmoid cross-entropy on {title}:");
        var x = tf.constant(input, name: "x");
        var t = tf.constant(input.Select(v => v > threshold ? 1.0 : 0.0).ToArray(), name: "t");
        var y = 1.0 / (1.0 + tf.exp(-x));
        var naive = -tf.reduce_sum(t * tf.log(y) + (1.0 - t) * tf.log(1.0 - y)) / input.Length;
        c.Show("naive -sum(t·log y + (1-t)·log(1-y)) / n", sess.run(naive));
        var stable = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels: t, logits: x));
        c.Show("mean(sigmoid_cross_entropy_with_logits)", sess.run(stable));
    }
}
