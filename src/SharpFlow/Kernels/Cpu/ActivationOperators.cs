using System.Numerics;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>SELU's constants (Klambauer et al. 2017), as TensorFlow's kernel spells them.</summary>
internal static class SeluConstants
{
    public const double Scale = 1.0507009873554804934193349852946;
    public const double Alpha = 1.6732632423543772848170429916717;
    public const double ScaleAlpha = 1.7580993408473768599402175208123;
    public const float ScaleF = (float)Scale;
    public const float ScaleAlphaF = (float)ScaleAlpha;
}

/// <summary>max(x, 0); NaN stays NaN.</summary>
internal readonly struct ReluOperator<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => T.Max(x, T.Zero);
    public static Vector256<T> Apply(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);
}

/// <summary>min(max(x, 0), 6).</summary>
internal readonly struct Relu6Operator<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    static T Six => T.CreateTruncating(6);
    public static T Apply(T x) => T.Min(T.Max(x, T.Zero), Six);
    public static Vector256<T> Apply(Vector256<T> x) => Vector256.Min(Vector256.Max(x, Vector256<T>.Zero), Vector256.Create(Six));
}

/// <summary>x for x &gt; 0, else eˣ − 1 (computed as an accurate expm1); the float form keeps x where x &lt; 0 fails (TF parity: relu_op_functor.h).</summary>
internal readonly struct EluOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => VectorMath.Elu(x);
    // Skipping the exponential when no lane is negative changes no result, only the time.
    public static Vector256<float> Apply(Vector256<float> x) =>
        Vector256.LessThanAny(x, Vector256<float>.Zero) ? VectorMath.Elu(x) : x;
    public static Vector512<float> Apply(Vector512<float> x) =>
        Vector512.LessThanAny(x, Vector512<float>.Zero) ? VectorMath.Elu(x) : x;
    static bool IUnaryOp<float>.Vectorized512 => true;
    public static double Apply(double x) => x > 0 ? x : VectorMath.ExpM1(x);
    public static Vector256<double> Apply(Vector256<double> x) =>
        Vector256.GreaterThanAll(x, Vector256<double>.Zero) ? x :
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), x, VectorMath.ExpM1(x));
}

/// <summary>scale·x for x &gt; 0, else scale·alpha·(eˣ − 1); float uses the constants rounded to float, as TF's kernel does.</summary>
internal readonly struct SeluOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => VectorMath.Selu(x, SeluConstants.ScaleF, SeluConstants.ScaleAlphaF);
    public static Vector256<float> Apply(Vector256<float> x) => VectorMath.Selu(x, SeluConstants.ScaleF, SeluConstants.ScaleAlphaF);
    public static Vector512<float> Apply(Vector512<float> x) => VectorMath.Selu(x, SeluConstants.ScaleF, SeluConstants.ScaleAlphaF);
    static bool IUnaryOp<float>.Vectorized512 => true;

    public static double Apply(double x) =>
        x > 0 ? SeluConstants.Scale * x : SeluConstants.ScaleAlpha * VectorMath.ExpM1(x);

    public static Vector256<double> Apply(Vector256<double> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero),
            Vector256.Create(SeluConstants.Scale) * x, Vector256.Create(SeluConstants.ScaleAlpha) * VectorMath.ExpM1(x));
}

/// <summary>log(1 + eˣ) with TensorFlow's cut-offs: x itself above −t, eˣ below t, t = log(ε) + 2 (TF parity: softplus_op.h).</summary>
internal readonly struct SoftplusOperator : IUnaryOp<float>, IUnaryOp<double>
{
    static readonly double FloatThreshold = Math.Log(MathF.BitIncrement(1f) - 1f) + 2;
    static readonly double DoubleThreshold = Math.Log(Math.BitIncrement(1.0) - 1.0) + 2;

    public static float Apply(float x) => (float)Softplus(x, FloatThreshold);
    public static Vector256<float> Apply(Vector256<float> x) => throw new NotSupportedException();
    public static double Apply(double x) => Softplus(x, DoubleThreshold);
    public static Vector256<double> Apply(Vector256<double> x) => throw new NotSupportedException();
    static bool IUnaryOp<float>.Vectorized => false;
    static bool IUnaryOp<double>.Vectorized => false;

    static double Softplus(double x, double threshold)
    {
        if (x > -threshold) return x;
        if (x < threshold) return Math.Exp(x);
        // log1p(e^-|x|) + max(x, 0) never overflows and keeps the digits of small results.
        return VectorMath.Log1P(Math.Exp(-Math.Abs(x))) + Math.Max(x, 0);
    }
}

// Gradient kernels of the activations: a is TensorFlow's first input (gradients), b the second (features or outputs).

/// <summary>g where features &gt; 0, else 0 (relu'(0) = 0).</summary>
internal readonly struct ReluGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T g, T f) => f > T.Zero ? g : T.Zero;
    public static Vector256<T> Apply(Vector256<T> g, Vector256<T> f) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(f, Vector256<T>.Zero), g, Vector256<T>.Zero);
}

/// <summary>g where 0 &lt; features &lt; 6, else 0.</summary>
internal readonly struct Relu6GradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    static T Six => T.CreateTruncating(6);
    public static T Apply(T g, T f) => f > T.Zero && f < Six ? g : T.Zero;
    public static Vector256<T> Apply(Vector256<T> g, Vector256<T> f) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThan(f, Vector256<T>.Zero) & Vector256.LessThan(f, Vector256.Create(Six)), g, Vector256<T>.Zero);
}

/// <summary>(y + 1)·g where the ELU output y &lt; 0, else g.</summary>
internal readonly struct EluGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T g, T y) => y < T.Zero ? (y + T.One) * g : g;
    public static Vector256<T> Apply(Vector256<T> g, Vector256<T> y) =>
        Vector256.ConditionalSelect(Vector256.LessThan(y, Vector256<T>.Zero), (y + Vector256<T>.One) * g, g);
}

/// <summary>g·(y + scale·alpha) where the SELU output y &lt; 0, else g·scale.</summary>
internal readonly struct SeluGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    static T Scale => T.CreateTruncating(SeluConstants.Scale);
    static T ScaleAlpha => T.CreateTruncating(SeluConstants.ScaleAlpha);
    public static T Apply(T g, T y) => y < T.Zero ? g * (y + ScaleAlpha) : g * Scale;
    public static Vector256<T> Apply(Vector256<T> g, Vector256<T> y) =>
        Vector256.ConditionalSelect(Vector256.LessThan(y, Vector256<T>.Zero),
            g * (y + Vector256.Create(ScaleAlpha)), g * Vector256.Create(Scale));
}

/// <summary>g / (e⁻ˣ + 1), x being softplus' input.</summary>
internal readonly struct SoftplusGradOperator : IBinaryOp<float>, IBinaryOp<double>
{
    public static float Apply(float g, float x) => g / (VectorMath.Exp(-x) + 1f);
    public static Vector256<float> Apply(Vector256<float> g, Vector256<float> x) => g / (VectorMath.Exp(-x) + Vector256<float>.One);
    public static double Apply(double g, double x) => g / (VectorMath.Exp(-x) + 1.0);
    public static Vector256<double> Apply(Vector256<double> g, Vector256<double> x) => g / (VectorMath.Exp(-x) + Vector256<double>.One);
}
