namespace SharpFlow.Tests.Acceptance;

/// <summary>
/// The document's overflow experiments (seed/the-tensorflow-way.txt, "CNN--两个Loss层计算的数值问题"): the naive
/// NumPy formulas overflow, SharpFlow's ops stay finite. Inputs and printed outputs are the document's.
/// </summary>
public sealed class Chapter4OverflowTests
{
    static readonly double[] Large = [497.46732916, 227.75385779, 537.82669096, 787.54950048, 663.13861524,
        224.69389572, 958.39441314, 139.09633232, 381.35034548, 604.08586655];

    [Fact]
    public void Exp709_IsTheLargestFiniteExponent()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using var sess = tf.Session();
        // The document: np.exp(709) = 8.2184074615549724e+307.
        Assert.Equal(8.2184074615549724e+307, (double)sess.run(tf.exp(tf.constant(709.0, tf.float64))), 8.2184074615549724e+307 * 1e-15);
        Assert.True(double.IsPositiveInfinity((double)sess.run(tf.exp(tf.constant(710.0, tf.float64)))));
    }

    [Fact]
    public void NaiveSoftmax_GivesNaN_WhileSoftmaxStaysFinite()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var b = tf.constant(Large);
        var naive = tf.exp(b) / tf.reduce_sum(tf.exp(b));
        using var sess = tf.Session();
        // The document prints [ 0.  0.  0. nan  0.  0. nan  0.  0.  0.].
        var n = sess.run(naive).ToArray<double>();
        for (int i = 0; i < n.Length; i++)
            if (i is 3 or 6) Assert.True(double.IsNaN(n[i]));
            else Assert.Equal(0.0, n[i]);
        var s = sess.run(tf.nn.softmax(b)).ToArray<double>();
        Assert.All(s, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0, s[6], 15);
        Assert.Equal(1.0, s.Sum(), 15);
    }

    [Fact]
    public void Softmax_MatchesTheDocumentsShiftedSoftmax()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var b = tf.constant(new[] { 903.27437996, 260.68316085, 22.31677464, 544.80611744, 506.26848644,
            698.38019158, 833.72024087, 200.55675076, 924.07740602, 909.39841128 });
        using var sess = tf.Session();
        var s = sess.run(tf.nn.softmax(b)).ToArray<double>();
        // The document's high_level_softmax output (9 printed digits).
        double[] printed = [9.23337324e-010, 7.79004225e-289, 0.0, 1.92562645e-165, 3.53094986e-182,
            9.57072864e-099, 5.73299537e-040, 6.01134555e-315, 9.99999577e-001, 4.21690097e-007];
        for (int i = 0; i < s.Length; i++)
            Assert.True(Math.Abs(s[i] - printed[i]) <= 1e-8 * printed[i] + 1e-320, $"[{i}] {s[i]:E9} vs {printed[i]:E9}");
    }

    [Fact]
    public void NaiveSigmoidLoss_GivesNaN_WhileTheStableLossIsFinite()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        double[] a = [63.20798359, 958.94378279, 250.75385942, 895.49371345, 965.62635077,
            81.1217712, 423.36466749, 532.20604694, 333.45425951, 185.72621262];
        var x = tf.constant(a);
        var t = tf.constant(a.Select(v => v > 500 ? 1.0 : 0.0).ToArray());
        var y = 1.0 / (1.0 + tf.exp(-x));
        var naive = -tf.reduce_sum(t * tf.log(y) + (1.0 - t) * tf.log(1.0 - y)) / 10.0;
        var stable = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels: t, logits: x));
        using var sess = tf.Session();
        Assert.True(double.IsNaN((double)sess.run(naive)));                // the document prints nan
        // Each negative example costs x + log(1 + e^(−x)) ≈ x; the positives cost ≈ 0.
        double expected = a.Where(v => v <= 500).Sum(v => v + Math.Log(1 + Math.Exp(-v))) / 10;
        Assert.Equal(expected, (double)sess.run(stable), 10);
    }

    [Fact]
    public void SigmoidCrossEntropy_ReproducesTheDocumentsStableLoss()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        double[] a = [-173.48716596, 462.06216262, -417.78666769, 6.10480948, 340.13986055,
            23.64615392, 256.33358957, -332.46689674, 416.88593348, -246.51402684];
        var loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels: tf.constant(a.Select(v => v > 0 ? 1.0 : 0.0).ToArray()),
            logits: tf.constant(a)));
        using var sess = tf.Session();
        // The document's high_level_sigmoid_loss prints 0.000222961919658 for its unrounded inputs; the 8-decimal
        // inputs it prints give 0.000222961919518, so the two agree to 12 places.
        Assert.Equal(0.000222961919658, (double)sess.run(loss), 12);
    }
}
