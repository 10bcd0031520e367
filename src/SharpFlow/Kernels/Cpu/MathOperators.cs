using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

// Operator structs of the element-wise math ops. Float forms of transcendental functions run VectorMath's float-native
// twins (scalar, 8 and 16 lanes), so vector lanes and the scalar tail agree bit for bit.

/// <summary>x².</summary>
internal readonly struct SquareOperator<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => x * x;
    public static Vector256<T> Apply(Vector256<T> x) => x * x;
}

/// <summary>|x| (integer minimum wraps, as in C++).</summary>
internal readonly struct AbsOperator<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) ? T.Abs(x) : (x < T.Zero ? -x : x);
    public static Vector256<T> Apply(Vector256<T> x) => Vector256.Abs(x);
}

/// <summary>(x &gt; 0) − (x &lt; 0): −1, 0 or 1; NaN and −0 give 0 (TF parity: Eigen's scalar_sign_op).</summary>
internal readonly struct SignOperator<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    public static Vector256<T> Apply(Vector256<T> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero) -
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero);
}

/// <summary>√x (IEEE exact in both forms).</summary>
internal readonly struct SqrtOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => MathF.Sqrt(x);
    public static Vector256<float> Apply(Vector256<float> x) => Vector256.Sqrt(x);
    public static double Apply(double x) => Math.Sqrt(x);
    public static Vector256<double> Apply(Vector256<double> x) => Vector256.Sqrt(x);
}

/// <summary>1 / √x.</summary>
internal readonly struct RsqrtOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => 1f / MathF.Sqrt(x);
    public static Vector256<float> Apply(Vector256<float> x) => Vector256<float>.One / Vector256.Sqrt(x);
    public static double Apply(double x) => 1.0 / Math.Sqrt(x);
    public static Vector256<double> Apply(Vector256<double> x) => Vector256<double>.One / Vector256.Sqrt(x);
}

/// <summary>1 / x.</summary>
internal readonly struct ReciprocalOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => 1f / x;
    public static Vector256<float> Apply(Vector256<float> x) => Vector256<float>.One / x;
    public static double Apply(double x) => 1.0 / x;
    public static Vector256<double> Apply(Vector256<double> x) => Vector256<double>.One / x;
}

/// <summary>eˣ.</summary>
internal readonly struct ExpOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => VectorMath.Exp(x);
    public static Vector256<float> Apply(Vector256<float> x) => VectorMath.Exp(x);
    public static Vector512<float> Apply(Vector512<float> x) => VectorMath.Exp(x);
    static bool IUnaryOp<float>.Vectorized512 => true;
    public static double Apply(double x) => VectorMath.Exp(x);
    public static Vector256<double> Apply(Vector256<double> x) => VectorMath.Exp(x);
}

/// <summary>Natural logarithm (scalar only: the BCL's vector log mishandles subnormals).</summary>
internal readonly struct LogOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => MathF.Log(x);
    public static Vector256<float> Apply(Vector256<float> x) => throw new NotSupportedException();
    public static double Apply(double x) => Math.Log(x);
    public static Vector256<double> Apply(Vector256<double> x) => throw new NotSupportedException();
    static bool IUnaryOp<float>.Vectorized => false;
    static bool IUnaryOp<double>.Vectorized => false;
}

/// <summary>log(1 + x), accurate for tiny x.</summary>
internal readonly struct Log1pOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => (float)VectorMath.Log1P(x);
    public static Vector256<float> Apply(Vector256<float> x) => throw new NotSupportedException();
    public static double Apply(double x) => VectorMath.Log1P(x);
    public static Vector256<double> Apply(Vector256<double> x) => throw new NotSupportedException();
    static bool IUnaryOp<float>.Vectorized => false;
    static bool IUnaryOp<double>.Vectorized => false;
}

/// <summary>Logistic function 1 / (1 + e⁻ˣ), stable for any finite x.</summary>
internal readonly struct SigmoidOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => VectorMath.Sigmoid(x);
    public static Vector256<float> Apply(Vector256<float> x) => VectorMath.Sigmoid(x);
    public static Vector512<float> Apply(Vector512<float> x) => VectorMath.Sigmoid(x);
    static bool IUnaryOp<float>.Vectorized512 => true;
    public static double Apply(double x) => VectorMath.Sigmoid(x);
    public static Vector256<double> Apply(Vector256<double> x) => VectorMath.Sigmoid(x);
}

/// <summary>Hyperbolic tangent.</summary>
internal readonly struct TanhOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => VectorMath.Tanh(x);
    public static Vector256<float> Apply(Vector256<float> x) => VectorMath.Tanh(x);
    public static Vector512<float> Apply(Vector512<float> x) => VectorMath.Tanh(x);
    static bool IUnaryOp<float>.Vectorized512 => true;
    public static double Apply(double x) => VectorMath.Tanh(x);
    public static Vector256<double> Apply(Vector256<double> x) => VectorMath.Tanh(x);
}

/// <summary>max(a, b), NaN-propagating in both forms (IEEE 754-2019 maximum).</summary>
internal readonly struct MaximumOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => T.Max(a, b);
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => Vector256.Max(a, b);
}

/// <summary>min(a, b), NaN-propagating in both forms (IEEE 754-2019 minimum).</summary>
internal readonly struct MinimumOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => T.Min(a, b);
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => Vector256.Min(a, b);
}

/// <summary>(a − b)².</summary>
internal readonly struct SquaredDifferenceOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => (a - b) * (a - b);
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b)
    {
        var d = a - b;
        return d * d;
    }
}

/// <summary>aᵇ; integers by repeated squaring (negative exponents are rejected before the kernel runs).</summary>
internal readonly struct PowOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b)
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(MathF.Pow(float.CreateTruncating(a), float.CreateTruncating(b)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(Math.Pow(double.CreateTruncating(a), double.CreateTruncating(b)));
        T result = T.One, bas = a;
        for (T e = b; e > T.Zero; e /= T.CreateTruncating(2))
        {
            if (T.IsOddInteger(e)) result *= bas;
            bas *= bas;
        }
        return result;
    }
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => throw new NotSupportedException();
    public static bool Vectorized => false;
}

/// <summary>
/// Float xʸ for the exponents 2 and 1 (tf.pow(e, 2) and its gradient's pow(e, 1)) without a powf call per element,
/// bit for bit what <see cref="MathF.Pow(float, float)"/> gives.
/// </summary>
/// <remarks>
/// powf (glibc's) is not correctly rounded: pow(x, 2) differs from x·x only where x² lies within 0.0017 ulp of a
/// rounding midpoint (measured over all 2^32 floats). So x·x is kept unless it lies within 1/64 ulp of a midpoint, is
/// a power of two, below 2^-100, at least 2^127 or not finite; those elements call MathF.Pow. pow(x, 1) is x except
/// for NaN, whose payload powf rewrites.
/// </remarks>
internal static class PowKernel
{
    const float Window = 0.5f - 1f / 64;
    const int MinExponentField = 27, MaxExponentField = 253;

    /// <summary>True when <see cref="Run"/> handles the exponent <paramref name="y"/>.</summary>
    public static bool Handles(float y) => y == 2f || y == 1f;

    /// <summary>o[i] = pow(x[i], y) for y = 2 or 1; <paramref name="o"/> may be <paramref name="x"/> itself.</summary>
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> o)
    {
        if (y == 1f) Identity(x, o);
        else Square(x, o);
    }

    static void Square(ReadOnlySpan<float> x, Span<float> o)
    {
        int n = o.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float rx = ref MemoryMarshal.GetReference(x), ro = ref MemoryMarshal.GetReference(o);
            var window = Vector256.Create(Window);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref rx, (nuint)i);
                var p = v * v;
                var e = Vector256.FusedMultiplyAdd(v, v, -p);   // exact residual x² − p while p ≥ 2^-100
                var bits = p.AsInt32();
                var field = Vector256.ShiftRightLogical(bits, 23) & Vector256.Create(0xFF);
                var ulp = Vector256.ShiftLeft(field - Vector256.Create(23), 23).AsSingle();
                var fallback = Vector256.GreaterThanOrEqual(Vector256.Abs(e), ulp * window).AsInt32()
                    | Vector256.Equals(bits & Vector256.Create(0x7FFFFF), Vector256<int>.Zero)
                    | Vector256.LessThan(field, Vector256.Create(MinExponentField))
                    | Vector256.GreaterThan(field, Vector256.Create(MaxExponentField));
                if (fallback == Vector256<int>.Zero) p.StoreUnsafe(ref ro, (nuint)i);
                else for (int j = i; j < i + Vector256<float>.Count; j++) o[j] = Square(x[j]);
            }
        }
        for (; i < n; i++) o[i] = Square(x[i]);
    }

    /// <summary>pow(x, 2) as MathF.Pow gives it.</summary>
    internal static float Square(float x)
    {
        float p = x * x;
        int bits = BitConverter.SingleToInt32Bits(p), field = (bits >> 23) & 0xFF;
        if (field < MinExponentField || field > MaxExponentField || (bits & 0x7FFFFF) == 0) return MathF.Pow(x, 2f);
        double e = (double)x * x - p;   // exact: x² has at most 48 significant bits
        float ulp = BitConverter.Int32BitsToSingle((field - 23) << 23);
        return Math.Abs(e) >= ulp * Window ? MathF.Pow(x, 2f) : p;
    }

    static void Identity(ReadOnlySpan<float> x, Span<float> o)
    {
        int n = o.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float rx = ref MemoryMarshal.GetReference(x), ro = ref MemoryMarshal.GetReference(o);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref rx, (nuint)i);
                if (Vector256.EqualsAll(v, v)) v.StoreUnsafe(ref ro, (nuint)i);
                else for (int j = i; j < i + Vector256<float>.Count; j++) o[j] = Identity(x[j]);
            }
        }
        for (; i < n; i++) o[i] = Identity(x[i]);
    }

    /// <summary>pow(x, 1) as MathF.Pow gives it.</summary>
    internal static float Identity(float x) => float.IsNaN(x) ? MathF.Pow(x, 1f) : x;
}

// Gradient helpers: a is TensorFlow's first input (y or the forward output), b the incoming gradient dy.

/// <summary>dy · y · (1 − y) (TF parity: cwise_ops_gradients.h scalar_sigmoid_gradient_op).</summary>
internal readonly struct SigmoidGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T y, T dy) => dy * y * (T.One - y);
    public static Vector256<T> Apply(Vector256<T> y, Vector256<T> dy) => dy * y * (Vector256<T>.One - y);
}

/// <summary>dy · (1 − y²).</summary>
internal readonly struct TanhGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T y, T dy) => dy * (T.One - y * y);
    public static Vector256<T> Apply(Vector256<T> y, Vector256<T> dy) => dy * (Vector256<T>.One - y * y);
}

/// <summary>0.5 · dy / y.</summary>
internal readonly struct SqrtGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    static T Half => T.One / T.CreateTruncating(2);
    public static T Apply(T y, T dy) => Half * dy / y;
    public static Vector256<T> Apply(Vector256<T> y, Vector256<T> dy) => Vector256.Create(Half) * dy / y;
}

/// <summary>−0.5 · (dy · y) · y².</summary>
internal readonly struct RsqrtGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    static T MinusHalf => -T.One / T.CreateTruncating(2);
    public static T Apply(T y, T dy) => MinusHalf * (dy * y) * (y * y);
    public static Vector256<T> Apply(Vector256<T> y, Vector256<T> dy) => Vector256.Create(MinusHalf) * (dy * y) * (y * y);
}

/// <summary>−dy · y · y.</summary>
internal readonly struct ReciprocalGradOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T y, T dy) => -dy * y * y;
    public static Vector256<T> Apply(Vector256<T> y, Vector256<T> dy) => -dy * y * y;
}
