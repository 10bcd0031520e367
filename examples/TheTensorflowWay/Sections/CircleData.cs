using SharpFlow.Plotting;

namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>
/// Chapter 4's over-fitting experiment: 150 noisy points labelled by the unit circle, a 2-10-5-3-1 ELU network built
/// in a loop, trained with Adam on the mean squared error alone and then with L2 regularisation added.
/// </summary>
internal static class CircleData
{
    const int PrintEvery = 2000;
    const int MaxCurvePoints = 1000;
    static readonly string[] ClassNames = ["label 0 (inside the unit circle)", "label 1 (outside)"];

    public static void Run(WalkthroughContext c)
    {
        var (data, label) = MakeData();
        c.Line("np.random.seed(0); 150 points: x1 ~ U(-1, 1), x2 ~ U(0, 2), label 1 outside the unit circle, Gaussian noise 0.1.");
        c.Show("data.shape", "(" + string.Join(", ", data.shape) + ")");
        c.Show("points with label 1", label.ToArray<float>().Count(v => v == 1));
        var first = data.ToArray<double>();
        c.Show("first point", $"[{first[0]:F8}, {first[1]:F8}]");
        var scatter = c.Picture("circle-data.png");
        Charts.Scatter(scatter, "The circle data set (150 points, np.random.seed(0))", data, label, ClassNames);
        c.Line($"Wrote {Path.GetFileName(scatter)}.");

        var grid = np.mgrid((-1.2, 1.2, 0.01), (-0.2, 2.2, 0.01));
        var (xx, yy) = (grid[0], grid[1]);
        var pts = np.c_(xx.ravel(), yy.ravel()).astype(tf.float32);

        var plain = Train(c, data, label, pts, regularised: false);
        var l2 = Train(c, data, label, pts, regularised: true);

        DrawBoundary(c, "boundary-mse.png", $"Without regularisation: mse_loss after {c.Steps} Adam steps", data, label, xx, yy, plain.Probabilities);
        DrawBoundary(c, "boundary-l2.png", $"With L2 (λ = 0.003): loss after {c.Steps} Adam steps", data, label, xx, yy, l2.Probabilities);
        var losses = c.Picture("loss-curves.png");
        Charts.LossCurves(losses, "Training loss on the circle data (Adam, learning rate 0.001)",
        [
            new Series("mse_loss, trained without L2", plain.Steps, plain.Mse),
            new Series("mse_loss, trained with L2", l2.Steps, l2.Mse),
            new Series("mse_loss + L2 penalty, trained with L2", l2.Steps, l2.Total),
        ]);
        c.Line($"Wrote {Path.GetFileName(losses)}.");
    }

    /// <summary>The document's data loop, drawing from NumPy's Mersenne Twister in the same order.</summary>
    static (NDArray Data, NDArray Label) MakeData()
    {
        np.random.seed(0);
        var rows = new List<NDArray>();
        var labels = new List<float>();
        for (int i = 0; i < 150; i++)
        {
            double x1 = np.random.uniform(-1, 1), x2 = np.random.uniform(0, 2);
            rows.Add(new[] { np.random.normal(x1, 0.1), np.random.normal(x2, 0.1) });
            labels.Add(x1 * x1 + x2 * x2 <= 1 ? 0 : 1);
        }
        NDArray data = np.hstack(rows).reshape(-1, 2);
        NDArray label = labels.ToArray();
        return (data.astype(tf.float32), label.reshape(-1, 1));
    }

    sealed record Result(double[] Steps, double[] Mse, double[] Total, NDArray Probabilities);

    static Result Train(WalkthroughContext c, NDArray data, NDArray label, NDArray pts, bool regularised)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();
        // Seeded so the pictures in the README can be regenerated exactly; the document leaves the weights unseeded.
        tf.set_random_seed(1);

        Tensor get_weight(int[] shape, double lambda1)
        {
            var v = tf.Variable(tf.random_normal(shape), dtype: tf.float32);
            tf.add_to_collection("losses", tf.contrib.layers.l2_regularizer(lambda1)(v));
            return v;
        }

        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y_ = tf.placeholder(tf.float32, shape: (-1, 1));
        int sample_size = data.shape[0];
        int[] layer_dimension = [2, 10, 5, 3, 1];
        Tensor cur_layer = x;
        for (int i = 1; i < layer_dimension.Length; i++)
        {
            var weight = get_weight([layer_dimension[i - 1], layer_dimension[i]], 0.003);
            var bias = tf.Variable(tf.constant(0.1f, shape: new[] { layer_dimension[i] }));
            cur_layer = tf.nn.elu(tf.matmul(cur_layer, weight) + bias);
        }
        var y = cur_layer;
        var mse_loss = tf.reduce_sum(tf.pow(y_ - y, 2)) / sample_size;
        tf.add_to_collection("losses", mse_loss);
        var loss = tf.add_n(tf.get_collection<Tensor>("losses"));
        var train_op = tf.train.AdamOptimizer(0.001).minimize(regularised ? loss : mse_loss);

        var name = regularised ? "loss" : "mse_loss";
        var printed = regularised ? loss : mse_loss;
        var feed = new FeedDict { [x] = data, [y_] = label };
        int stride = Math.Max(1, c.Steps / MaxCurvePoints);
        var (steps, mse, total) = (new List<double>(), new List<double>(), new List<double>());

        using var sess = tf.Session();
        c.Line();
        c.Line(regularised
            ? "Training loss = mse_loss + the L2 penalties collected in \"losses\" (tf.add_n):"
            : "Training mse_loss only:");
        sess.run(tf.global_variables_initializer());
        c.Progress.Run(regularised ? "Adam with L2" : "Adam without L2", c.Steps, progress =>
        {
            for (int i = 0; i < c.Steps; i++)
            {
                if (i % stride == 0)
                {
                    var (_, m, t) = sess.run((train_op, mse_loss, loss), feed_dict: feed);
                    steps.Add(i);
                    mse.Add((float)m!);
                    total.Add((float)t!);
                }
                else
                {
                    sess.run(train_op, feed_dict: feed);
                }
                if (i % PrintEvery == 0)
                    progress.WriteLine($"After {i} steps, {name}: {(float)sess.run(printed, feed_dict: feed):F6}");
                if ((i + 1) % 100 == 0 || i + 1 == c.Steps) progress.Step(i + 1);
            }
        });
        var probs = sess.run(y, feed_dict: new() { [x] = pts });
        return new Result([.. steps], [.. mse], [.. total], probs);
    }

    static void DrawBoundary(WalkthroughContext c, string file, string title, NDArray data, NDArray label, NDArray xx, NDArray yy, NDArray probs)
    {
        var path = c.Picture(file);
        Charts.DecisionBoundary(path, title, data, label, ClassNames, xx, yy, probs.reshape(xx.shape));
        c.Line($"Wrote {file}: the 0.5 contour of the network's output over the np.mgrid grid, on top of the data.");
    }
}
