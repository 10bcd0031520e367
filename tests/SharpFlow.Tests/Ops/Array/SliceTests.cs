using static SharpFlow.Tests.Ops.Arrays.ArrayAssert;

namespace SharpFlow.Tests.Ops.Arrays;

/// <summary>Slice, pad, tile, gather, one_hot.</summary>
public sealed class SliceTests
{
    // Values from the tf.slice docstring (t = [[[1,1,1],[2,2,2]],[[3,3,3],[4,4,4]],[[5,5,5],[6,6,6]]]).
    [Fact]
    public void Slice_DocstringExamples()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = tf.constant(new[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6 });
        t = tf.reshape(t, new[] { 3, 2, 3 });
        using var sess = tf.Session();
        Exact(sess.run(tf.slice(t, new[] { 1, 0, 0 }, new[] { 1, 1, 3 })), [1, 1, 3], new[] { 3, 3, 3 });
        Exact(sess.run(tf.slice(t, new[] { 1, 0, 0 }, new[] { 1, 2, 3 })), [1, 2, 3], new[] { 3, 3, 3, 4, 4, 4 });
        Exact(sess.run(tf.slice(t, new[] { 1, 0, 0 }, new[] { 2, 1, 3 })), [2, 1, 3], new[] { 3, 3, 3, 5, 5, 5 });
        var minus = tf.slice(t, new[] { 1, 1, 1 }, new[] { -1, -1, 2 });
        Assert.Equal("(2, 1, 2)", minus.get_shape().ToString());
        Exact(sess.run(minus), [2, 1, 2], new[] { 4, 4, 6, 6 });
    }

    [Fact]
    public void Slice_OutOfBounds_ThrowsInvalidArgument()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 3));
        var s = tf.slice(x, new[] { 1, 0 }, new[] { 2, 3 });
        Assert.Equal("(2, 3)", s.get_shape().ToString());
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(s, (x, new float[2, 3])));
        Assert.Equal("Expected size[0] in [0, 1], but got 2", e.Message);
    }

    [Fact]
    public void Pad_AddsZerosAround()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var p = tf.pad(x, new[,] { { 1, 1 }, { 2, 2 } });
        Assert.Equal("(4, 7)", p.get_shape().ToString());
        using var sess = tf.Session();
        // The tf.pad docstring example.
        Exact(sess.run(p), [4, 7], new[]
        {
            0, 0, 0, 0, 0, 0, 0,
            0, 0, 1, 2, 3, 0, 0,
            0, 0, 4, 5, 6, 0, 0,
            0, 0, 0, 0, 0, 0, 0,
        });
    }

    [Fact]
    public void Tile_RepeatsAlongEachAxis()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1, 2 }, { 3, 4 } });
        var t = tf.tile(x, new[] { 2, 3 });
        Assert.Equal("(4, 6)", t.get_shape().ToString());
        Assert.Equal("(?, 6)", tf.tile(tf.placeholder(tf.float32, shape: (-1, 2)), new[] { 2, 3 }).get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(t), [4, 6], new[]
        {
            1, 2, 1, 2, 1, 2,
            3, 4, 3, 4, 3, 4,
            1, 2, 1, 2, 1, 2,
            3, 4, 3, 4, 3, 4,
        });
        var e = Assert.Throws<ValueError>(() => tf.tile(x, new[] { 2 }));
        Assert.StartsWith("Shape must be rank 2 but is rank 1 for 'Tile_2' (op: 'Tile')", e.Message);
    }

    [Fact]
    public void Gather_Axis0AndAxis1_PicksSlices()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var p = tf.constant(new[,] { { 1.0f, 2.0f, 3.0f }, { 4.0f, 5.0f, 6.0f }, { 7.0f, 8.0f, 9.0f } });
        var g0 = tf.gather(p, new[] { 2, 0 });
        var g1 = tf.gather(p, (NDArray)new[,] { { 0, 2 }, { 1, 1 } }, axis: 1);
        Assert.Equal("GatherV2", g0.op.name);
        Assert.Equal("GatherV2/axis", g0.op.inputs[2].op.name);
        Assert.Equal("(2, 3)", g0.get_shape().ToString());
        Assert.Equal("(3, 2, 2)", g1.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(g0), [2, 3], new float[] { 7, 8, 9, 1, 2, 3 });
        Exact(sess.run(g1), [3, 2, 2], new float[] { 1, 3, 2, 2, 4, 6, 5, 5, 7, 9, 8, 8 });
        Exact(sess.run(tf.gather(tf.constant(new long[] { 10, 20, 30 }), tf.constant(new long[] { 1 }))), [1], new long[] { 20 });
    }

    [Fact]
    public void Gather_IndexOutOfRange_ThrowsInvalidArgument()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var p = tf.constant(new[] { 1.0f, 2.0f, 3.0f });
        var i = tf.placeholder(tf.int32, shape: new[] { -1 });
        var y = tf.gather(p, i);
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, (i, new[] { 0, 5 })));
        Assert.Equal("indices[1] = 5 is not in [0, 3)", e.Message);
    }

    [Fact]
    public void Gather_Gradient_SumsRepeatedIndicesDensely()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var p = tf.constant(new[,] { { 1.0f, 2.0f }, { 3.0f, 4.0f }, { 5.0f, 6.0f } });
        var y = tf.reduce_sum(tf.gather(p, new[] { 2, 0, 2 }));
        var grad = tf.gradients(y, p)[0]!;
        Assert.Equal("(3, 2)", grad.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(grad), [3, 2], new float[] { 1, 1, 0, 0, 2, 2 });
    }

    // Values from the tf.one_hot docstring examples.
    [Fact]
    public void OneHot_DocstringExamples()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var indices = tf.constant(new[] { 0, 1, 2 });
        var a = tf.one_hot(indices, 3);
        Assert.Equal("one_hot", a.op.name);
        Assert.Equal(tf.float32, a.dtype);
        Assert.Equal("(3, 3)", a.get_shape().ToString());
        var b = tf.one_hot(tf.constant(new[] { 0, 2, -1, 1 }), 3, on_value: 5.0, off_value: 0.0, axis: -1);
        var c = tf.one_hot(tf.constant(new[] { 0, 2 }), 3, axis: 0, dtype: tf.int64);
        using var sess = tf.Session();
        Exact(sess.run(a), [3, 3], new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
        Exact(sess.run(b), [4, 3], new float[] { 5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0 });
        Exact(sess.run(c), [3, 2], new long[] { 1, 0, 0, 0, 0, 1 });
        var e = Assert.Throws<TypeError>(() => tf.one_hot(indices, 3, on_value: tf.constant(1), dtype: tf.float32));
        Assert.Equal("dtype <dtype: 'int32'> of on_value does not match dtype parameter <dtype: 'float32'>", e.Message);
    }
}
