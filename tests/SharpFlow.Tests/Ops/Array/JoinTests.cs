using static SharpFlow.Tests.Ops.Arrays.ArrayAssert;

namespace SharpFlow.Tests.Ops.Arrays;

/// <summary>Transpose, concat, stack and unstack.</summary>
public sealed class JoinTests
{
    [Fact]
    public void Transpose_DefaultPerm_ReversesDimensions()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(IotaF(2, 3));
        var t = tf.transpose(x);
        Assert.Equal("transpose", t.op.name);
        Assert.Equal("Transpose", t.op.type);
        Assert.Equal("transpose/perm", t.op.inputs[1].op.name);
        Assert.Equal("(3, 2)", t.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(t), [3, 2], new float[] { 0, 3, 1, 4, 2, 5 });
    }

    [Fact]
    public void Transpose_ThreeDimensions_MatchesIndexFormula()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(Iota(2, 3, 4).astype(DType.Int32));
        var t = tf.transpose(x, new[] { 2, 0, 1 });
        Assert.Equal("(4, 2, 3)", t.get_shape().ToString());
        using var sess = tf.Session();
        var v = sess.run(t);
        var expected = new int[24];
        for (int k = 0; k < 4; k++) for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) expected[(k * 2 + i) * 3 + j] = (i * 3 + j) * 4 + k;
        Exact(v, [4, 2, 3], expected);
    }

    [Fact]
    public void Transpose_LargeMatrixAndBool_Blocked()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(Iota(70, 45));
        var b = tf.constant(new[,] { { true, false, false }, { true, true, false } });
        using var sess = tf.Session();
        var v = sess.run(tf.transpose(x)).ToArray<double>();
        for (int i = 0; i < 70; i++) for (int j = 0; j < 45; j++) Assert.Equal(i * 45 + j, v[j * 70 + i]);
        Exact(sess.run(tf.transpose(b)), [3, 2], new[] { true, true, false, true, false, false });
    }

    [Fact]
    public void Transpose_BadPerm_ThrowsAtBuildAndRunTime()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 3 });
        var e = Assert.Throws<ValueError>(() => tf.transpose(x, new[] { 0, 2 }));
        Assert.Equal("perm dim 2 is out of range of input rank 2 for 'transpose' (op: 'Transpose') with input shapes: [2,3], [2] and with computed input tensors: input[1] = <0 2>.", e.Message);
        var p = tf.placeholder(tf.int32, shape: new[] { -1 });
        var t = tf.transpose(x, p);
        using var sess = tf.Session();
        var r = Assert.Throws<InvalidArgumentError>(() => sess.run(t, (p, new[] { 0, 1, 2 })));
        Assert.Equal("transpose expects a vector of size 2. But input(1) is a vector of size 3", r.Message);
    }

    [Fact]
    public void Concat_AlongEachAxis_JoinsValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = tf.constant(new[,] { { 7, 8, 9 }, { 10, 11, 12 } });
        var c0 = tf.concat([a, b], 0);
        var c1 = tf.concat([a, b], -1);
        Assert.Equal("concat", c0.op.name);
        Assert.Equal("ConcatV2", c0.op.type);
        Assert.Equal("concat/axis", c0.op.inputs[2].op.name);
        Assert.Equal("(4, 3)", c0.get_shape().ToString());
        Assert.Equal("(2, 6)", c1.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(c0), [4, 3], new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
        Exact(sess.run(c1), [2, 6], new[] { 1, 2, 3, 7, 8, 9, 4, 5, 6, 10, 11, 12 });
    }

    [Fact]
    public void Concat_UnknownDims_MergesStaticShape()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.placeholder(tf.float32, shape: (-1, 3));
        var b = tf.placeholder(tf.float32, shape: (2, -1));
        Assert.Equal("(2, ?)", tf.concat([a, b], 1).get_shape().ToString());
        Assert.Equal("(?, 3)", tf.concat([a, b], 0).get_shape().ToString());
        var single = tf.concat([a], 0);
        Assert.Equal("Identity", single.op.type);
    }

    // TF parity: ConcatShapeHelper merges the leading dimensions with TensorFlow's Merge wording.
    [Fact]
    public void Concat_MismatchedDims_ThrowsTensorFlowErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.zeros(new[] { 2, 3 });
        var b = tf.zeros(new[] { 3, 3 });
        var e = Assert.Throws<ValueError>(() => tf.concat([a, b], 1));
        Assert.Equal("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'concat' (op: 'ConcatV2') with input shapes: [2,3], [3,3], [] and with computed input tensors: input[2] = <1>.", e.Message);
        var p = tf.placeholder(tf.float32, shape: (-1, 3));
        var q = tf.placeholder(tf.float32, shape: (-1, 3));
        var c = tf.concat([p, q], 1);
        using var sess = tf.Session();
        var r = Assert.Throws<InvalidArgumentError>(() => sess.run(c, (p, new float[2, 3]), (q, new float[1, 3])));
        Assert.Equal("ConcatOp : Dimensions of inputs should match: shape[0] = [2,3] vs. shape[1] = [1,3]", r.Message);
    }

    [Fact]
    public void Concat_Scalars_ThrowsUseStack()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.concat([tf.constant(1.0), tf.constant(2.0)], 0));
        Assert.StartsWith("Shape must be at least rank 1 but is rank 0 for 'concat' (op: 'ConcatV2')", e.Message);
    }

    [Fact]
    public void Stack_AlongAxes_MatchesNumPy()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1, 4 });
        var y = tf.constant(new[] { 2, 5 });
        var z = tf.constant(new[] { 3, 6 });
        var s0 = tf.stack([x, y, z]);
        var s1 = tf.stack([x, y, z], axis: 1);
        Assert.Equal("stack", s0.op.name);
        Assert.Equal("Pack", s0.op.type);
        using var sess = tf.Session();
        // Values from the tf.stack docstring: [[1, 4], [2, 5], [3, 6]] and [[1, 2, 3], [4, 5, 6]].
        Exact(sess.run(s0), [3, 2], new[] { 1, 4, 2, 5, 3, 6 });
        Exact(sess.run(s1), [2, 3], new[] { 1, 2, 3, 4, 5, 6 });
        var e = Assert.Throws<ValueError>(() => tf.stack([x, y], axis: 2));
        Assert.Equal("axis = 2 not in [-2, 2)", e.Message);
    }

    [Fact]
    public void Stack_IncompatibleShapes_ThrowsMergeErrorWithContext()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.stack([tf.zeros(new[] { 2, 2 }), tf.zeros(new[] { 2 })]));
        Assert.Equal("Shapes must be equal rank, but are 2 and 1\n\tFrom merging shape 0 with other shapes. for 'stack' (op: 'Pack') with input shapes: [2,2], [2].", e.Message);
    }

    [Fact]
    public void Unstack_SplitsAlongAxis()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var rows = tf.unstack(x);
        var cols = tf.unstack(x, axis: -1);
        Assert.Equal(2, rows.Length);
        Assert.Equal(3, cols.Length);
        Assert.Equal("unstack:1", rows[1].name);
        using var sess = tf.Session();
        Exact(sess.run(rows[1]), [3], new[] { 4, 5, 6 });
        Exact(sess.run(cols[2]), [2], new[] { 3, 6 });
        var e = Assert.Throws<ValueError>(() => tf.unstack(tf.placeholder(tf.float32, shape: (-1, 2))));
        Assert.Equal("Cannot infer num from shape (?, 2)", e.Message);
    }
}
