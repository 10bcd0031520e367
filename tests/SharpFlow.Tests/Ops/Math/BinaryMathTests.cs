namespace SharpFlow.Tests.Ops;

/// <summary>Broadcasting binary ops: add, subtract, multiply, div, maximum, minimum, squared_difference, pow.</summary>
public sealed class BinaryMathTests
{
    static NDArray Eval(Tensor t)
    {
        using var sess = tf.Session();
        return sess.run(t);
    }

    [Fact]
    public void Names_OperatorsAndFunctions_FollowPythonLayer()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1f, 2f });
        var b = tf.constant(new[] { 3f, 4f });
        Assert.Equal("add:0", (a + b).name);
        Assert.Equal("add_1:0", (a + b).name);
        // TF parity: ops.py unique_name compares names case-insensitively, so "Add" after "add" becomes "Add_2".
        Assert.Equal("Add_2:0", tf.add(a, b).name);
        Assert.Equal("sub:0", (a - b).name);
        Assert.Equal("Sub_1:0", tf.subtract(a, b).name);
        Assert.Equal("mul:0", (a * b).name);
        Assert.Equal("Mul_1:0", tf.multiply(a, b).name);
        Assert.Equal("Maximum:0", tf.maximum(a, b).name);
        Assert.Equal("Minimum:0", tf.minimum(a, b).name);
        Assert.Equal("SquaredDifference:0", tf.squared_difference(a, b).name);
        Assert.Equal("Pow:0", tf.pow(a, b).name);
        Assert.Equal("Neg", (-a).op.type);
    }

    [Fact]
    public void Names_FunctionFirstInFreshGraph_IsOpType()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1f, 2f });
        Assert.Equal("Add:0", tf.add(a, a).name);
        Assert.Equal("Add_1:0", tf.add(a, a).name);
        Assert.Equal("sum:0", tf.add(a, a, name: "sum").name);
    }

    [Fact]
    public void Broadcast_MatrixWithRow_AddsPerRow()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var m = tf.constant(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var r = tf.constant(new[] { 10f, 20f, 30f });
        var sum = m + r;
        Assert.Equal("(2, 3)", sum.get_shape().ToString());
        var v = Eval(sum);
        Assert.Equal([2, 3], v.shape);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f], v.ToArray<float>());
    }

    [Fact]
    public void Broadcast_ColumnWithRow_GivesOuterShape()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var col = tf.constant(new double[,] { { 1 }, { 2 } });
        var row = tf.constant(new double[] { 10, 20, 30 });
        var v = Eval(tf.maximum(col * 15.0, row));
        Assert.Equal([2, 3], v.shape);
        Assert.Equal([15.0, 20, 30, 30, 30, 30], v.ToArray<double>());
    }

    [Fact]
    public void Shape_UnknownBatch_BroadcastsStatically()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var b = tf.constant(new[] { 1f, 2f });
        Assert.Equal("(?, 2)", (x + b).get_shape().ToString());
        Assert.Equal("(?, 2)", tf.maximum(x, 0.0).get_shape().ToString());
        Assert.Equal("(3, 2)", tf.squared_difference(x, tf.placeholder(tf.float32, shape: (3, 1))).get_shape().ToString());
    }

    [Fact]
    public void ShapeMismatch_AtConstruction_ThrowsTfValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1f, 2f });
        var b = tf.constant(new[] { 1f, 2f, 3f });
        var e = Assert.Throws<ValueError>(() => tf.add(a, b));
        Assert.Equal("Dimensions must be equal, but are 2 and 3 for 'Add' (op: 'Add') with input shapes: [2], [3].", e.Message);
        e = Assert.Throws<ValueError>(() => tf.maximum(a, b));
        Assert.Equal("Dimensions must be equal, but are 2 and 3 for 'Maximum' (op: 'Maximum') with input shapes: [2], [3].", e.Message);
        e = Assert.Throws<ValueError>(() => a * b);
        Assert.Equal("Dimensions must be equal, but are 2 and 3 for 'mul' (op: 'Mul') with input shapes: [2], [3].", e.Message);
    }

    [Fact]
    public void DtypeMismatch_Float32AndFloat64_ThrowsTfTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1f });
        var y = tf.constant(new[] { 1.0 });
        var e = Assert.Throws<TypeError>(() => tf.add(x, y));
        Assert.Equal("Input 'y' of 'Add' Op has type float64 that does not match type float32 of argument 'x'.", e.Message);
        e = Assert.Throws<TypeError>(() => tf.maximum(x, y));
        Assert.Equal("Input 'y' of 'Maximum' Op has type float64 that does not match type float32 of argument 'x'.", e.Message);
        e = Assert.Throws<TypeError>(() => tf.pow(y, x));
        Assert.Equal("Input 'y' of 'Pow' Op has type float32 that does not match type float64 of argument 'x'.", e.Message);
    }

    [Fact]
    public void ShapeMismatch_AtRunTime_ThrowsIncompatibleShapes()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.placeholder(tf.float32, shape: new[] { -1 });
        var b = tf.placeholder(tf.float32, shape: new[] { -1 });
        var y = tf.minimum(a, b);
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, feed_dict: new() { [a] = new[] { 1f, 2f }, [b] = new[] { 1f, 2f, 3f } }));
        Assert.Equal("Incompatible shapes: [2] vs. [3]", e.Message);
        Assert.Equal([1f, 2f], sess.run(y, feed_dict: new() { [a] = new[] { 1f, 2f }, [b] = new[] { 3f, 4f } }).ToArray<float>());
    }

    [Fact]
    public void Literal_OnFloat64Tensor_TakesItsDtype()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { -1.5, 2.0 });
        var m = tf.maximum(x, 0.0);
        var p = x * 2.0;
        var q = tf.pow(x, 2);
        Assert.Equal(tf.float64, m.dtype);
        Assert.Equal(tf.float64, p.dtype);
        Assert.Equal(tf.float64, q.dtype);
        using var sess = tf.Session();
        Assert.Equal([0.0, 2.0], sess.run(m).ToArray<double>());
        Assert.Equal([-3.0, 4.0], sess.run(p).ToArray<double>());
        Assert.Equal([2.25, 4.0], sess.run(q).ToArray<double>());
    }

    [Fact]
    public void Literal_FractionOnIntTensor_ThrowsTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<TypeError>(() => tf.maximum(tf.constant(new[] { 1, 2 }), 0.5));
        Assert.Equal("Expected int32, got 0.5 of type 'float' instead.", e.Message);
    }

    [Fact]
    public void MaximumMinimum_Int32AndInt64_Work()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1, -5, 7 });
        Assert.Equal([1, 0, 7], Eval(tf.maximum(a, 0)).ToArray<int>());
        Assert.Equal([0, -5, 0], Eval(tf.minimum(a, 0)).ToArray<int>());
        var l = tf.constant(new long[] { 5_000_000_000L, -1 });
        Assert.Equal([3L, -1L], Eval(tf.minimum(l, tf.constant(new long[] { 3 }))).ToArray<long>());
    }

    [Fact]
    public void MaximumMinimum_NaN_Propagates()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { double.NaN, 1.0 });
        var b = tf.constant(new[] { 0.0, double.NaN });
        Assert.All(Eval(tf.maximum(a, b)).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        Assert.All(Eval(tf.minimum(a, b)).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void SquaredDifference_Values_AllDtypes()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal([4f, 0f, 6.25f], Eval(tf.squared_difference(tf.constant(new[] { 1f, 2f, -0.5f }), tf.constant(new[] { 3f, 2f, 2f }))).ToArray<float>());
        Assert.Equal([16.0, 1.0], Eval(tf.squared_difference(tf.constant(new[] { 1.0, 4.0 }), 5.0)).ToArray<double>());
        Assert.Equal([9, 1], Eval(tf.squared_difference(tf.constant(new[] { 1, 3 }), 4)).ToArray<int>());
    }

    [Fact]
    public void Pow_FloatValues_MatchMath()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 2.0, 1.5, 0.5, -2.0 });
        var y = tf.constant(new[] { 0.5, 3.0, -2.0, 2.0 });
        // Python: 2.0 ** 0.5, 1.5 ** 3.0, 0.5 ** -2.0, (-2.0) ** 2.0
        ValueAssert.Close([1.4142135623730951, 3.375, 4.0, 4.0], Eval(tf.pow(x, y)), ValueAssert.Float64);
        Assert.True(double.IsNaN(Eval(tf.pow(tf.constant(-2.0, dtype: tf.float64), 0.5)).ToArray<double>()[0]));
    }

    // tf.pow(e, 2) and its gradient's pow(e, 1) skip powf per element; the results are still powf's bits,
    // also where x² is a rounding tie (4097² = 16785409 lies halfway; powf gives 16785410, x·x 16785408).
    [Fact]
    public void Pow_FloatByScalarTwoOrOne_GivesPowfBits()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        float[] data = [4097f, -0.318f, 1e-30f, 2e19f, float.NaN, -0f, 3f, 7.940934e-23f, 0.25f, -1.5e-3f];
        var x = tf.placeholder(tf.float32, shape: (2, 5));
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = NDArray.FromFlat(data, 2, 5) };
        foreach (var (t, y) in new[] { (tf.pow(x, 2f), 2f), (tf.pow(x, 1f), 1f), (tf.pow(x, tf.constant(new[] { 2f })), 2f) })
        {
            var got = sess.run(t, feed);
            Assert.Equal([2, 5], got.shape);
            Assert.Equal(data.Select(v => BitConverter.SingleToInt32Bits(MathF.Pow(v, y))), got.ToArray<float>().Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal(16785410f, sess.run(tf.pow(x, 2f), feed).ToArray<float>()[0]);
    }

    [Fact]
    public void Pow_Integers_ExactAndNegativeExponentFails()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal([1, 8, -27, 1024], Eval(tf.pow(tf.constant(new[] { 5, 2, -3, 2 }), tf.constant(new[] { 0, 3, 3, 10 }))).ToArray<int>());
        Assert.Equal([10_000_000_000L], Eval(tf.pow(tf.constant(new long[] { 10 }), tf.constant(new long[] { 10 }))).ToArray<long>());
        var bad = tf.pow(tf.constant(new[] { 2 }), tf.constant(new[] { -1 }));
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(bad));
        Assert.Equal("Integers to negative integer powers are not allowed", e.Message);
    }

    [Fact]
    public void ExistingArithmetic_IntTrueDivAndFloorOps_KeepTfSemantics()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 7, -7 });
        var b = tf.constant(new[] { 2, 2 });
        var q = a / b;
        Assert.Equal(tf.float64, q.dtype);
        Assert.Equal([3.5, -3.5], Eval(q).ToArray<double>());
        Assert.Equal([3, -4], Eval(tf.floordiv(a, b)).ToArray<int>());
        Assert.Equal([1, 1], Eval(a % b).ToArray<int>());
        Assert.Equal([-7, 7], Eval(tf.negative(a)).ToArray<int>());
    }
}
