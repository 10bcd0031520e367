using System.Numerics;
using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>Vector paths of the math and activation operator structs against their scalar reference.</summary>
public sealed class MathKernelTests
{
    static readonly double[] Specials =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e-8, -1e-8, 1e-300, 6.0, 100.0, -100.0,
         88.7, -87.3, -103.9, 709.7, -745.1, 0.34, -0.35, 0.17, 22.5, -19.2];

    static T[] Inputs<T>(int n, double range, int seed) where T : INumber<T>
    {
        var rng = new Random(seed);
        var x = new T[n];
        for (int i = 0; i < n; i++)
            x[i] = T.CreateSaturating(i < Specials.Length && seed % 2 == 0 ? Specials[i] : (rng.NextDouble() * 2 - 1) * range);
        return x;
    }

    static IEnumerable<int> Lengths<T>() where T : struct =>
        Enumerable.Range(0, 3 * Vector256<T>.Count + 2).Append(10_007);

    static void AssertClose(double expected, double actual, double rtol, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}"); return; }
        if (double.IsInfinity(expected)) { Assert.Equal(expected, actual); return; }
        Assert.True(Math.Abs(expected - actual) <= rtol * Math.Abs(expected) + 1e-300, $"{what}: expected {expected:R}, got {actual:R}");
    }

    static void Unary<T, TOp>(double range, double rtol) where T : unmanaged, INumber<T> where TOp : IUnaryOp<T>
    {
        foreach (int n in Lengths<T>())
            for (int seed = 0; seed < 2; seed++)
            {
                var x = Inputs<T>(n, range, seed);
                var o = new T[n];
                Elementwise.Unary<T, TOp>(x, o);
                for (int i = 0; i < n; i++)
                    AssertClose(double.CreateTruncating(TOp.Apply(x[i])), double.CreateTruncating(o[i]), rtol, $"{typeof(TOp).Name}({x[i]}) n={n} i={i}");
            }
    }

    static void Binary<T, TOp>(double range, double rtol) where T : unmanaged, INumber<T> where TOp : IBinaryOp<T>
    {
        foreach (int n in Lengths<T>())
            for (int seed = 0; seed < 2; seed++)
            {
                var a = Inputs<T>(n, range, seed);
                var b = Inputs<T>(n, range, seed + 7);
                var o = new T[n];
                Elementwise.Binary<T, TOp>(a, b, o);
                for (int i = 0; i < n; i++)
                    AssertClose(double.CreateTruncating(TOp.Apply(a[i], b[i])), double.CreateTruncating(o[i]), rtol, $"{typeof(TOp).Name}({a[i]}, {b[i]}) n={n} i={i}");
            }
    }

    const double F = 1e-6, D = 1e-14;

    public static TheoryData<string> UnaryCases =>
        new("Exp", "Sigmoid", "Tanh", "Elu", "Selu", "Relu", "Relu6", "Square", "Abs", "Sign", "Sqrt", "Rsqrt", "Reciprocal");

    [Theory, MemberData(nameof(UnaryCases))]
    public void UnaryVector_AllLengths_MatchesScalarReference(string op)
    {
        switch (op)
        {
            case "Exp": Unary<float, ExpOperator>(100, F); Unary<double, ExpOperator>(800, D); break;
            case "Sigmoid": Unary<float, SigmoidOperator>(100, F); Unary<double, SigmoidOperator>(800, D); break;
            case "Tanh": Unary<float, TanhOperator>(30, F); Unary<double, TanhOperator>(30, D); break;
            case "Elu": Unary<float, EluOperator>(30, F); Unary<double, EluOperator>(30, D); break;
            case "Selu": Unary<float, SeluOperator>(30, F); Unary<double, SeluOperator>(30, D); break;
            case "Relu":
                Unary<float, ReluOperator<float>>(10, 0); Unary<double, ReluOperator<double>>(10, 0);
                Unary<int, ReluOperator<int>>(1000, 0); Unary<long, ReluOperator<long>>(1000, 0); break;
            case "Relu6":
                Unary<float, Relu6Operator<float>>(10, 0); Unary<double, Relu6Operator<double>>(10, 0);
                Unary<int, Relu6Operator<int>>(10, 0); break;
            case "Square":
                Unary<float, SquareOperator<float>>(100, 0); Unary<double, SquareOperator<double>>(100, 0);
                Unary<int, SquareOperator<int>>(1000, 0); Unary<long, SquareOperator<long>>(1000, 0); break;
            case "Abs":
                Unary<float, AbsOperator<float>>(100, 0); Unary<double, AbsOperator<double>>(100, 0);
                Unary<int, AbsOperator<int>>(1000, 0); Unary<long, AbsOperator<long>>(1000, 0); break;
            case "Sign":
                Unary<float, SignOperator<float>>(100, 0); Unary<double, SignOperator<double>>(100, 0);
                Unary<int, SignOperator<int>>(1000, 0); Unary<long, SignOperator<long>>(1000, 0); break;
            case "Sqrt": Unary<float, SqrtOperator>(100, 0); Unary<double, SqrtOperator>(100, 0); break;
            case "Rsqrt": Unary<float, RsqrtOperator>(100, 0); Unary<double, RsqrtOperator>(100, 0); break;
            case "Reciprocal": Unary<float, ReciprocalOperator>(100, 0); Unary<double, ReciprocalOperator>(100, 0); break;
        }
    }

    public static TheoryData<string> BinaryCases =>
        new("Maximum", "Minimum", "SquaredDifference", "SigmoidGrad", "TanhGrad", "SqrtGrad", "RsqrtGrad", "ReciprocalGrad",
            "ReluGrad", "Relu6Grad", "EluGrad", "SeluGrad", "Add");

    [Theory, MemberData(nameof(BinaryCases))]
    public void BinaryVector_AllLengths_MatchesScalarReference(string op)
    {
        switch (op)
        {
            case "Maximum":
                Binary<float, MaximumOperator<float>>(10, 0); Binary<double, MaximumOperator<double>>(10, 0);
                Binary<int, MaximumOperator<int>>(1000, 0); Binary<long, MaximumOperator<long>>(1000, 0); break;
            case "Minimum":
                Binary<float, MinimumOperator<float>>(10, 0); Binary<double, MinimumOperator<double>>(10, 0);
                Binary<int, MinimumOperator<int>>(1000, 0); Binary<long, MinimumOperator<long>>(1000, 0); break;
            case "SquaredDifference":
                Binary<float, SquaredDifferenceOperator<float>>(10, 0); Binary<double, SquaredDifferenceOperator<double>>(10, 0);
                Binary<int, SquaredDifferenceOperator<int>>(1000, 0); break;
            case "SigmoidGrad": Binary<float, SigmoidGradOperator<float>>(2, 0); Binary<double, SigmoidGradOperator<double>>(2, 0); break;
            case "TanhGrad": Binary<float, TanhGradOperator<float>>(2, 0); Binary<double, TanhGradOperator<double>>(2, 0); break;
            case "SqrtGrad": Binary<float, SqrtGradOperator<float>>(5, 0); Binary<double, SqrtGradOperator<double>>(5, 0); break;
            case "RsqrtGrad": Binary<float, RsqrtGradOperator<float>>(5, 0); Binary<double, RsqrtGradOperator<double>>(5, 0); break;
            case "ReciprocalGrad": Binary<float, ReciprocalGradOperator<float>>(5, 0); Binary<double, ReciprocalGradOperator<double>>(5, 0); break;
            case "ReluGrad":
                Binary<float, ReluGradOperator<float>>(5, 0); Binary<double, ReluGradOperator<double>>(5, 0);
                Binary<int, ReluGradOperator<int>>(5, 0); break;
            case "Relu6Grad": Binary<float, Relu6GradOperator<float>>(10, 0); Binary<double, Relu6GradOperator<double>>(10, 0); break;
            case "EluGrad": Binary<float, EluGradOperator<float>>(5, 0); Binary<double, EluGradOperator<double>>(5, 0); break;
            case "SeluGrad": Binary<float, SeluGradOperator<float>>(5, 0); Binary<double, SeluGradOperator<double>>(5, 0); break;
            case "Add": Binary<float, AddOperator<float>>(5, 0); Binary<double, AddOperator<double>>(5, 0); break;
        }
    }

    // Golden values: CPython's math.expm1 / math.exp (C99 libm), printed with repr.
    [Theory]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-10, -9.999999999500001e-11)]
    [InlineData(1e-05, 1.0000050000166668e-05)]
    [InlineData(-0.3, -0.2591817793182821)]
    [InlineData(0.3465, 0.41410949383036244)]
    [InlineData(-0.3466, -0.2929118930589812)]
    [InlineData(0.5, 0.6487212707001282)]
    [InlineData(-1.0, -0.6321205588285577)]
    [InlineData(2.0, 6.38905609893065)]
    [InlineData(-20.0, -0.9999999979388464)]
    [InlineData(-745.0, -1.0)]
    [InlineData(700.0, 1.0142320547350045e+304)]
    public void ExpM1_Double_MatchesLibmWithinTwoUlp(double x, double expected)
    {
        AssertClose(expected, VectorMath.ExpM1(x), 4.5e-16, "scalar");
        AssertClose(expected, VectorMath.ExpM1(Vector256.Create(x)).GetElement(0), 4.5e-16, "vector");
    }

    // Golden values: CPython's math.log1p.
    [Theory]
    [InlineData(1e-10, 9.999999999500001e-11)]
    [InlineData(-1e-10, -1.00000000005e-10)]
    [InlineData(1e-17, 1e-17)]
    [InlineData(0.5, 0.4054651081081644)]
    [InlineData(-0.5, -0.6931471805599453)]
    [InlineData(1e300, 690.7755278982137)]
    [InlineData(3.0, 1.3862943611198906)]
    public void Log1P_Double_MatchesLibm(double x, double expected) => AssertClose(expected, VectorMath.Log1P(x), 4.5e-16, "log1p");

    // Golden values: CPython's math.tanh.
    [Theory]
    [InlineData(1e-10, 1e-10)]
    [InlineData(-1e-08, -1e-08)]
    [InlineData(0.1, 0.09966799462495582)]
    [InlineData(0.17, 0.1683810458708147)]
    [InlineData(0.2, 0.197375320224904)]
    [InlineData(-0.5, -0.46211715726000974)]
    [InlineData(1.0, 0.7615941559557649)]
    [InlineData(5.0, 0.9999092042625951)]
    [InlineData(-19.0, -0.9999999999999999)]
    [InlineData(25.0, 1.0)]
    public void Tanh_Double_MatchesLibmWithinFewUlp(double x, double expected)
    {
        AssertClose(expected, VectorMath.Tanh(x), 1e-15, "scalar");
        AssertClose(expected, VectorMath.Tanh(Vector256.Create(x)).GetElement(0), 1e-15, "vector");
    }

    [Fact]
    public void Exp_DoubleSweep_WithinTwoUlpOfMathExp()
    {
        for (double x = -745; x <= 709.7; x += 0.0137)
        {
            double expected = Math.Exp(x), actual = VectorMath.Exp(x);
            // Subnormal results have fewer digits: compare them in units of the last place instead.
            if (expected < 2.3e-308) Assert.True(Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual)) <= 1, $"exp({x})");
            else AssertClose(expected, actual, 4.5e-16, $"exp({x})");
        }
    }

    [Fact]
    public void Exp_FloatSweep_WithinOneUlpOfMathExp()
    {
        for (float x = -103f; x <= 88.7f; x += 0.0093f)
        {
            float expected = (float)Math.Exp(x), actual = ExpOperator.Apply(x);
            Assert.True(Math.Abs(BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(actual)) <= 1, $"exp({x}): {expected} vs {actual}");
        }
    }

    [Fact]
    public void FloatTranscendentals_Sweep_WithinOneUlpOfDoubleReference()
    {
        static void Check(string name, float x, float actual, double reference)
        {
            float expected = (float)reference;
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(actual));
            Assert.True(ulps <= 1 || expected == actual, $"{name}({x}): {expected} vs {actual}");
        }
        for (float x = -30f; x <= 30f; x += 0.0071f)
        {
            Check("tanh", x, TanhOperator.Apply(x), Math.Tanh(x));
            Check("sigmoid", x, SigmoidOperator.Apply(x), 1.0 / (1.0 + Math.Exp(-(double)x)));
            if (x <= 0) Check("elu", x, EluOperator.Apply(x), Math.Exp(x) - 1.0);
        }
    }

    [Fact]
    public void Tanh_DoubleSweep_WithinFourUlpOfMathTanh()
    {
        for (double x = -25; x <= 25; x += 0.00913)
            AssertClose(Math.Tanh(x), VectorMath.Tanh(x), 9e-16, $"tanh({x})");
    }

    [Fact]
    public void FloatActivations_AtZero_AreExact()
    {
        var zeros = new float[8];
        var o = new float[8];
        Elementwise.Unary<float, ExpOperator>(zeros, o);
        Assert.All(o, v => Assert.Equal(1f, v));
        Elementwise.Unary<float, TanhOperator>(zeros, o);
        Assert.All(o, v => Assert.Equal(0f, v));
        Elementwise.Unary<float, SigmoidOperator>(zeros, o);
        Assert.All(o, v => Assert.Equal(0.5f, v));
        Elementwise.Unary<float, EluOperator>(zeros, o);
        Assert.All(o, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Sigmoid_ExtremeInputs_StayFiniteAndAccurate()
    {
        Assert.Equal(1.0, VectorMath.Sigmoid(800));
        Assert.Equal(0.0, VectorMath.Sigmoid(-800));
        // e^-700 / (1 + e^-700) = e^-700 to double precision (Python: math.exp(-700)).
        AssertClose(9.85967654375977e-305, VectorMath.Sigmoid(-700), 4.5e-16, "sigmoid(-700)");
        Assert.False(float.IsNaN(SigmoidOperator.Apply(-1000f)));
    }
}
