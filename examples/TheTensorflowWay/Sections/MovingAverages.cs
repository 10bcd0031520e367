namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>Chapter 4: ExponentialMovingAverage with num_updates, printing the document's four pairs.</summary>
internal static class MovingAverages
{
    public static void Run(WalkthroughContext c)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();
        var v1 = tf.Variable(0, dtype: tf.float32);
        var step = tf.Variable(0, trainable: false);
        var ema = tf.train.ExponentialMovingAverage(0.99, step);
        var maintain_averages_op = ema.apply(new[] { v1 });

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        void show(string what)
        {
            NDArray[] pair = sess.run(new[] { v1, ema.average(v1) });
            c.Show(what, $"[{pair[0]}, {pair[1]}]");
        }
        c.Line("decay = min(0.99, (1 + step) / (10 + step)); shadow = decay · shadow + (1 − decay) · v1");
        c.Line("(the document prints 4.5549998 and 4.6094499; NumPy ≥ 1.14 prints float32 in its shortest form)");
        show("initially");
        sess.run(tf.assign(v1, 5));
        sess.run(maintain_averages_op);
        show("v1 = 5, step 0 (decay 0.1)");
        sess.run(tf.assign(step, 10000));
        sess.run(tf.assign(v1, 10));
        sess.run(maintain_averages_op);
        show("v1 = 10, step 10000 (decay 0.99)");
        sess.run(maintain_averages_op);
        show("once more");
    }
}
