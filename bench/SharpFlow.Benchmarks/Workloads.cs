namespace SharpFlow.Benchmarks;

/// <summary>A built graph, a session on it, and the one call that a benchmark times.</summary>
internal sealed class Workload(string name, Graph graph, Session session, Action step, Func<(Tensor[] feeds, Operation[] targets)> plan) : IDisposable
{
    public string Name { get; } = name;
    public Graph Graph { get; } = graph;
    public Session Session { get; } = session;
    public Action Step { get; } = step;

    /// <summary>The fed tensors and target ops of the timed run, for the per-op profile.</summary>
    public (Tensor[] feeds, Operation[] targets) Plan => plan();

    public FeedDict? Feed { get; init; }

    public void Dispose()
    {
        Session.Dispose();
    }
}

/// <summary>The end-to-end workloads of issue 6 (W1–W3), written as a user writes them with the public API.</summary>
/// <remarks>Each graph scope closes before its session opens: a live session is itself the default and must not nest inside it.</remarks>
internal static class Workloads
{
    static ConfigProto Config(int threads) => tf.ConfigProto(intra_op_parallelism_threads: threads, inter_op_parallelism_threads: 1);

    /// <summary>Random values in [lo, hi), reproducible.</summary>
    static float[,] Uniform(int rows, int cols, Random rng, float lo = -1, float hi = 1)
    {
        var a = new float[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                a[i, j] = lo + (hi - lo) * rng.NextSingle();
        return a;
    }

    /// <summary>W1: the document's circle network [2, 10, 5, 3, 1], ELU, MSE + L2(0.003), Adam(0.001), batch 150.</summary>
    public static Workload W1(int threads)
    {
        var g = tf.Graph();
        var scope = g.as_default();
        var xs = tf.placeholder(tf.float32, shape: (-1, 2));
        var ys = tf.placeholder(tf.float32, shape: (-1, 1));
        int[] layer_dimension = [2, 10, 5, 3, 1];
        Tensor cur_layer = xs;
        for (int i = 1; i < layer_dimension.Length; i++)
        {
            var weight = tf.Variable(tf.random_normal(new[] { layer_dimension[i - 1], layer_dimension[i] }), dtype: tf.float32);
            tf.add_to_collection("losses", tf.contrib.layers.l2_regularizer(0.003)(weight));
            var bias = tf.Variable(tf.constant(0.1f, shape: new[] { layer_dimension[i] }));
            cur_layer = tf.nn.elu(tf.matmul(cur_layer, weight) + bias);
        }
        var mse_loss = tf.reduce_sum(tf.pow(ys - cur_layer, 2)) / 150;
        tf.add_to_collection("losses", mse_loss);
        var total = tf.add_n(tf.get_collection<Tensor>("losses"));
        var train_op = tf.train.AdamOptimizer(0.001).minimize(total);

        var rng = new Random(1);
        var data = Uniform(150, 2, rng);
        var labels = new float[150, 1];
        for (int i = 0; i < 150; i++) labels[i, 0] = data[i, 0] * data[i, 0] + data[i, 1] * data[i, 1] <= 1 ? 1 : 0;
        var init = tf.global_variables_initializer();
        scope.Dispose();
        var sess = tf.Session(graph: g, config: Config(threads));
        sess.run(init);
        var feed = new FeedDict { [xs] = data, [ys] = labels };
        return new Workload("W1", g, sess, () => sess.run(train_op, feed_dict: feed), () => ([xs, ys], [train_op])) { Feed = feed };
    }

    /// <summary>W2: API.md's forward pass (x 1×2, w1 2×3, w2 3×1) with a feed and a fetch per call.</summary>
    public static Workload W2(int threads)
    {
        var g = tf.Graph();
        var scope = g.as_default();
        var w1 = tf.Variable(tf.random_normal((2, 3), stddev: 1, seed: 1));
        var w2 = tf.Variable(tf.random_normal((3, 1), stddev: 1, seed: 1));
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        var a = tf.matmul(x, w1);
        var y = tf.matmul(a, w2);
        var init = tf.global_variables_initializer();
        scope.Dispose();
        var sess = tf.Session(graph: g, config: Config(threads));
        sess.run(init);
        NDArray input = new[,] { { 0.7f, 0.9f } };
        // A user's loop body: a fresh feed_dict around an existing array, and the fetched value read back.
        float sink = 0;
        void Step()
        {
            var r = sess.run(y, feed_dict: new() { [x] = input });
            sink += r.ToArray<float>()[0];
        }
        return new Workload("W2", g, sess, Step, () => ([x], [y.op]));
    }

    /// <summary>W3: MLP 784-500-10, ReLU, softmax cross-entropy, SGD(0.1), batch 100 (MNIST-shaped random data).</summary>
    public static Workload W3(int threads)
    {
        const int input = 784, hidden = 500, output = 10, batch = 100;
        var g = tf.Graph();
        var scope = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, input), name: "x-input");
        var y_ = tf.placeholder(tf.float32, shape: (-1, output), name: "y-input");
        var weights1 = tf.Variable(tf.truncated_normal((input, hidden), stddev: 0.1, seed: 1));
        var biases1 = tf.Variable(tf.constant(0.1f, shape: new[] { hidden }));
        var weights2 = tf.Variable(tf.truncated_normal((hidden, output), stddev: 0.1, seed: 2));
        var biases2 = tf.Variable(tf.constant(0.1f, shape: new[] { output }));
        var layer1 = tf.nn.relu(tf.matmul(x, weights1) + biases1);
        var logits = tf.matmul(layer1, weights2) + biases2;
        var cross_entropy = tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: logits);
        var loss = tf.reduce_mean(cross_entropy);
        var train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss);

        var rng = new Random(2);
        var images = Uniform(batch, input, rng, 0, 1);
        var labels = new float[batch, output];
        for (int i = 0; i < batch; i++) labels[i, rng.Next(output)] = 1;
        var init = tf.global_variables_initializer();
        scope.Dispose();
        var sess = tf.Session(graph: g, config: Config(threads));
        sess.run(init);
        var feed = new FeedDict { [x] = images, [y_] = labels };
        return new Workload("W3", g, sess, () => sess.run(train_op, feed_dict: feed), () => ([x, y_], [train_op])) { Feed = feed };
    }
}
