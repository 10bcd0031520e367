namespace SharpFlow.Tests.Ops;

/// <summary>square, sqrt, rsqrt, exp, log, log1p, abs, sign, reciprocal, sigmoid, tanh.</summary>
/// <remarks>Golden values: CPython's math module (math.exp, math.log, math.log1p, math.tanh …), printed with repr.</remarks>
public sealed class UnaryMathTests
{
    static readonly double[] Xs = [-2.5, -1.0, 0.0, 0.5, 1.0, 3.0];
    static readonly double[] Positive = [0.25, 1.0, 2.0, 9.0];

    public static TheoryData<string, double[], double[]> Goldens => new()
    {
        { "exp", Xs, [0.0820849986238988, 0.36787944117144233, 1.0, 1.6487212707001282, 2.718281828459045, 20.085536923187668] },
        { "sigmoid", Xs, [0.07585818002124356, 0.2689414213699951, 0.5, 0.6224593312018546, 0.7310585786300049, 0.9525741268224334] },
        { "tanh", Xs, [-0.9866142981514303, -0.7615941559557649, 0.0, 0.46211715726000974, 0.7615941559557649, 0.9950547536867305] },
        { "square", Xs, [6.25, 1.0, 0.0, 0.25, 1.0, 9.0] },
        { "abs", Xs, [2.5, 1.0, 0.0, 0.5, 1.0, 3.0] },
        { "sign", Xs, [-1.0, -1.0, 0.0, 1.0, 1.0, 1.0] },
        { "log", Positive, [-1.3862943611198906, 0.0, 0.6931471805599453, 2.1972245773362196] },
        { "sqrt", Positive, [0.5, 1.0, 1.4142135623730951, 3.0] },
        { "rsqrt", Positive, [2.0, 1.0, 0.7071067811865475, 0.3333333333333333] },
        { "reciprocal", Positive, [4.0, 1.0, 0.5, 0.1111111111111111] },
        { "log1p", [1e-10, 0.5, -0.5, 3.0], [9.999999999500001e-11, 0.4054651081081644, -0.6931471805599453, 1.3862943611198906] },
    };

    static Func<Tensor, Tensor> Op(string name) => name switch
    {
        "exp" => x => tf.exp(x),
        "sigmoid" => x => tf.sigmoid(x),
        "tanh" => x => tf.tanh(x),
        "square" => x => tf.square(x),
        "abs" => x => tf.abs(x),
        "sign" => x => tf.sign(x),
        "log" => x => tf.log(x),
        "sqrt" => x => tf.sqrt(x),
        "rsqrt" => x => tf.rsqrt(x),
        "reciprocal" => x => tf.reciprocal(x),
        "log1p" => x => tf.log1p(x),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory, MemberData(nameof(Goldens))]
    public void Value_Float64_MatchesGolden(string op, double[] x, double[] expected) =>
        ValueAssert.Close(expected, ValueAssert.RunUnary(Op(op), x, tf.float64), ValueAssert.Float64);

    [Theory, MemberData(nameof(Goldens))]
    public void Value_Float32_MatchesGoldenAndKeepsDtype(string op, double[] x, double[] expected) =>
        ValueAssert.Close(expected, ValueAssert.RunUnary(Op(op), x, tf.float32), ValueAssert.Float32);

    [Theory]
    [InlineData("square", new[] { -3, 0, 4 }, new[] { 9, 0, 16 })]
    [InlineData("abs", new[] { -3, 0, 4 }, new[] { 3, 0, 4 })]
    [InlineData("sign", new[] { -3, 0, 4 }, new[] { -1, 0, 1 })]
    public void Value_Int32_StaysInt32(string op, int[] x, int[] expected)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = Op(op)(tf.constant(x));
        using var sess = tf.Session();
        var r = sess.run(t);
        Assert.Equal(tf.int32, r.dtype);
        Assert.Equal(expected, r.ToArray<int>());
    }

    [Fact]
    public void Square_Int64_StaysInt64()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = tf.square(tf.constant(new long[] { 3_000_000_000L, -2 }));
        using var sess = tf.Session();
        Assert.Equal([9_000_000_000_000_000_000L, 4L], sess.run(t).ToArray<long>());
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("sqrt")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void FloatOnlyOp_Int32Input_ThrowsTypeError(string op)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<TypeError>(() => Op(op)(tf.constant(new[] { 1, 2 })));
        Assert.Equal("Value passed to parameter 'x' has DataType int32 not in list of allowed values: float32, float64", e.Message);
    }

    [Theory]
    [InlineData("exp", "Exp")]
    [InlineData("log", "Log")]
    [InlineData("log1p", "Log1p")]
    [InlineData("sqrt", "Sqrt")]
    [InlineData("rsqrt", "Rsqrt")]
    [InlineData("square", "Square")]
    [InlineData("abs", "Abs")]
    [InlineData("sign", "Sign")]
    [InlineData("reciprocal", "Reciprocal")]
    [InlineData("sigmoid", "Sigmoid")]
    [InlineData("tanh", "Tanh")]
    public void Name_Default_IsTheOpType_SecondGetsSuffix(string op, string type)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var a = Op(op)(x);
        var b = Op(op)(x);
        Assert.Equal(type, a.op.type);
        Assert.Equal($"{type}:0", a.name);
        Assert.Equal($"{type}_1:0", b.name);
        Assert.Equal("(?, 2)", a.get_shape().ToString());
    }

    [Fact]
    public void Name_Explicit_IsUsed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal("my_exp:0", tf.exp(tf.constant(1.0), name: "my_exp").name);
    }

    [Fact]
    public void Shape_UnknownRank_StaysUnknown()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32);
        Assert.Equal("Tensor(\"Tanh:0\", dtype=float32)", tf.tanh(x).ToString());
    }

    [Fact]
    public void Placeholder_UnknownBatch_RunsWithFedShape()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y = tf.sqrt(x);
        using var sess = tf.Session();
        var r = sess.run(y, feed_dict: new() { [x] = new float[,] { { 4, 9 }, { 16, 25 }, { 0, 1 } } });
        Assert.Equal([3, 2], r.shape);
        Assert.Equal([2f, 3f, 4f, 5f, 0f, 1f], r.ToArray<float>());
    }

    [Fact]
    public void Log1p_TinyFloat32_KeepsAllDigits()
    {
        // log1p(1e-8) = 9.999999950000001e-09 (math.log1p); log(1 + 1e-8) in float32 would give 0.
        var r = ValueAssert.RunUnary(x => tf.log1p(x), [1e-8], tf.float32);
        ValueAssert.Close([9.999999950000001e-09], r, ValueAssert.Float32);
    }

    [Fact]
    public void Exp_Overflow_GivesInfinityAndLogOfZeroIsMinusInfinity()
    {
        var e = ValueAssert.RunUnary(x => tf.exp(x), [89.0, 710.0, -800.0], tf.float32);
        Assert.Equal([float.PositiveInfinity, float.PositiveInfinity, 0f], e.ToArray<float>());
        var l = ValueAssert.RunUnary(x => tf.log(x), [0.0, -1.0], tf.float64);
        Assert.Equal(double.NegativeInfinity, l.ToArray<double>()[0]);
        Assert.True(double.IsNaN(l.ToArray<double>()[1]));
    }

    [Fact]
    public void Sign_NaNAndNegativeZero_GiveZero()
    {
        // TF parity: Eigen's scalar_sign_op computes (x > 0) - (x < 0).
        var r = ValueAssert.RunUnary(x => tf.sign(x), [double.NaN, -0.0], tf.float64);
        Assert.Equal([0.0, 0.0], r.ToArray<double>());
    }

    [Fact]
    public void SigmoidTanh_LargeInputs_SaturateWithoutNaN()
    {
        // sigmoid(-80) = e^-80 / (1 + e^-80) = 1.8048513878454153e-35 (math.exp), still a normal float32.
        var s = ValueAssert.RunUnary(x => tf.sigmoid(x), [-1000.0, -80.0, 100.0, 1000.0], tf.float32);
        ValueAssert.Close([0.0, 1.8048513878454153e-35, 1.0, 1.0], s, ValueAssert.Float32);
        var t = ValueAssert.RunUnary(x => tf.tanh(x), [-1000.0, 1000.0], tf.float64);
        Assert.Equal([-1.0, 1.0], t.ToArray<double>());
    }

    [Fact]
    public void Sigmoid_Alias_TfNnIsTheSameOp()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(1.0f);
        Assert.Equal("Sigmoid", tf.nn.sigmoid(x).op.type);
        Assert.Equal("Tanh", tf.nn.tanh(x).op.type);
    }
}
