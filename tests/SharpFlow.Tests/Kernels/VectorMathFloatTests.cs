using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// The float-native transcendental twins of <see cref="VectorMath"/>: accuracy against a double reference over the
/// whole float range, exact special values, and bit identity of the Vector256/Vector512 forms with the scalar form
/// (also when the vectors are emulated, as under DOTNET_EnableHWIntrinsic=0).
/// </summary>
public sealed class VectorMathFloatTests
{
    public static TheoryData<string, double> Functions => new()
    {
        // Name, largest error allowed in units of the last place of the correctly rounded result.
        { "Exp", 1.1 }, { "ExpM1", 2.0 }, { "Sigmoid", 2.0 }, { "Tanh", 2.0 },
    };

    static float Scalar(string f, float x) => f switch
    {
        "Exp" => VectorMath.Exp(x), "ExpM1" => VectorMath.ExpM1(x), "Sigmoid" => VectorMath.Sigmoid(x), _ => VectorMath.Tanh(x),
    };

    static Vector256<float> Vector(string f, Vector256<float> x) => f switch
    {
        "Exp" => VectorMath.Exp(x), "ExpM1" => VectorMath.ExpM1(x), "Sigmoid" => VectorMath.Sigmoid(x), _ => VectorMath.Tanh(x),
    };

    static Vector512<float> Vector(string f, Vector512<float> x) => f switch
    {
        "Exp" => VectorMath.Exp(x), "ExpM1" => VectorMath.ExpM1(x), "Sigmoid" => VectorMath.Sigmoid(x), _ => VectorMath.Tanh(x),
    };

    // Double-precision references (within a few double ulp, i.e. far below a float ulp).
    static double Reference(string f, double x) => f switch
    {
        "Exp" => Math.Exp(x),
        "ExpM1" => VectorMath.ExpM1(x),
        "Sigmoid" => x < 0 ? Math.Exp(x) / (1 + Math.Exp(x)) : 1 / (1 + Math.Exp(-x)),
        _ => Math.Tanh(x),
    };

    // |actual − reference| in units of the float ulp at the reference (the finer ulp just below a power of two).
    static double UlpError(float actual, double reference)
    {
        if (double.IsNaN(reference)) return float.IsNaN(actual) ? 0 : double.PositiveInfinity;
        float rounded = (float)reference;
        if (float.IsInfinity(rounded) || float.IsInfinity(actual)) return rounded == actual ? 0 : double.PositiveInfinity;
        float magnitude = MathF.Abs(rounded);
        double ulp = Math.Abs(reference) < magnitude
            ? (double)magnitude - MathF.BitDecrement(magnitude)
            : (double)MathF.BitIncrement(magnitude) - magnitude;
        return Math.Abs(actual - reference) / ulp;
    }

    static bool SameBits(float a, float b) =>
        BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b) || (float.IsNaN(a) && float.IsNaN(b));

    [Theory, MemberData(nameof(Functions))]
    public void Sweep_EveryExponentBothSigns_WithinUlpBoundAndVectorsMatchScalar(string f, double maxUlp)
    {
        // Every 8191st bit pattern: all exponents (subnormals, NaNs and infinities included), both signs.
        const uint Stride = 8191;
        var xs = new float[16];
        double worst = 0;
        float worstX = 0;
        int filled = 0;
        for (ulong bits = 5; bits <= uint.MaxValue; bits += Stride)
        {
            float x = BitConverter.UInt32BitsToSingle((uint)bits);
            float y = Scalar(f, x);
            double err = UlpError(y, Reference(f, x));
            if (err > worst) { worst = err; worstX = x; }
            xs[filled++] = x;
            if (filled < xs.Length) continue;
            filled = 0;
            var v512 = Vector(f, Vector512.Create(xs));
            var v256lo = Vector(f, Vector256.Create(xs, 0));
            var v256hi = Vector(f, Vector256.Create(xs, 8));
            for (int i = 0; i < 16; i++)
            {
                float s = Scalar(f, xs[i]);
                Assert.True(SameBits(s, v512[i]), $"{f}({xs[i]:R}): scalar {s:R}, Vector512 {v512[i]:R}");
                float v = i < 8 ? v256lo[i] : v256hi[i - 8];
                Assert.True(SameBits(s, v), $"{f}({xs[i]:R}): scalar {s:R}, Vector256 {v:R}");
            }
        }
        Assert.True(worst <= maxUlp, $"{f}: {worst:F3} ulp at x = {worstX:R}");
    }

    [Theory, MemberData(nameof(Functions))]
    public void DenseSweep_AroundReductionBoundaries_WithinUlpBound(string f, double maxUlp)
    {
        // Consecutive floats where n = round(x / ln 2) changes (|x| ≈ ln 2 / 2, 3 ln 2 / 2) and near 0.
        foreach (float centre in new[] { 0.34657359f, 1.03972077f, 0.17328680f, 1e-3f })
            foreach (float sign in new[] { 1f, -1f })
            {
                float x = sign * centre;
                for (int k = 0; k < 20_000; k++, x = MathF.BitIncrement(x))
                {
                    double err = UlpError(Scalar(f, x), Reference(f, x));
                    Assert.True(err <= maxUlp, $"{f}({x:R}): {err:F3} ulp");
                }
            }
    }

    // Saturation, overflow, underflow and tiny-argument points, where the result must be exact. Golden values: CPython
    // math.exp of the float input rounded to float (struct.pack('f')); subnormal results are multiples of 2^-149.
    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(88.72283172607422f, 3.402798519021476e+38f)]
    [InlineData(88.722900390625f, float.PositiveInfinity)]
    [InlineData(-87.33654022216797f, 1.175499675756452e-38f)]
    [InlineData(-100f, 3.783505853677006e-44f)]
    [InlineData(-103.97000122070312f, 1.401298464324817e-45f)]
    [InlineData(-103.9800033569336f, 0f)]
    [InlineData(-1000f, 0f)]
    public void Exp_SpecialPoints_Exact(float x, float expected) => AssertAllForms("Exp", x, expected);

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(1e-30f, 1e-30f)]
    [InlineData(-1e-30f, -1e-30f)]
    [InlineData(-20f, -1f)]
    [InlineData(float.NegativeInfinity, -1f)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(100f, float.PositiveInfinity)]
    public void ExpM1_SpecialPoints_Exact(float x, float expected) => AssertAllForms("ExpM1", x, expected);

    [Theory]
    [InlineData(0f, 0.5f)]
    [InlineData(20f, 1f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(-100f, 3.783505853677006e-44f)]
    [InlineData(-200f, 0f)]
    public void Sigmoid_SpecialPoints_Exact(float x, float expected) => AssertAllForms("Sigmoid", x, expected);

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(1e-30f, 1e-30f)]
    [InlineData(-1.4e-45f, -1.4e-45f)]
    [InlineData(9.1f, 1f)]
    [InlineData(-50f, -1f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, -1f)]
    public void Tanh_SpecialPoints_Exact(float x, float expected) => AssertAllForms("Tanh", x, expected);

    [Fact]
    public void NegativeZero_AllForms_Exact()
    {
        AssertAllForms("Exp", -0f, 1f);
        AssertAllForms("ExpM1", -0f, -0f);
        AssertAllForms("Sigmoid", -0f, 0.5f);
        AssertAllForms("Tanh", -0f, -0f);
    }

    [Theory, MemberData(nameof(Functions))]
    public void NaN_AnyForm_StaysNaN(string f, double maxUlp)
    {
        _ = maxUlp;
        Assert.True(float.IsNaN(Scalar(f, float.NaN)));
        Assert.True(float.IsNaN(Vector(f, Vector256.Create(float.NaN))[3]));
        Assert.True(float.IsNaN(Vector(f, Vector512.Create(float.NaN))[11]));
    }

    static void AssertAllForms(string f, float x, float expected)
    {
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Scalar(f, x)));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Vector(f, Vector256.Create(x))[5]));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Vector(f, Vector512.Create(x))[13]));
    }

    // ---------- operator structs through the element-wise driver ----------

    static float[] Inputs(int n, float range, int seed)
    {
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e-30f, -1e-30f, 88.8f,
            -104f, -90f, 9.5f, -9.5f, 0.3466f, -0.3466f, 1e-45f];
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = seed == 0 && i < specials.Length ? specials[i] : range * (2 * rng.NextSingle() - 1);
        return x;
    }

    static void UnaryBitIdentical<TOp>(float range) where TOp : IUnaryOp<float>
    {
        var lengths = Enumerable.Range(0, 3 * Vector512<float>.Count + 2).Append(10_007);
        foreach (int n in lengths)
            for (int seed = 0; seed < 2; seed++)
            {
                var x = Inputs(n, range, seed);
                var o = new float[n];
                Elementwise.Unary<float, TOp>(x, o);
                for (int i = 0; i < n; i++)
                    Assert.True(SameBits(TOp.Apply(x[i]), o[i]), $"{typeof(TOp).Name}({x[i]:R}) n={n} i={i}: {TOp.Apply(x[i]):R} vs {o[i]:R}");
            }
    }

    public static TheoryData<string> Operators => new("Exp", "Sigmoid", "Tanh", "Elu", "Selu");

    [Theory, MemberData(nameof(Operators))]
    public void FloatOperator_AllLengths_VectorLoopsMatchScalarBits(string op)
    {
        switch (op)
        {
            case "Exp": UnaryBitIdentical<ExpOperator>(100); break;
            case "Sigmoid": UnaryBitIdentical<SigmoidOperator>(100); break;
            case "Tanh": UnaryBitIdentical<TanhOperator>(12); break;
            case "Elu": UnaryBitIdentical<EluOperator>(30); break;
            case "Selu": UnaryBitIdentical<SeluOperator>(30); break;
        }
    }

    [Fact]
    public void FloatOperator_Vector512Form_MatchesScalarBits()
    {
        var x = Inputs(64, 50, 0);
        for (int i = 0; i < x.Length; i += 16)
        {
            var v = Vector512.Create(x, i);
            var exp = ExpOperator.Apply(v); var sig = SigmoidOperator.Apply(v); var tanh = TanhOperator.Apply(v);
            var elu = EluOperator.Apply(v); var selu = SeluOperator.Apply(v);
            for (int k = 0; k < 16; k++)
            {
                float xi = x[i + k];
                Assert.True(SameBits(ExpOperator.Apply(xi), exp[k]), $"exp({xi:R})");
                Assert.True(SameBits(SigmoidOperator.Apply(xi), sig[k]), $"sigmoid({xi:R})");
                Assert.True(SameBits(TanhOperator.Apply(xi), tanh[k]), $"tanh({xi:R})");
                Assert.True(SameBits(EluOperator.Apply(xi), elu[k]), $"elu({xi:R})");
                Assert.True(SameBits(SeluOperator.Apply(xi), selu[k]), $"selu({xi:R})");
            }
        }
    }

    [Fact]
    public void SoftplusGrad_AllLengths_VectorLoopMatchesScalarBits()
    {
        foreach (int n in Enumerable.Range(0, 3 * Vector256<float>.Count + 2).Append(10_007))
        {
            var g = Inputs(n, 3, 1);
            var x = Inputs(n, 40, 0);
            var o = new float[n];
            Elementwise.Binary<float, SoftplusGradOperator>(g, x, o);
            for (int i = 0; i < n; i++)
                Assert.True(SameBits(SoftplusGradOperator.Apply(g[i], x[i]), o[i]), $"softplus_grad({g[i]:R}, {x[i]:R})");
            var gd = Array.ConvertAll(g, v => (double)v);
            var xd = Array.ConvertAll(x, v => (double)v);
            var od = new double[n];
            Elementwise.Binary<double, SoftplusGradOperator>(gd, xd, od);
            for (int i = 0; i < n; i++)
            {
                double s = SoftplusGradOperator.Apply(gd[i], xd[i]);
                Assert.True(s.Equals(od[i]), $"softplus_grad({gd[i]:R}, {xd[i]:R}) double");
            }
        }
    }

    [Fact]
    public void EluSelu_NegativeZeroAndNaN_FollowTensorFlowSelect()
    {
        // TF parity: relu_op_functor.h selects the exponential branch only where features < 0.
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(EluOperator.Apply(-0f)));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(SeluOperator.Apply(-0f)));
        Assert.True(float.IsNaN(EluOperator.Apply(float.NaN)));
        Assert.Equal(-1f, EluOperator.Apply(float.NegativeInfinity));
        Assert.Equal(-SeluConstants.ScaleAlphaF, SeluOperator.Apply(-1000f));
        Assert.Equal(SeluConstants.ScaleF * 2f, SeluOperator.Apply(2f));
    }
}
