namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>Chapter 3: running a graph in a session, default sessions, and where ops are placed.</summary>
internal static class Sessions
{
    public static void Run(WalkthroughContext c)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();
        var result = tf.constant(new[] { 1.0f, 2.0f }, name: "a") + tf.constant(new[] { 2.0f, 3.0f }, name: "b");

        using (var sess = tf.Session())
            c.Show("with tf.Session() as sess: sess.run(result)", sess.run(result));

        var s = tf.Session();
        using (s.as_default())
            c.Show("with sess.as_default(): result.eval()", result.eval());
        s.close();

        var isess = tf.InteractiveSession();
        c.Show("tf.InteractiveSession(); result.eval()", result.eval());
        isess.close();
        c.Line();

        c.Line("Ops pinned to a GPU with allow_soft_placement run on the CPU (this runtime has no GPU):");
        var g = tf.Graph();
        using (g.as_default())
        {
            Tensor r;
            using (g.device("/gpu:0"))
                r = tf.constant(new[] { 1.0f, 2.0f }, name: "a") + tf.constant(new[] { 2.0f, 3.0f }, name: "b");
            c.Show("r.device", r.device);
            var config = tf.ConfigProto(allow_soft_placement: true, log_device_placement: true);
            c.Line("Device placement log (TensorFlow writes it to standard error):");
            NDArray value = WithErrorTo(c.Out, () =>
            {
                using var sess = tf.Session(graph: g, config: config);
                return sess.run(r);
            });
            c.Show("sess.run(r)", value);
        }
        g.Dispose();
    }

    // The session writes its placement log to Console.Error; route it to the walkthrough's output so it appears in order.
    static T WithErrorTo<T>(TextWriter writer, Func<T> body)
    {
        var saved = Console.Error;
        Console.SetError(new IndentedWriter(writer));
        try
        {
            return body();
        }
        finally
        {
            Console.SetError(saved);
        }
    }

    sealed class IndentedWriter(TextWriter inner) : TextWriter
    {
        bool _lineStart = true;

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (_lineStart && value != '\n') inner.Write("  ");
            inner.Write(value);
            _lineStart = value == '\n';
        }
    }
}
