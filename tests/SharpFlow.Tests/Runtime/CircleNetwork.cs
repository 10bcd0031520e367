namespace SharpFlow.Tests.Runtime;

/// <summary>
/// The document's chapter-4 network, built in the default graph: layers [2, 10, 5, 3, 1], ELU,
/// MSE + L2(0.003) summed from the "losses" collection, Adam; fed 150 grid points inside or outside
/// the unit circle.
/// </summary>
internal sealed record CircleNetwork(Tensor Total, Operation Train, Variable FirstWeight, FeedDict Feed)
{
    public static CircleNetwork Build(float learningRate)
    {
        var xs = tf.placeholder(tf.float32, shape: (-1, 2));
        var ys = tf.placeholder(tf.float32, shape: (-1, 1));
        int[] dims = [2, 10, 5, 3, 1];
        Tensor cur = xs;
        Variable? first = null;
        for (int i = 1; i < dims.Length; i++)
        {
            var weight = tf.Variable(tf.random_normal(new[] { dims[i - 1], dims[i] }, seed: i), dtype: tf.float32);
            first ??= weight;
            tf.add_to_collection("losses", tf.contrib.layers.l2_regularizer(0.003)(weight));
            var bias = tf.Variable(tf.constant(0.1f, shape: new[] { dims[i] }));
            cur = tf.nn.elu(tf.matmul(cur, weight) + bias);
        }
        tf.add_to_collection("losses", tf.reduce_sum(tf.pow(ys - cur, 2)) / 150);
        var total = tf.add_n(tf.get_collection<Tensor>("losses"));
        var train = tf.train.AdamOptimizer(learningRate).minimize(total);
        var data = new float[150, 2];
        var labels = new float[150, 1];
        for (int i = 0; i < 150; i++)
        {
            data[i, 0] = (i % 15) / 7.5f - 1;
            data[i, 1] = (i / 15) / 5f;
            labels[i, 0] = data[i, 0] * data[i, 0] + data[i, 1] * data[i, 1] <= 1 ? 1 : 0;
        }
        return new CircleNetwork(total, train, first!, new FeedDict { [xs] = data, [ys] = labels });
    }
}
