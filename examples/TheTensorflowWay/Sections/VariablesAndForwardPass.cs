namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>Chapter 3: seeded variables, a placeholder, and the two-layer forward pass of the document.</summary>
internal static class VariablesAndForwardPass
{
    public static void Run(WalkthroughContext c)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();

        var w1 = tf.Variable(tf.random_normal((2, 3), stddev: 1, seed: 1));
        var w2 = tf.Variable(tf.random_normal((3, 1), stddev: 1, seed: 1));
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        var a = tf.matmul(x, w1);
        var y = tf.matmul(a, w2);

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        c.Show("w1", w1);
        c.Show("w1.get_shape()", w1.get_shape());
        c.Show("w1.get_shape()[1]", w1.get_shape()[1]);
        c.Line("w1 =");
        c.Line(sess.run(w1).ToString());
        c.Line("w2 =");
        c.Line(sess.run(w2).ToString());
        c.Show("sess.run(y, feed_dict: {x: [[0.7, 0.9]]})", sess.run(y, feed_dict: new() { [x] = new[,] { { 0.7f, 0.9f } } }));
        c.Line();

        c.Line("Initialising from another variable, and changing a variable's shape with validate_shape: false:");
        var w3 = tf.Variable(w1.initialized_value());
        var w4 = tf.Variable(w1.initialized_value() * 2.0);
        var w5 = tf.Variable(tf.random_normal((2, 2), stddev: 1, seed: 2), name: "w5");
        var grow = tf.assign(w1, w5, validate_shape: false);
        sess.run(tf.global_variables_initializer());
        c.Show("w3 = tf.Variable(w1.initialized_value())", w3);
        c.Show("w4 − 2·w1 (all zeros)", sess.run(w4 - w1 * 2.0));
        sess.run(grow);
        c.Show("w1 after tf.assign(w1, w5, validate_shape: false)", "shape (" + string.Join(", ", sess.run(w1).shape) + ")");
    }
}
