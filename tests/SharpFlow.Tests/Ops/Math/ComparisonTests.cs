namespace SharpFlow.Tests.Ops;

/// <summary>equal, not_equal, less, greater, less_equal, greater_equal, logical_and/or/not.</summary>
public sealed class ComparisonTests
{
    static bool[] Eval(Tensor t)
    {
        Assert.Equal(tf.@bool, t.dtype);
        using var sess = tf.Session();
        return sess.run(t).ToArray<bool>();
    }

    [Fact]
    public void Comparisons_Float32_GiveBoolValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1f, 2f, 3f });
        var y = tf.constant(new[] { 2f, 2f, 2f });
        Assert.Equal([false, true, false], Eval(tf.equal(x, y)));
        Assert.Equal([true, false, true], Eval(tf.not_equal(x, y)));
        Assert.Equal([true, false, false], Eval(tf.less(x, y)));
        Assert.Equal([false, false, true], Eval(tf.greater(x, y)));
        Assert.Equal([true, true, false], Eval(tf.less_equal(x, y)));
        Assert.Equal([false, true, true], Eval(tf.greater_equal(x, y)));
    }

    [Fact]
    public void Comparisons_IntWithBroadcastLiteral_Work()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var m = tf.constant(new[,] { { 1, 5 }, { 3, 0 } });
        var t = tf.greater(m, 2);
        Assert.Equal("(2, 2)", t.get_shape().ToString());
        Assert.Equal([false, true, true, false], Eval(t));
        Assert.Equal([true, false, false, true], Eval(tf.less(m, tf.constant(new[] { 2, 3 }))));
        Assert.Equal([true, false], Eval(tf.equal(tf.constant(new long[] { 4, 5 }), tf.constant(new long[] { 4 }))));
    }

    [Fact]
    public void Comparisons_Float64LiteralAndBroadcast_KeepDtypeRules()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 0.5 }, { 1.5 } });
        var t = tf.greater_equal(x, tf.constant(new[] { 0.5, 1.0 }));
        Assert.Equal("(2, 2)", t.get_shape().ToString());
        Assert.Equal([true, false, true, true], Eval(t));
        Assert.Equal([false, true], Eval(tf.greater(x, 1.0)));
    }

    [Fact]
    public void Equal_NaN_IsNeverEqual()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { double.NaN, 1.0 });
        Assert.Equal([false, true], Eval(tf.equal(x, x)));
        Assert.Equal([true, false], Eval(tf.not_equal(x, x)));
    }

    [Fact]
    public void Equal_BoolInputs_Supported()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { true, false, true });
        var b = tf.constant(new[] { true, true, false });
        Assert.Equal([true, false, false], Eval(tf.equal(a, b)));
        Assert.Equal([false, true, true], Eval(tf.not_equal(a, b)));
    }

    [Fact]
    public void Less_BoolInputs_ThrowsTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { true });
        var e = Assert.Throws<TypeError>(() => tf.less(a, a));
        Assert.Equal("Value passed to parameter 'x' has DataType bool not in list of allowed values: float32, float64, int32, int64", e.Message);
    }

    [Fact]
    public void Comparison_DtypeMismatch_ThrowsTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<TypeError>(() => tf.equal(tf.constant(new[] { 1 }), tf.constant(new[] { 1f })));
        Assert.Equal("Input 'y' of 'Equal' Op has type float32 that does not match type int32 of argument 'x'.", e.Message);
    }

    [Fact]
    public void Comparison_ShapeMismatch_ThrowsValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<ValueError>(() => tf.greater(tf.constant(new[] { 1, 2 }), tf.constant(new[] { 1, 2, 3 })));
        Assert.Equal("Dimensions must be equal, but are 2 and 3 for 'Greater' (op: 'Greater') with input shapes: [2], [3].", e.Message);
    }

    [Fact]
    public void Names_DefaultToOpTypes()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(1f);
        Assert.Equal("Equal:0", tf.equal(x, x).name);
        Assert.Equal("NotEqual:0", tf.not_equal(x, x).name);
        Assert.Equal("Less:0", tf.less(x, x).name);
        Assert.Equal("Greater:0", tf.greater(x, x).name);
        Assert.Equal("LessEqual:0", tf.less_equal(x, x).name);
        Assert.Equal("GreaterEqual:0", tf.greater_equal(x, x).name);
        Assert.Equal("Equal_1:0", tf.equal(x, x).name);
        var b = tf.constant(true);
        Assert.Equal("LogicalAnd:0", tf.logical_and(b, b).name);
        Assert.Equal("LogicalOr:0", tf.logical_or(b, b).name);
        Assert.Equal("LogicalNot:0", tf.logical_not(b).name);
    }

    [Fact]
    public void Logical_Values_WithBroadcasting()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[,] { { true, false }, { true, true } });
        var b = tf.constant(new[] { true, false });
        Assert.Equal([true, false, true, false], Eval(tf.logical_and(a, b)));
        Assert.Equal([true, false, true, true], Eval(tf.logical_or(a, b)));
        Assert.Equal([false, true, false, false], Eval(tf.logical_not(a)));
        Assert.Equal("(2, 2)", tf.logical_and(a, b).get_shape().ToString());
    }

    [Fact]
    public void Logical_NonBoolInput_ThrowsTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var b = tf.constant(new[] { true });
        var f = tf.constant(new[] { 1f });
        var e = Assert.Throws<TypeError>(() => tf.logical_and(b, f));
        Assert.Equal("Input 'y' of 'LogicalAnd' Op has type float32 that does not match expected type of bool.", e.Message);
        e = Assert.Throws<TypeError>(() => tf.logical_not(f));
        Assert.Equal("Input 'x' of 'LogicalNot' Op has type float32 that does not match expected type of bool.", e.Message);
    }

    [Fact]
    public void Comparison_UnknownBatchPlaceholder_RunsAndChecksShapesAtRunTime()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y = tf.placeholder(tf.float32, shape: (-1, 2));
        var t = tf.less(x, y);
        Assert.Equal("(?, 2)", t.get_shape().ToString());
        using var sess = tf.Session();
        var r = sess.run(t, feed_dict: new() { [x] = new float[,] { { 1, 2 } }, [y] = new float[,] { { 2, 2 }, { 0, 3 } } });
        Assert.Equal([2, 2], r.shape);
        Assert.Equal([true, false, false, true], r.ToArray<bool>());
        var e = Assert.Throws<InvalidArgumentError>(() =>
            sess.run(t, feed_dict: new() { [x] = new float[,] { { 1, 2 }, { 1, 2 }, { 1, 2 } }, [y] = new float[,] { { 2, 2 }, { 0, 3 } } }));
        Assert.Equal("Incompatible shapes: [3,2] vs. [2,2]", e.Message);
    }
}
