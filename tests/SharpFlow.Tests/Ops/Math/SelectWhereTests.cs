namespace SharpFlow.Tests.Ops;

/// <summary>tf.where(cond, x, y) (TensorFlow 1.x Select) and tf.where(cond) (Where).</summary>
public sealed class SelectWhereTests
{
    static NDArray Eval(Tensor t)
    {
        using var sess = tf.Session();
        return sess.run(t);
    }

    [Fact]
    public void Select_SameShapeCondition_PicksElementwise()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var c = tf.constant(new[,] { { true, false }, { false, true } });
        var x = tf.constant(new[,] { { 1f, 2f }, { 3f, 4f } });
        var y = tf.constant(new[,] { { -1f, -2f }, { -3f, -4f } });
        var s = tf.where(c, x, y);
        Assert.Equal("Select:0", s.name);
        Assert.Equal("(2, 2)", s.get_shape().ToString());
        Assert.Equal([1f, -2f, -3f, 4f], Eval(s).ToArray<float>());
    }

    [Fact]
    public void Select_VectorCondition_PicksWholeRows()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var c = tf.constant(new[] { false, true, false });
        var x = tf.constant(new[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var y = tf.constant(new[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        var s = tf.where(c, x, y);
        Assert.Equal("(3, 2)", s.get_shape().ToString());
        Assert.Equal([7, 8, 3, 4, 11, 12], Eval(s).ToArray<int>());
    }

    [Fact]
    public void Select_ScalarCondition_PicksWholeTensor()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1.0, 2.0 });
        var y = tf.constant(new[] { 3.0, 4.0 });
        Assert.Equal([3.0, 4.0], Eval(tf.where(tf.constant(false), x, y)).ToArray<double>());
        Assert.Equal([1.0, 2.0], Eval(tf.where(tf.constant(true), x, y)).ToArray<double>());
    }

    [Fact]
    public void Select_LiteralBranch_TakesOtherBranchDtype()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(-1.5, dtype: tf.float64);
        var s = tf.where(tf.greater(x, 0.0), x, 0.0);
        Assert.Equal(tf.float64, s.dtype);
        Assert.Equal(0.0, (double)Eval(s));
    }

    [Fact]
    public void Select_ScalarBranch_DoesNotBroadcastInTf1()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { -1.0, 2.0 });
        var e = Assert.Throws<ValueError>(() => tf.where(tf.greater(x, 0.0), x, 0.0));
        Assert.Equal("Shapes must be equal rank, but are 1 and 0 for 'Select' (op: 'Select') with input shapes: [2], [2], [].", e.Message);
    }

    [Fact]
    public void Select_MismatchedBranches_ThrowsMergeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var c = tf.constant(new[] { true, false });
        var e = Assert.Throws<ValueError>(() => tf.where(c, tf.constant(new[] { 1f, 2f }), tf.constant(new[] { 1f, 2f, 3f })));
        Assert.Equal("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'Select' (op: 'Select') with input shapes: [2], [2], [3].", e.Message);
    }

    [Fact]
    public void Select_ConditionNotMatching_ThrowsValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new float[2, 3]);
        var e = Assert.Throws<ValueError>(() => tf.where(tf.constant(new[] { true, false, true }), x, x));
        Assert.Equal("Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and [2]. for 'Select' (op: 'Select') with input shapes: [3], [2,3], [2,3].", e.Message);
        e = Assert.Throws<ValueError>(() => tf.where(tf.constant(new bool[3, 2]), x, x));
        Assert.Equal("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2,3] and [3,2]. for 'Select_1' (op: 'Select') with input shapes: [3,2], [2,3], [2,3].", e.Message);
    }

    [Fact]
    public void Select_DtypeErrors_ThrowTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<TypeError>(() => tf.where(tf.constant(new[] { 1f }), tf.constant(new[] { 1f }), tf.constant(new[] { 1f })));
        Assert.Equal("Input 'condition' of 'Select' Op has type float32 that does not match expected type of bool.", e.Message);
        e = Assert.Throws<TypeError>(() => tf.where(tf.constant(new[] { true }), tf.constant(new[] { 1f }), tf.constant(new[] { 1.0 })));
        Assert.Equal("Input 'e' of 'Select' Op has type float64 that does not match type float32 of argument 't'.", e.Message);
    }

    [Fact]
    public void Select_OnlyOneBranch_ThrowsValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.where(tf.constant(true), tf.constant(1f)));
        Assert.Equal("x and y must both be non-None or both be None.", e.Message);
    }

    [Fact]
    public void Select_RunTimeShapes_ThrowTfErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var c = tf.placeholder(tf.@bool);
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var s = tf.where(c, x, x);
        Assert.Equal("(?, 2)", s.get_shape().ToString());
        using var sess = tf.Session();
        var data = new float[,] { { 1, 2 }, { 3, 4 } };
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(s, feed_dict: new() { [c] = new[] { true, false, true }, [x] = data }));
        Assert.Equal("Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => sess.run(s, feed_dict: new() { [c] = new[,] { { true }, { false } }, [x] = data }));
        Assert.Equal("Inputs to operation Select of type Select must have the same size and shape.  Input 0: [2,1] != input 1: [2,2]", e.Message);
        Assert.Equal([1f, 2f, 3f, 4f], sess.run(s, feed_dict: new() { [c] = new[] { true, false }, [x] = data }).ToArray<float>());
    }

    [Fact]
    public void Where_ConditionOnly_ReturnsInt64Coordinates()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var c = tf.constant(new[,] { { true, false }, { false, true }, { true, true } });
        var w = tf.where(c);
        Assert.Equal("Where", w.op.type);
        Assert.Equal(tf.int64, w.dtype);
        Assert.Equal("(?, 2)", w.get_shape().ToString());
        var r = Eval(w);
        Assert.Equal([4, 2], r.shape);
        Assert.Equal([0L, 0, 1, 1, 2, 0, 2, 1], r.ToArray<long>());
    }

    [Fact]
    public void Where_NoTrueElements_GivesEmptyMatrix()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = Eval(tf.where(tf.constant(new[] { false, false })));
        Assert.Equal([0, 1], r.shape);
    }

    [Fact]
    public void Where_NumericInput_CountsNonZero()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = Eval(tf.where(tf.constant(new[] { 0f, 2f, 0f, -1f })));
        Assert.Equal([1L, 3L], r.ToArray<long>());
    }
}
