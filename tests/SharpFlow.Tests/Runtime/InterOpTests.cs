namespace SharpFlow.Tests.Runtime;

/// <summary>
/// Issue 6: <c>ConfigProto(inter_op_parallelism_threads:)</c> above one runs independent steps at
/// once. Stateful steps keep graph order, so every result equals a one-thread run bit for bit.
/// </summary>
public sealed class InterOpTests
{
    static ConfigProto Threads(int interOp) => tf.ConfigProto(inter_op_parallelism_threads: interOp);

    /// <summary>The document's circle network trained for a few Adam steps; returns its loss and first weights.</summary>
    static (float loss, float[] weights) TrainCircleNetwork(int interOp, int steps)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var net = CircleNetwork.Build(0.01f);
        using var sess = tf.Session(config: Threads(interOp));
        sess.run(tf.global_variables_initializer());
        for (int s = 0; s < steps; s++) sess.run(net.Train, feed_dict: net.Feed);
        return (sess.run(net.Total, feed_dict: net.Feed).ToArray<float>()[0], sess.run(net.FirstWeight).ToArray<float>());
    }

    [Fact]
    public void CircleNetwork_TrainsToTheSameBits_OnFourThreads()
    {
        var (oneLoss, oneWeights) = TrainCircleNetwork(1, 50);
        var (fourLoss, fourWeights) = TrainCircleNetwork(4, 50);
        Assert.Equal(oneLoss, fourLoss);
        Assert.Equal(oneWeights, fourWeights);
        Assert.True(oneLoss < TrainCircleNetwork(1, 0).loss);   // and it did train
    }

    [Fact]
    public void IndependentProducts_ShareALevel_AndAStatefulStepHasItsOwn()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[,] { { 1f, 2f }, { 3f, 4f } });
        var b = tf.constant(new[,] { { 5f, 6f }, { 7f, 8f } });
        var p = tf.matmul(a, b);
        var q = tf.matmul(b, a);
        var sum = p + q;
        var v = tf.Variable(tf.zeros(new[] { 2, 2 }));
        var update = tf.assign_add(v, sum);
        using var sess = tf.Session(config: Threads(2));
        sess.run(tf.global_variables_initializer());
        var plan = ExecutionPlan.Build([], [update], [], sess.State);
        var level = plan.Levels!;
        int Of(Tensor t) => plan.Kernels.ToList().FindIndex(k => k.Op == t.op);
        Assert.Equal(level[Of(p)], level[Of(q)]);
        Assert.True(level[Of(sum)] > level[Of(p)]);
        Assert.True(level[Of(update)] > level.Where((_, k) => k != Of(update)).Max());
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; reversed [[23,34],[31,46]].
        Assert.Equal(new[] { 42f, 56f, 74f, 96f }, sess.run(update).ToArray<float>());
        Assert.Equal(new[] { 84f, 112f, 148f, 192f }, sess.run(update).ToArray<float>());
    }

    [Fact]
    public void ReadBeforeAnUpdate_InGraphOrder_SeesTheOldValue()
    {
        // TensorFlow leaves this order open; SharpFlow keeps graph order on any thread count.
        foreach (var threads in new[] { 1, 3 })
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            var v = tf.Variable(tf.constant(new[] { 1f, 2f }));
            var before = v * 10.0f;
            var update = tf.assign_add(v, tf.constant(new[] { 5f, 5f }));
            using var sess = tf.Session(config: Threads(threads));
            sess.run(tf.global_variables_initializer());
            var (b, u) = sess.run((before, update));
            Assert.Equal(new[] { 10f, 20f }, b!.ToArray<float>());
            Assert.Equal(new[] { 6f, 7f }, u!.ToArray<float>());
        }
    }

    [Fact]
    public void ErrorInAConcurrentStep_IsTensorFlowsError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32);
        var y = tf.placeholder(tf.float32);
        var ok = tf.matmul(tf.constant(new[,] { { 1f } }), tf.constant(new[,] { { 2f } }));
        var bad = tf.add(x, y, name: "bad");
        using var sess = tf.Session(config: Threads(2));
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run((ok, bad), feed_dict: new()
        {
            [x] = np.array(new[] { 1f, 2f, 3f }),
            [y] = np.array(new[] { 1f, 2f }),
        }));
        Assert.Contains("Incompatible shapes: [3] vs. [2]", e.Message);
        Assert.Equal(new[] { 2f }, sess.run(ok).ToArray<float>());   // the session still runs
    }
}
