namespace SharpFlow.Tests.Ops;

/// <summary>tf.nn.relu, relu6, elu, selu, softplus (and the sigmoid/tanh aliases).</summary>
/// <remarks>
/// Golden values: CPython's math module: elu = math.expm1 for x ≤ 0; selu = 1.0507009873554804934 · x or
/// 1.0507009873554804934 · 1.6732632423543772848 · math.expm1(x); softplus = math.log1p(math.exp(−|x|)) + max(x, 0).
/// </remarks>
public sealed class ActivationTests
{
    static readonly double[] Xs = [-2.5, -1.0, 0.0, 0.5, 1.0, 3.0];

    public static TheoryData<string, double[], double[]> Goldens => new()
    {
        { "relu", Xs, [0.0, 0.0, 0.0, 0.5, 1.0, 3.0] },
        { "relu6", [-1.0, 0.0, 3.0, 6.0, 7.5], [0.0, 0.0, 3.0, 6.0, 6.0] },
        { "elu", Xs, [-0.9179150013761013, -0.6321205588285577, 0.0, 0.5, 1.0, 3.0] },
        { "selu", Xs, [-1.6137857588732425, -1.1113307378125625, 0.0, 0.5253504936777402, 1.0507009873554805, 3.1521029620664414] },
        { "softplus", Xs, [0.07888973429254963, 0.31326168751822286, 0.6931471805599453, 0.9740769841801067, 1.3132616875182228, 3.048587351573742] },
    };

    static Func<Tensor, Tensor> Op(string name) => name switch
    {
        "relu" => x => tf.nn.relu(x),
        "relu6" => x => tf.nn.relu6(x),
        "elu" => x => tf.nn.elu(x),
        "selu" => x => tf.nn.selu(x),
        "softplus" => x => tf.nn.softplus(x),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory, MemberData(nameof(Goldens))]
    public void Value_Float64_MatchesGolden(string op, double[] x, double[] expected) =>
        ValueAssert.Close(expected, ValueAssert.RunUnary(Op(op), x, tf.float64), ValueAssert.Float64);

    [Theory, MemberData(nameof(Goldens))]
    public void Value_Float32_MatchesGolden(string op, double[] x, double[] expected) =>
        ValueAssert.Close(expected, ValueAssert.RunUnary(Op(op), x, tf.float32), ValueAssert.Float32);

    [Theory]
    [InlineData("relu", "Relu")]
    [InlineData("relu6", "Relu6")]
    [InlineData("elu", "Elu")]
    [InlineData("selu", "Selu")]
    [InlineData("softplus", "Softplus")]
    public void Name_Default_IsTheOpType(string op, string type)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var a = Op(op)(x);
        Assert.Equal($"{type}:0", a.name);
        Assert.Equal($"{type}_1:0", Op(op)(x).name);
        Assert.Equal("(?, 2)", a.get_shape().ToString());
        Assert.Equal("hidden:0", tf.nn.relu(x, name: "hidden").name);
    }

    [Fact]
    public void Relu_Integers_Supported()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using var sess = tf.Session();
        Assert.Equal([0, 0, 4], sess.run(tf.nn.relu(tf.constant(new[] { -3, 0, 4 }))).ToArray<int>());
        Assert.Equal([0L, 6L, 2L], sess.run(tf.nn.relu6(tf.constant(new long[] { -3, 9, 2 }))).ToArray<long>());
    }

    [Theory]
    [InlineData("elu")]
    [InlineData("selu")]
    [InlineData("softplus")]
    public void FloatOnlyActivation_Int32_ThrowsTypeError(string op)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<TypeError>(() => Op(op)(tf.constant(new[] { 1 })));
        Assert.Equal("Value passed to parameter 'x' has DataType int32 not in list of allowed values: float32, float64", e.Message);
    }

    [Fact]
    public void Elu_TinyNegative_UsesAccurateExpm1()
    {
        // expm1(-1e-8) = -9.999999950000001e-09 (math.expm1); exp(x) - 1 in float32 would give 0 or -1.19e-7.
        ValueAssert.Close([-9.999999950000001e-09], ValueAssert.RunUnary(x => tf.nn.elu(x), [-1e-8], tf.float32), ValueAssert.Float32);
        ValueAssert.Close([-9.999999950000001e-09], ValueAssert.RunUnary(x => tf.nn.elu(x), [-1e-8], tf.float64), ValueAssert.Float64);
    }

    [Fact]
    public void Elu_LargeNegative_SaturatesAtMinusOne()
    {
        Assert.Equal([-1f, -1f], ValueAssert.RunUnary(x => tf.nn.elu(x), [-100.0, double.NegativeInfinity], tf.float32).ToArray<float>());
    }

    [Fact]
    public void Softplus_ExtremeInputs_StableAroundTfThresholds()
    {
        // Goldens: log1p(exp(-|x|)) + max(x, 0): 100 → 100.0, -100 → 3.720075976020836e-44,
        // 20 → 20.000000002061153, -20 → 2.061153620314381e-09, 13 → 13.000002260326852.
        var d = ValueAssert.RunUnary(x => tf.nn.softplus(x), [100.0, -100.0, 20.0, -20.0, 13.0, 1000.0, -1000.0], tf.float64);
        ValueAssert.Close([100.0, 3.720075976020836e-44, 20.000000002061153, 2.061153620314381e-09, 13.000002260326852, 1000.0, 0.0], d, 1e-15);
        // float32: above 13.94 the input itself, below -13.94 exp(x) (TF's cut-offs, softplus_op.h).
        var f = ValueAssert.RunUnary(x => tf.nn.softplus(x), [14.0, -14.0, 13.0, 1000.0, -1000.0], tf.float32);
        ValueAssert.Close([14.0, 8.315287191035679e-07, 13.000002260326852, 1000.0, 0.0], f, ValueAssert.Float32);
    }

    [Fact]
    public void Relu_NaN_StaysNaN()
    {
        var r = ValueAssert.RunUnary(x => tf.nn.relu(x), [double.NaN, -1.0], tf.float64).ToArray<double>();
        Assert.True(double.IsNaN(r[0]));
        Assert.Equal(0.0, r[1]);
    }

    [Fact]
    public void Activations_UnknownBatchPlaceholder_RunOnFedBatch()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var w = tf.constant(new float[,] { { 1, -1 }, { 2, 0.5f } });
        var h = tf.nn.relu(tf.matmul(x, w) + tf.constant(new[] { 0.5f, -0.25f }));
        using var sess = tf.Session();
        var r = sess.run(h, feed_dict: new() { [x] = new float[,] { { 1, 1 }, { -1, 0 }, { 0, 2 } } });
        Assert.Equal([3, 2], r.shape);
        // [1,1]·w = [3, -0.5] + b = [3.5, -0.75]; [-1,0]·w = [-1, 1] + b = [-0.5, 0.75]; [0,2]·w = [4, 1] + b = [4.5, 0.75]
        Assert.Equal([3.5f, 0f, 0f, 0.75f, 4.5f, 0.75f], r.ToArray<float>());
    }
}
