using Xunit.Abstractions;

namespace SharpFlow.Tests.Runtime;

/// <summary>
/// Issue 6: a training step that fetches only the train op allocates nothing inside SharpFlow in
/// steady state, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around 1 000 steps.
/// </summary>
/// <remarks>
/// The first test isolates Session.run, feed checks, the plan and the kernel contexts; the others add
/// the gradient and optimizer kernels of the document's networks. Each prints its bytes per step.
/// </remarks>
public sealed class AllocationTests(ITestOutputHelper output)
{
    const int Steps = 1000;

    /// <summary>Bytes allocated on this thread per call of <paramref name="step"/>, after a warm-up.</summary>
    long BytesPerStep(Action step, string what)
    {
        for (int i = 0; i < 50; i++) step();   // first runs build the plan and size every buffer
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / Steps;
        output.WriteLine($"{what}: {perStep} bytes/step");
        return perStep;
    }

    [Fact]
    public void TrainStep_RuntimeWithFeeds_AllocatesNothing()
    {
        // Kernels that allocate nothing in steady state (matmul, broadcast add/mul, assign_sub), so any
        // byte counted here comes from Session.run, feed validation, the plan or the kernel contexts.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y_ = tf.placeholder(tf.float32, shape: (-1, 1));
        var w = tf.Variable(tf.random_normal((2, 1), seed: 1));
        var b = tf.Variable(tf.zeros(new[] { 1 }));
        var y = tf.matmul(x, w) + b;
        var error = y - y_;
        var train_op = tf.assign_sub(w, tf.matmul(x, error, transpose_a: true) * 0.01).op;
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var feed = new FeedDict
        {
            [x] = new float[,] { { 0.1f, 0.2f }, { 0.3f, 0.4f } },
            [y_] = new float[,] { { 1 }, { 0 } },
        };

        Assert.Equal(0, BytesPerStep(() => sess.run(train_op, feed_dict: feed), "runtime only"));
    }

    [Fact]
    public void TrainStep_GradientDescentLinearModel_AllocatesNothing()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 3));
        var y_ = tf.placeholder(tf.float32, shape: (-1, 1));
        var w = tf.Variable(tf.random_normal((3, 1), seed: 1));
        var b = tf.Variable(tf.zeros(new[] { 1 }));
        var y = tf.matmul(x, w) + b;
        var loss = tf.reduce_mean(tf.square(y - y_));
        var train_op = tf.train.GradientDescentOptimizer(0.01).minimize(loss);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var feed = new FeedDict
        {
            [x] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 }, { 1, 0, 1 } },
            [y_] = new float[,] { { 1 }, { 2 }, { 3 }, { 4 } },
        };

        Assert.Equal(0, BytesPerStep(() => sess.run(train_op, feed_dict: feed), "GradientDescent, linear"));
    }

    [Fact]
    public void TrainStep_AdamCircleNetwork_AllocatesNothing()
    {
        // The document's network (chapter 4): [2, 10, 5, 3, 1], ELU, MSE + L2 in a collection, Adam.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var net = CircleNetwork.Build(0.001f);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());

        Assert.Equal(0, BytesPerStep(() => sess.run(net.Train, feed_dict: net.Feed), "Adam, circle network"));
    }

    [Fact]
    public void TrainStep_SoftmaxCrossEntropyMlp_AllocatesNothing()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 8));
        var y_ = tf.placeholder(tf.float32, shape: (-1, 3));
        var w1 = tf.Variable(tf.truncated_normal((8, 6), stddev: 0.1, seed: 1));
        var b1 = tf.Variable(tf.constant(0.1f, shape: new[] { 6 }));
        var w2 = tf.Variable(tf.truncated_normal((6, 3), stddev: 0.1, seed: 2));
        var b2 = tf.Variable(tf.constant(0.1f, shape: new[] { 3 }));
        var logits = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2;
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: logits));
        var train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var images = new float[5, 8];
        var labels = new float[5, 3];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 8; j++) images[i, j] = (i * 8 + j) % 7 / 7f;
            labels[i, i % 3] = 1;
        }
        var feed = new FeedDict { [x] = images, [y_] = labels };

        Assert.Equal(0, BytesPerStep(() => sess.run(train_op, feed_dict: feed), "SGD, softmax cross-entropy MLP"));
    }

    [Fact]
    public void TrainStep_WithRandomNoise_AllocatesNothing()
    {
        // Fresh Gaussian noise on the input every step (normal and uniform), so the random
        // kernels run inside the measured loop.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (64, 2));
        var w = tf.Variable(tf.random_normal((2, 1), seed: 1));
        var noise32 = tf.random_normal(new[] { 64, 2 }, stddev: 0.1f, seed: 2);
        var uniform = tf.random_uniform(new[] { 64, 2 }, seed: 3);
        var y = tf.matmul(x + noise32 + uniform, w);
        var loss = tf.reduce_mean(tf.square(y));
        var train_op = tf.train.GradientDescentOptimizer(0.01f).minimize(loss);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var feed = new FeedDict { [x] = new float[64, 2] };

        Assert.Equal(0, BytesPerStep(() => sess.run(train_op, feed_dict: feed), "GradientDescent with random noise"));
    }

    [Fact]
    public void TrainStep_AlternatingBatchSizes_AllocatesNothing()
    {
        // Training on batches of 150 and evaluating the same fetch on 1 000 points: each feed shape has
        // a plan of its own (issue 6: plans per feeds, fetches, targets and feed shapes), so neither
        // call reallocates the other's buffers.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var net = CircleNetwork.Build(0.001f);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var (xs, ys) = (net.Feed.Keys.First(), net.Feed.Keys.Last());
        var big = new FeedDict { [xs] = new float[1000, 2], [ys] = new float[1000, 1] };

        Assert.Equal(0, BytesPerStep(() =>
        {
            sess.run(net.Train, feed_dict: net.Feed);
            sess.run(net.Train, feed_dict: big);
        }, "Adam, batches of 150 and 1000 in turn"));
    }
}
