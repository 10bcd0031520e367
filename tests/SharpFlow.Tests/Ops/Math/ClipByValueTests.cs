namespace SharpFlow.Tests.Ops;

/// <summary>tf.clip_by_value: Minimum then Maximum under the "clip_by_value" scope (TF 1.x clip_ops.py).</summary>
public sealed class ClipByValueTests
{
    [Fact]
    public void Clip_Float32_ClampsToBounds()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var y = tf.constant(new[] { 0f, 1e-12f, 0.5f, 1f, 2f });
        var c = tf.clip_by_value(y, 1e-10, 1.0);
        Assert.Equal(tf.float32, c.dtype);
        using var sess = tf.Session();
        Assert.Equal([1e-10f, 1e-10f, 0.5f, 1f, 1f], sess.run(c).ToArray<float>());
    }

    [Fact]
    public void Clip_Names_FollowTf()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var y = tf.constant(new[] { 0.5 });
        var c = tf.clip_by_value(y, 0.0, 1.0);
        Assert.Equal("clip_by_value:0", c.name);
        Assert.Equal("Maximum", c.op.type);
        Assert.Equal("clip_by_value/Minimum", c.op.inputs[0].op.name);
        Assert.Equal("clip_by_value_1:0", tf.clip_by_value(y, 0.0, 1.0).name);
        Assert.Equal("probs:0", tf.clip_by_value(y, 0.0, 1.0, name: "probs").name);
    }

    [Fact]
    public void Clip_TensorBounds_Broadcast()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = tf.constant(new[,] { { -5, 0, 5 }, { 10, -10, 3 } });
        var c = tf.clip_by_value(t, tf.constant(new[] { -1, 0, 1 }), 4);
        Assert.Equal(tf.int32, c.dtype);
        using var sess = tf.Session();
        Assert.Equal([-1, 0, 4, 4, 0, 3], sess.run(c).ToArray<int>());
    }

    [Fact]
    public void Clip_BoundsThatWouldBroadcastT_ThrowValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = tf.constant(new[] { 1f, 2f });
        var e = Assert.Throws<ValueError>(() => tf.clip_by_value(t, 0.0, tf.constant(new[,] { { 1f, 1f }, { 1f, 1f } })));
        Assert.Equal("Shapes (2,) and (2, 2) are not compatible", e.Message);
    }

    [Fact]
    public void Clip_UnknownBatch_KeepsShape()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float64, shape: (-1, 2));
        var c = tf.clip_by_value(x, -1.0, 1.0);
        Assert.Equal(tf.float64, c.dtype);
        Assert.Equal("(?, 2)", c.get_shape().ToString());
    }
}
