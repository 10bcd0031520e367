using static SharpFlow.Tests.Ops.Arrays.ArrayAssert;

namespace SharpFlow.Tests.Ops.Arrays;

/// <summary>shape/size/rank, range, linspace, fill, zeros/ones and their _like forms, BroadcastGradientArgs.</summary>
public sealed class CreationTests
{
    [Fact]
    public void ShapeSizeRank_KnownShape_AreConstants()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 3 });
        var s = tf.shape(x);
        Assert.Equal("Const", s.op.type);
        Assert.Equal("Shape", s.op.name);
        Assert.Equal(tf.int32, s.dtype);
        Assert.Equal("Const", tf.size(x).op.type);
        Assert.Equal("Const", tf.rank(x).op.type);
        using var sess = tf.Session();
        Exact(sess.run(s), [2], new[] { 2, 3 });
        Exact(sess.run(tf.shape(x, out_type: tf.int64)), [2], new long[] { 2, 3 });
        Exact(sess.run(tf.size(x)), [], new[] { 6 });
        Exact(sess.run(tf.rank(x)), [], new[] { 2 });
    }

    [Fact]
    public void ShapeSizeRank_UnknownShape_RunAsOps()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 3));
        var s = tf.shape(x);
        var n = tf.size(x);
        var r = tf.rank(tf.placeholder(tf.float32));
        Assert.Equal("Shape", s.op.type);
        Assert.Equal("(2,)", s.get_shape().ToString());
        Assert.Equal("Size", n.op.type);
        Assert.Equal("Rank", r.op.type);
        Assert.Equal("()", r.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(s, (x, new float[4, 3])), [2], new[] { 4, 3 });
        Exact(sess.run(n, (x, new float[4, 3])), [], new[] { 12 });
        Exact(sess.run(r, (r.op.inputs[0], new float[2, 2, 2])), [], new[] { 3 });
    }

    // Values from the tf.range docstring.
    [Fact]
    public void Range_IntAndFloat_DocstringValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.range(3, 18, 3);
        var b = tf.range(3, 1, -0.5);
        var c = tf.range(5);
        Assert.Equal("range", a.op.name);
        Assert.Equal("Range", a.op.type);
        Assert.Equal(tf.int32, a.dtype);
        Assert.Equal(tf.float32, b.dtype);
        Assert.Equal("(5,)", a.get_shape().ToString());
        Assert.Equal("(4,)", b.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(a), [5], new[] { 3, 6, 9, 12, 15 });
        Exact(sess.run(b), [4], new[] { 3f, 2.5f, 2f, 1.5f });
        Exact(sess.run(c), [5], new[] { 0, 1, 2, 3, 4 });
        Exact(sess.run(tf.range(0, 3, dtype: tf.float64)), [3], new[] { 0.0, 1.0, 2.0 });
        Exact(sess.run(tf.range(tf.constant(2L), 5)), [3], new long[] { 2, 3, 4 });
    }

    [Fact]
    public void Range_BadArguments_ThrowTensorFlowErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.range(5, 3));
        Assert.Equal("Requires start <= limit when delta > 0: 5/3 for 'range' (op: 'Range') with input shapes: [], [], [] and with computed input tensors: input[0] = <5>, input[1] = <3>, input[2] = <1>.", e.Message);
        var limit = tf.placeholder(tf.int32, shape: new int[0]);
        var r = tf.range(0, limit, 0);
        using var sess = tf.Session();
        var err = Assert.Throws<InvalidArgumentError>(() => sess.run(r, (limit, 3)));
        Assert.Equal("Requires delta != 0: 0", err.Message);
    }

    [Fact]
    public void Linspace_IncludesBothEnds()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var l = tf.linspace(10.0, 12.0, 3, name: "linspace");
        Assert.Equal("LinSpace", l.op.type);
        Assert.Equal("(3,)", l.get_shape().ToString());
        using var sess = tf.Session();
        // The tf.linspace docstring: [10.0 11.0 12.0].
        Exact(sess.run(l), [3], new[] { 10f, 11f, 12f });
        var m = sess.run(tf.linspace(tf.constant(0.0, dtype: tf.float64), tf.constant(1.0, dtype: tf.float64), 4)).ToArray<double>();
        Assert.Equal(new[] { 0, 1 / 3.0, 2 / 3.0, 1.0 }, m);
        Assert.Throws<ValueError>(() => tf.linspace(0.0, 1.0, 0));
    }

    [Fact]
    public void Fill_FillsShapeWithScalar()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var f = tf.fill(new[] { 2, 3 }, 9);
        Assert.Equal("Fill", f.op.type);
        Assert.Equal(tf.int32, f.dtype);
        Assert.Equal("(2, 3)", f.get_shape().ToString());
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        Assert.Equal("(?, 2)", tf.fill(tf.shape(x), 1.5).get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(f), [2, 3], new[] { 9, 9, 9, 9, 9, 9 });
        var e = Assert.Throws<ValueError>(() => tf.fill(new[] { 2, -1 }, 1.0));
        Assert.StartsWith("Fill dimensions must be >= 0 for 'Fill_2' (op: 'Fill')", e.Message);
    }

    [Fact]
    public void Zeros_SmallIsConstantLargeIsFill_AsTensorFlow()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var small = tf.zeros((2, 3));
        var large = tf.ones(new[] { 40, 30 }, tf.int32);
        Assert.Equal("zeros", small.op.name);
        Assert.Equal("Const", small.op.type);
        Assert.Equal("ones", large.op.name);
        Assert.Equal("Fill", large.op.type);
        Assert.Equal("(40, 30)", large.get_shape().ToString());
        Assert.Equal("zeros_1", tf.zeros(3).op.name);
        using var sess = tf.Session();
        Exact(sess.run(small), [2, 3], new float[6]);
        Assert.All(sess.run(large).ToArray<int>(), v => Assert.Equal(1, v));
        Exact(sess.run(tf.zeros(new[] { 2 }, tf.@bool)), [2], new[] { false, false });
        var e = Assert.Throws<ValueError>(() => tf.zeros(new TensorShape(-1, 2)));
        Assert.Equal("Cannot convert a partially known TensorShape to a Tensor: (?, 2)", e.Message);
    }

    [Fact]
    public void ZerosLikeOnesLike_FollowTensorFlowConstruction()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var known = tf.constant(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } });
        var unknown = tf.placeholder(tf.int32, shape: (-1, 2));
        var z1 = tf.zeros_like(known);
        var z2 = tf.zeros_like(unknown);
        var o1 = tf.ones_like(unknown);
        Assert.Equal(("zeros_like", "Const"), (z1.op.name, z1.op.type));
        Assert.Equal(("zeros_like_1", "ZerosLike"), (z2.op.name, z2.op.type));
        Assert.Equal(("ones_like", "Fill"), (o1.op.name, o1.op.type));
        Assert.Equal("(?, 2)", o1.get_shape().ToString());
        Assert.Equal(tf.float64, z1.dtype);
        using var sess = tf.Session();
        Exact(sess.run(z1), [2, 2], new double[4]);
        Exact(sess.run(z2, (unknown, new int[3, 2])), [3, 2], new int[6]);
        Exact(sess.run(o1, (unknown, new int[1, 2])), [1, 2], new[] { 1, 1 });
        Exact(sess.run(tf.ones_like(known, dtype: tf.int64)), [2, 2], new long[] { 1, 1, 1, 1 });
    }

    // TF parity: core/util/bcast.h; expected reductions worked out from the broadcasting rules.
    [Fact]
    public void BroadcastGradientArgs_ReturnsAxesEachInputWasBroadcastAlong()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var s0 = tf.placeholder(tf.int32, shape: new[] { -1 });
        var s1 = tf.placeholder(tf.int32, shape: new[] { -1 });
        var (r0, r1) = SharpFlow.Ops.BroadcastGradientArgsOp.Build(s0, s1);
        Assert.Equal("(?,)", r0.get_shape().ToString());
        using var sess = tf.Session();
        var (a, b) = sess.run((r0, r1), new FeedDict { [s0] = new[] { 2, 3, 5 }, [s1] = new[] { 1 } });
        Exact(a!, [0], new int[0]);
        Exact(b!, [3], new[] { 0, 1, 2 });
        (a, b) = sess.run((r0, r1), new FeedDict { [s0] = new[] { 4, 1, 5 }, [s1] = new[] { 3, 1 } });
        Exact(a!, [1], new[] { 1 });
        Exact(b!, [2], new[] { 0, 2 });
        (a, b) = sess.run((r0, r1), new FeedDict { [s0] = new[] { 1, 1 }, [s1] = new[] { 1 } });
        Exact(a!, [2], new[] { 0, 1 });
        Exact(b!, [2], new[] { 0, 1 });
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(r0, new FeedDict { [s0] = new[] { 2, 3 }, [s1] = new[] { 4 } }));
        Assert.Equal("Incompatible shapes: [2,3] vs. [4]", e.Message);
        var (c0, c1) = SharpFlow.Ops.BroadcastGradientArgsOp.Build(tf.constant(new[] { 2, 3 }), tf.constant(new[] { 3 }));
        Assert.Empty(SharpFlow.Ops.ConstantFolding.Value(c0)!.ToArray<int>());
        Assert.Equal(new[] { 0 }, SharpFlow.Ops.ConstantFolding.Value(c1)!.ToArray<int>());
        Exact(sess.run(c1), [1], new[] { 0 });
    }
}
