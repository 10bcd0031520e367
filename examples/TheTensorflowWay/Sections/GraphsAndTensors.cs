namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>Chapter 3: a tensor is a reference to a computation; every graph has its own variables.</summary>
internal static class GraphsAndTensors
{
    public static void Run(WalkthroughContext c)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();

        var a = tf.constant(new[] { 1.0f, 2.0f }, name: "a");
        var b = tf.constant(new[] { 2.0f, 3.0f }, name: "b");
        var result = a + b;
        c.Line("A tensor holds no numbers, only how to compute them: \"add:0\" is the first output of the op \"add\".");
        c.Show("result = a + b", result);
        c.Show("a.graph == tf.get_default_graph()", a.graph == tf.get_default_graph());
        c.Show("b.graph == tf.get_default_graph()", b.graph == tf.get_default_graph());
        c.Show("(a + b).name", (a + b).name);
        c.Line();

        c.Line("Two graphs, each with its own variable \"v\" (zeros in g1, ones in g2):");
        var g1 = tf.Graph();
        using (g1.as_default())
            tf.get_variable("v", shape: new[] { 1 }, initializer: tf.zeros_initializer());
        var g2 = tf.Graph();
        using (g2.as_default())
            tf.get_variable("v", shape: new[] { 1 }, initializer: tf.ones_initializer());
        c.Show("v in g1", ReadV(g1));
        c.Show("v in g2", ReadV(g2));
        g1.Dispose();
        g2.Dispose();
    }

    static NDArray ReadV(Graph g)
    {
        using var sess = tf.Session(graph: g);
        tf.global_variables_initializer().run();
        using (tf.variable_scope("", reuse: true))
            return sess.run(tf.get_variable("v", shape: new[] { 1 }));
    }
}
