using System.Globalization;

namespace SharpFlow.Tests.Acceptance;

/// <summary>
/// The chapter-4 block of shared/API.md, run as written, and the document's chapter-4 programs
/// (seed/the-tensorflow-way.txt: the y = x² learning-rate demo, the circle network, moving averages).
/// Expected printed lines for the y = x² demo were computed independently by emulating TensorFlow's float32
/// kernels (ApplyGradientDescent: var −= grad·lr; Square's gradient 2x) in Python with struct-rounded floats.
/// </summary>
[Collection("Serial")]
public sealed class Chapter4Tests
{
    /// <summary>The API.md block, verbatim (it must compile as shown).</summary>
    static void ApiMdBlock()
    {
        var x = tf.placeholder(tf.float32, shape: (-1, 2), name: "x-input");
        var y_ = tf.placeholder(tf.float32, shape: (-1, 1), name: "y-input");
        var label_ids = tf.placeholder(tf.int64, shape: new[] { -1 });
        var w = tf.Variable(tf.random_normal((2, 1), stddev: 1, seed: 1));
        var logits = tf.matmul(x, w);
        var y = tf.sigmoid(logits);
        var cross_entropy = -tf.reduce_mean(y_ * tf.log(tf.clip_by_value(y, 1e-10, 1.0)));
        var ce = tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: logits);
        var sce = tf.nn.sparse_softmax_cross_entropy_with_logits(labels: label_ids, logits: logits);
        var mse = tf.reduce_mean(tf.square(y_ - y));
        var loss = tf.losses.mean_squared_error(labels: y_, predictions: y);    // and every tf.losses function
        var train_step = tf.train.AdamOptimizer(0.001).minimize(loss);

        // y = x² with gradient descent; lr 1 oscillates 5, -5, 5 …
        var xv = tf.Variable(tf.constant(5, dtype: tf.float32), name: "x");
        var sq = tf.square(xv);
        var global_step = tf.Variable(0);
        var learning_rate = tf.train.exponential_decay(0.1, global_step, 1, 0.96, staircase: true);
        var train_op = tf.train.GradientDescentOptimizer(learning_rate).minimize(sq, global_step: global_step);

        // the network built in a loop, L2 in a collection
        Tensor get_weight(int[] shape, double lambda1)
        {
            var v = tf.Variable(tf.random_normal(shape), dtype: tf.float32);
            tf.add_to_collection("losses", tf.contrib.layers.l2_regularizer(lambda1)(v));
            return v;
        }
        var xs = tf.placeholder(tf.float32, shape: (-1, 2));
        var ys = tf.placeholder(tf.float32, shape: (-1, 1));
        int[] layer_dimension = { 2, 10, 5, 3, 1 };
        Tensor cur_layer = xs;
        for (int i = 1; i < layer_dimension.Length; i++)
        {
            var weight = get_weight(new[] { layer_dimension[i - 1], layer_dimension[i] }, 0.003);
            var bias = tf.Variable(tf.constant(0.1f, shape: new[] { layer_dimension[i] }));
            cur_layer = tf.nn.elu(tf.matmul(cur_layer, weight) + bias);
        }
        var mse_loss = tf.reduce_sum(tf.pow(ys - cur_layer, 2)) / 150;
        tf.add_to_collection("losses", mse_loss);
        var total = tf.add_n(tf.get_collection<Tensor>("losses"));
        var train_total = tf.train.AdamOptimizer(0.001).minimize(total);
        using (var s3 = tf.Session())
        {
            s3.run(tf.global_variables_initializer());
            var feed = new FeedDict { [xs] = new float[150, 2], [ys] = new float[150, 1] };
            var (_, total_value) = s3.run((train_total, total), feed_dict: feed);   // Python: sess.run([train_op, loss])
        }

        // moving averages: the document's [0.0, 0.0], [5.0, 4.5], [10.0, 4.5549998], [10.0, 4.6094499]
        // (NumPy ≥ 1.14 prints float32 scalars in their shortest form: 4.555, 4.60945)
        var v1 = tf.Variable(0, dtype: tf.float32);
        var ema_step = tf.Variable(0, trainable: false);
        var ema = tf.train.ExponentialMovingAverage(0.99, ema_step);
        var maintain_averages_op = ema.apply(new[] { v1 });
        using (var s2 = tf.Session())
        {
            s2.run(tf.global_variables_initializer());
            void show() { NDArray[] pair = s2.run(new[] { v1, ema.average(v1) }); Console.WriteLine($"[{pair[0]}, {pair[1]}]"); }   // 0-d arrays print as NumPy scalars
            show();                                              // [0.0, 0.0]
            s2.run(tf.assign(v1, 5));
            s2.run(maintain_averages_op);
            show();                                              // [5.0, 4.5]
            s2.run(tf.assign(ema_step, 10000));
            s2.run(tf.assign(v1, 10));
            s2.run(maintain_averages_op);
            show();                                              // [10.0, 4.555]
            s2.run(maintain_averages_op);
            show();                                              // [10.0, 4.60945]
        }
    }

    [Fact]
    public void ApiMdBlock_AsWritten_StopsWhereTheLossesCollectionNeedsItsOtherPlaceholders()
    {
        // tf.losses.mean_squared_error adds its loss to GraphKeys.LOSSES, which is the same "losses" collection the
        // network sums; TensorFlow 1.x then also asks for x-input when `total` runs, and so does SharpFlow.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<InvalidArgumentError>(ApiMdBlock);
        Assert.Equal("You must feed a value for placeholder tensor 'x-input' with dtype float and shape [?,2]", e.Message);
        Assert.Contains(g.get_operations(), op => op.name == "mean_squared_error/value");
        Assert.Equal("l2_regularizer:0", tf.get_collection<Tensor>("losses")[1].name);
    }

    static string Line(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    static List<string> SquareDemo(double learningRate, int steps)
    {
        // The document: TRAINING_STEPS = 10; x = tf.Variable(tf.constant(5, dtype=tf.float32), name="x").
        var lines = new List<string>();
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.Variable(tf.constant(5, dtype: tf.float32), name: "x");
        var y = tf.square(x);
        var train_op = tf.train.GradientDescentOptimizer(learningRate).minimize(y);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (int i = 0; i < steps; i++)
        {
            sess.run(train_op);
            var x_value = (float)sess.run(x);
            lines.Add(Line("After {0} iteration(s): x{0} is {1:F6}.", i + 1, x_value));
        }
        return lines;
    }

    [Fact]
    public void SquareDemo_LearningRate1_Oscillates()
    {
        var expected = Enumerable.Range(1, 10).Select(i => Line("After {0} iteration(s): x{0} is {1}.", i, i % 2 == 1 ? "-5.000000" : "5.000000"));
        Assert.Equal(expected, SquareDemo(1, 10));
    }

    [Fact]
    public void SquareDemo_LearningRate0001_Crawls()
    {
        string[] values = ["4.990000", "4.980020", "4.970059", "4.960119", "4.950199", "4.940299", "4.930418", "4.920557", "4.910716", "4.900895"];
        Assert.Equal(values.Select((v, i) => Line("After {0} iteration(s): x{0} is {1}.", i + 1, v)), SquareDemo(0.001, 10));
    }

    [Fact]
    public void SquareDemo_ExponentialDecay_PrintsTheDocumentsLines()
    {
        var lines = new List<string>();
        using (var g = tf.Graph())
        using (g.as_default())
        {
            var TRAINING_STEPS = 100;
            var global_step = tf.Variable(0);
            var LEARNING_RATE = tf.train.exponential_decay(0.1, global_step, 1, 0.96, staircase: true);
            var x = tf.Variable(tf.constant(5, dtype: tf.float32), name: "x");
            var y = tf.square(x);
            var train_op = tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(y, global_step: global_step);
            using var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            for (int i = 0; i < TRAINING_STEPS; i++)
            {
                sess.run(train_op);
                if (i % 10 == 0)
                {
                    var LEARNING_RATE_value = (float)sess.run(LEARNING_RATE);
                    var x_value = (float)sess.run(x);
                    lines.Add(Line("After {0} iteration(s): x{0} is {1:F6}, learning rate is {2:F6}.", i + 1, x_value, LEARNING_RATE_value));
                }
            }
            Assert.Equal(100, (int)sess.run(global_step));
        }
        Assert.Equal(
            [
                "After 1 iteration(s): x1 is 4.000000, learning rate is 0.096000.",
                "After 11 iteration(s): x11 is 0.690561, learning rate is 0.063824.",
                "After 21 iteration(s): x21 is 0.222583, learning rate is 0.042432.",
                "After 31 iteration(s): x31 is 0.106405, learning rate is 0.028210.",
                "After 41 iteration(s): x41 is 0.065548, learning rate is 0.018755.",
                "After 51 iteration(s): x51 is 0.047625, learning rate is 0.012469.",
                "After 61 iteration(s): x61 is 0.038558, learning rate is 0.008290.",
                "After 71 iteration(s): x71 is 0.033523, learning rate is 0.005511.",
                "After 81 iteration(s): x81 is 0.030553, learning rate is 0.003664.",
                "After 91 iteration(s): x91 is 0.028727, learning rate is 0.002436.",
            ],
            lines);
    }

    [Fact]
    public void MovingAverages_PrintTheDocumentsSequence()
    {
        var (stdout, _) = ConsoleCapture.Run(() =>
        {
            using var g = tf.Graph();
            using var scope = g.as_default();
            var v1 = tf.Variable(0, dtype: tf.float32);
            var ema_step = tf.Variable(0, trainable: false);
            var ema = tf.train.ExponentialMovingAverage(0.99, ema_step);
            var maintain_averages_op = ema.apply(new[] { v1 });
            using var s2 = tf.Session();
            s2.run(tf.global_variables_initializer());
            void show() { NDArray[] pair = s2.run(new[] { v1, ema.average(v1) }); Console.WriteLine($"[{pair[0]}, {pair[1]}]"); }
            show();
            s2.run(tf.assign(v1, 5));
            s2.run(maintain_averages_op);
            show();
            s2.run(tf.assign(ema_step, 10000));
            s2.run(tf.assign(v1, 10));
            s2.run(maintain_averages_op);
            show();
            s2.run(maintain_averages_op);
            show();
        });
        // The document prints (Python 2 repr) [10.0, 4.5549998] and [10.0, 4.6094499]: the same float32 values.
        Assert.Equal(["[0.0, 0.0]", "[5.0, 4.5]", "[10.0, 4.555]", "[10.0, 4.60945]"], ConsoleCapture.Lines(stdout));
    }

    /// <summary>The document's circle data: 150 noisy points, label 0 inside the unit circle (np.random.seed(0)).</summary>
    static (NDArray data, NDArray label) CircleData()
    {
        np.random.seed(0);
        var rows = new List<NDArray>();
        var labels = new List<NDArray>();
        for (int i = 0; i < 150; i++)
        {
            double x1 = np.random.uniform(-1, 1), x2 = np.random.uniform(0, 2);
            rows.Add(new[] { np.random.normal(x1, 0.1), np.random.normal(x2, 0.1) });
            labels.Add(x1 * x1 + x2 * x2 <= 1 ? 0 : 1);
        }
        return (np.hstack(rows).reshape(-1, 2), np.hstack(labels).reshape(-1, 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CircleNetwork_TrainsWithAdam_AndTheLossFalls(bool regularised)
    {
        var (data, label) = CircleData();
        Assert.Equal(new[] { 150, 2 }, data.shape);
        using var g = tf.Graph();
        using var _ = g.as_default();
        tf.set_random_seed(1);
        Tensor get_weight(int[] shape, double lambda1)
        {
            var v = tf.Variable(tf.random_normal(shape), dtype: tf.float32);
            tf.add_to_collection("losses", tf.contrib.layers.l2_regularizer(lambda1)(v));
            return v;
        }
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y_ = tf.placeholder(tf.float32, shape: (-1, 1));
        int[] layer_dimension = [2, 10, 5, 3, 1];
        Tensor cur_layer = x;
        for (int i = 1; i < layer_dimension.Length; i++)
        {
            var weight = get_weight([layer_dimension[i - 1], layer_dimension[i]], 0.003);
            var bias = tf.Variable(tf.constant(0.1f, shape: new[] { layer_dimension[i] }));
            cur_layer = tf.nn.elu(tf.matmul(cur_layer, weight) + bias);
        }
        var y = cur_layer;
        var mse_loss = tf.reduce_sum(tf.pow(y_ - y, 2)) / 150;
        tf.add_to_collection("losses", mse_loss);
        var loss = tf.add_n(tf.get_collection<Tensor>("losses"));
        // The document lists the collection as l2_regularizer … l2_regularizer_3, then truediv.
        Assert.Equal(["l2_regularizer:0", "l2_regularizer_1:0", "l2_regularizer_2:0", "l2_regularizer_3:0", "truediv:0"],
            tf.get_collection<Tensor>("losses").Select(t => t.name).ToArray());
        var objective = regularised ? loss : mse_loss;
        var train_op = tf.train.AdamOptimizer(0.001).minimize(objective);
        var feed = new FeedDict { [x] = data.astype(tf.float32), [y_] = label.astype(tf.float32) };
        var printed = new List<double>();
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (int i = 0; i < 1500; i++)
        {
            sess.run(train_op, feed);
            if (i % 300 == 0) printed.Add((float)sess.run(objective, feed));   // the document prints every 2000 of 40000 steps
        }
        printed.Add((float)sess.run(objective, feed));
        Assert.All(printed, v => Assert.True(double.IsFinite(v)));
        for (int i = 1; i < printed.Count; i++) Assert.True(printed[i] < printed[i - 1], $"loss rose at print {i}: {string.Join(", ", printed)}");
        Assert.True(printed[^1] < 0.75 * printed[0], $"loss fell too little: {string.Join(", ", printed)}");
        var probs = sess.run(y, (x, np.c_(np.mgrid((-1.2, 1.2, 0.6), (-0.2, 2.2, 0.6)).Select(a => a.ravel()).ToArray()).astype(tf.float32)));
        Assert.Equal(20, probs.size);
    }
}
