namespace SharpFlow.Tests.Ops;

/// <summary>tf.add_n (AddN).</summary>
public sealed class AddNTests
{
    [Fact]
    public void AddN_ThreeTensors_SumsElementwise()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[,] { { 1f, 2f }, { 3f, 4f } });
        var b = tf.constant(new[,] { { 10f, 20f }, { 30f, 40f } });
        var c = tf.constant(new[,] { { 100f, 200f }, { 300f, 400f } });
        var s = tf.add_n(new[] { a, b, c });
        Assert.Equal("AddN:0", s.name);
        Assert.Equal("(2, 2)", s.get_shape().ToString());
        using var sess = tf.Session();
        Assert.Equal([111f, 222f, 333f, 444f], sess.run(s).ToArray<float>());
    }

    [Fact]
    public void AddN_IntsAndLongLists_Work()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var ints = tf.add_n(new List<Tensor> { tf.constant(new[] { 1, 2 }), tf.constant(new[] { 3, 4 }) });
        var doubles = tf.add_n(Enumerable.Range(1, 9).Select(i => tf.constant(new[] { (double)i })));
        using var sess = tf.Session();
        Assert.Equal([4, 6], sess.run(ints).ToArray<int>());
        Assert.Equal([45.0], sess.run(doubles).ToArray<double>());
    }

    [Fact]
    public void AddN_SingleInput_ReturnsItUnchanged()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1f });
        Assert.Same(a, tf.add_n(new[] { a }));
        var named = tf.add_n(new[] { a }, name: "total");
        Assert.Equal("Identity", named.op.type);
        Assert.Equal("total:0", named.name);
    }

    [Fact]
    public void AddN_VariablesAndTensorsMixed_ReadsVariables()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.constant(new[] { 2f, 3f }));
        var s = tf.add_n(new[] { v, tf.constant(new[] { 1f, 1f }) });
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal([3f, 4f], sess.run(s).ToArray<float>());
    }

    [Fact]
    public void AddN_EmptyList_ThrowsValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.add_n(Array.Empty<Tensor>()));
        Assert.Equal("inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape", e.Message);
    }

    [Fact]
    public void AddN_ShapeMismatch_ThrowsMergeErrorWithContext()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.add_n(new[] { tf.constant(new[] { 1f, 2f }), tf.constant(new[] { 1f, 2f, 3f }) }));
        Assert.Equal("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3].\n\tFrom merging shape 0 with other shapes. " +
                     "for 'AddN' (op: 'AddN') with input shapes: [2], [3].", e.Message);
    }

    [Fact]
    public void AddN_NoBroadcasting_EvenForScalars()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.add_n(new[] { tf.constant(new[] { 1f, 2f }), tf.constant(1f) }));
        Assert.Equal("Shapes must be equal rank, but are 1 and 0\n\tFrom merging shape 0 with other shapes. " +
                     "for 'AddN' (op: 'AddN') with input shapes: [2], [].", e.Message);
    }

    [Fact]
    public void AddN_DtypeMismatch_ThrowsTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<TypeError>(() => tf.add_n(new[] { tf.constant(new[] { 1f }), tf.constant(new[] { 1.0 }) }));
        Assert.Equal("Tensors in list passed to 'inputs' of 'AddN' Op have types [float32, float64] that don't all match.", e.Message);
    }

    [Fact]
    public void AddN_UnknownDims_MergeAndCheckAtRunTime()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y = tf.placeholder(tf.float32, shape: (3, -1));
        var s = tf.add_n(new[] { x, y });
        Assert.Equal("(3, 2)", s.get_shape().ToString());
        var p = tf.placeholder(tf.float32);
        var q = tf.placeholder(tf.float32);
        var pq = tf.add_n(new[] { p, q });
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(pq, feed_dict: new() { [p] = new[] { 1f }, [q] = new[] { 1f, 2f } }));
        Assert.Equal("Inputs to operation AddN_1 of type AddN must have the same size and shape.  Input 0: [1] != input 1: [2]", e.Message);
    }
}
