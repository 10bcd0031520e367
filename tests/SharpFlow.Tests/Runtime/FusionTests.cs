namespace SharpFlow.Tests.Runtime;

/// <summary>
/// Issue 6: a bias add whose only reader is the next op, an activation, runs with it as one fused
/// step. Fusion must not change a bit: every value is compared with the same graph run unfused
/// (fetching the sum as well keeps the pair apart).
/// </summary>
public sealed class FusionTests
{
    static NDArray Data(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return np.array(Enumerable.Range(0, rows * cols).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray()).reshape(rows, cols);
    }

    static string[] Labels(Session sess, Tensor[] feeds, Tensor[] fetches) =>
        [.. ExecutionPlan.Build(feeds, fetches, [], sess.State).Kernels.Select(k => k.Label)];

    /// <summary>Runs act(sum) fused, and again with the sum fetched too (unfused); both must agree exactly.</summary>
    static void AssertFusedMatchesUnfused(Func<Tensor, Tensor> act, string fusedLabel, int rows, int cols, bool biasFirst = false, bool biasAdd = false)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, cols));
        var bias = tf.Variable(tf.constant(Data(1, cols, 2).reshape(cols)));
        var z = tf.nn.relu(x) * 1.5f;   // a private buffer, so the fused step may also write in place
        var sum = biasAdd ? tf.nn.bias_add(z, bias) : biasFirst ? bias + z : z + bias;
        var y = act(sum);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Contains(fusedLabel, Labels(sess, [x], [y]));
        Assert.DoesNotContain(fusedLabel, Labels(sess, [x], [y, sum]));
        var feed = new FeedDict { [x] = Data(rows, cols, 1) };
        var fused = sess.run(y, feed_dict: feed).ToArray<float>();
        var (unfused, _) = sess.run((y, sum), feed_dict: feed);
        Assert.Equal(unfused!.ToArray<float>(), fused);
        Assert.Equal(fused, sess.run(y, feed_dict: feed).ToArray<float>());   // a second run reuses the buffers
    }

    [Fact]
    public void EluOfSumPlusBias_IsOneStep_AndBitIdentical() => AssertFusedMatchesUnfused(t => tf.nn.elu(t), "Add+Elu", 150, 10);

    [Fact]
    public void BiasFirst_IsFusedToo() => AssertFusedMatchesUnfused(t => tf.nn.elu(t), "Add+Elu", 150, 10, biasFirst: true);

    [Fact]
    public void BiasAddRelu_SeveralBlocks() => AssertFusedMatchesUnfused(t => tf.nn.relu(t), "BiasAdd+Relu", 1000, 7, biasAdd: true);

    [Fact]
    public void WideRows_OneRowPerBlock() => AssertFusedMatchesUnfused(t => tf.sigmoid(t), "Add+Sigmoid", 3, 5000);

    [Fact]
    public void Tanh_IsFused() => AssertFusedMatchesUnfused(t => tf.tanh(t), "Add+Tanh", 100, 500);

    [Fact]
    public void Float64_IsFused()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float64, shape: (2, 3));
        var b = tf.constant(new[] { 0.5, -3.0, 1.0 });
        var y = tf.nn.elu(x + b);
        using var sess = tf.Session();
        Assert.Contains("Add+Elu", Labels(sess, [x], [y]));
        double[] xs = [1, 2, -3, 0.25, -0.5, 4], bs = [0.5, -3.0, 1.0];
        var got = sess.run(y, feed_dict: new() { [x] = np.array(xs).reshape(2, 3) }).ToArray<double>();
        // ELU by its definition: s for s > 0, else e^s − 1 (TensorFlow uses expm1).
        var want = xs.Select((v, i) => v + bs[i % 3]).Select(s => s > 0 ? s : Math.Exp(s) - 1).ToArray();
        for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 1e-15);
    }

    [Fact]
    public void OtherBroadcasts_RunBothKernels()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var column = tf.constant(new[,] { { 1f }, { -10f } });
        var y = tf.nn.relu(x + column);   // a [2,1] column, not a row bias
        using var sess = tf.Session();
        Assert.Contains("Add+Relu", Labels(sess, [x], [y]));
        var got = sess.run(y, feed_dict: new() { [x] = np.array(new[] { 1f, -2f, 3f, 4f, 5f, 12f }).reshape(2, 3) });
        Assert.Equal(new[] { 2f, 0f, 4f, 0f, 0f, 2f }, got.ToArray<float>());
    }

    [Fact]
    public void IncompatibleShapes_ReportTheAddInTensorFlowsWords()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32);
        var b = tf.placeholder(tf.float32);
        var y = tf.nn.relu(tf.add(x, b, name: "pre"));
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, feed_dict: new()
        {
            [x] = np.array(new[] { 1f, 2f, 3f, 4f, 5f, 6f }).reshape(2, 3),
            [b] = np.array(new[] { 1f, 2f, 3f, 4f }),
        }));
        Assert.Contains("Incompatible shapes: [2,3] vs. [4]", e.Message);
        Assert.Equal("pre", e.op?.name);
    }

    [Fact]
    public void SumWithTwoReaders_IsNotFused()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var sum = x + tf.constant(new[] { 1f, 2f, 3f });
        var y = tf.nn.relu(sum);
        var other = sum * 2.0f;
        using var sess = tf.Session();
        Assert.DoesNotContain("Add+Relu", Labels(sess, [x], [y, other]));
        var (yv, ov) = sess.run((y, other), feed_dict: new() { [x] = np.array(new[] { -2f, 0f, 1f, -5f, 1f, 1f }).reshape(2, 3) });
        Assert.Equal(new[] { 0f, 2f, 4f, 0f, 3f, 4f }, yv!.ToArray<float>());
        Assert.Equal(new[] { -2f, 4f, 8f, -8f, 6f, 8f }, ov!.ToArray<float>());
    }
}
