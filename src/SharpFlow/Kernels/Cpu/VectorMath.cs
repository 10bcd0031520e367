using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>
/// Transcendental functions in twin scalar and <see cref="Vector256{T}"/> forms that perform the very same IEEE
/// operations in the same order, so a vector lane and the scalar tail give identical bits. This file holds the double
/// forms; VectorMathFloat.cs the float-native ones (8 or 16 lanes per vector).
/// </summary>
/// <remarks>
/// Why not the BCL: on .NET 10 <c>Vector256.Exp(0f)</c> is 1.0000001, <c>TensorPrimitives.Tanh(0f)</c> is -6e-8 and
/// <c>double.ExpM1</c>/<c>double.LogP1</c> are computed as <c>exp(x) - 1</c>/<c>log(1 + x)</c>, losing all digits for tiny x.
/// No fused multiply-add is used (the JIT never contracts <c>a * b + c</c>), which keeps the twins bit-identical.
/// </remarks>
internal static partial class VectorMath
{
    const double Log2E = 1.4426950408889634;
    // fdlibm's split of ln 2: the high part has trailing zero bits, so n * Ln2Hi is exact for |n| < 2^11.
    const double Ln2Hi = 6.93147180369123816490e-01;
    const double Ln2Lo = 1.90821492927058770002e-10;
    // 1.5 * 2^52: adding it rounds a double of magnitude < 2^51 to the nearest integer (ties to even).
    const double Shifter = 6755399441055744.0;
    // Shifter + 1023: its low mantissa bits, shifted left by 52, become a biased binary exponent.
    const double ShifterBias = 6755399441056767.0;
    const double ExpOverflow = 709.782712893384;      // exp(x) > double.MaxValue above this
    const double ExpUnderflow = -745.1332191019412;   // exp(x) rounds to 0 below this
    const double HalfLn2 = 0.34657359027997264;       // |r| bound after reduction; expm1 uses its series below it
    const double TanhSaturation = 22.0;               // tanh(x) rounds to ±1 in double beyond this

    // 1/k! for the Taylor series of exp and expm1.
    const double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720, C7 = 1.0 / 5040,
        C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800, C12 = 1.0 / 479001600,
        C13 = 1.0 / 6227020800;

    // ---------- exp ----------

    /// <summary>e^x to about 1 ulp.</summary>
    public static double Exp(double x)
    {
        double xc = Math.Min(Math.Max(x, -746.0), 710.0);
        double kd = xc * Log2E + Shifter;
        double nd = kd - Shifter;
        double r = (xc - nd * Ln2Hi) - nd * Ln2Lo;
        double p = ExpPoly13(r);
        double n1 = Math.Floor(nd * 0.5);
        double n2 = nd - n1;
        double y = p * Pow2(n1) * Pow2(n2);
        if (x > ExpOverflow) return double.PositiveInfinity;
        if (x < ExpUnderflow) return 0.0;
        return double.IsNaN(x) ? x : y;
    }

    /// <inheritdoc cref="Exp(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var xc = Vector256.Min(Vector256.Max(x, Vector256.Create(-746.0)), Vector256.Create(710.0));
        var shifter = Vector256.Create(Shifter);
        var kd = xc * Vector256.Create(Log2E) + shifter;
        var nd = kd - shifter;
        var r = (xc - nd * Vector256.Create(Ln2Hi)) - nd * Vector256.Create(Ln2Lo);
        var p = ExpPoly13(r);
        var n1 = Vector256.Floor(nd * Vector256.Create(0.5));
        var n2 = nd - n1;
        var y = p * Pow2(n1) * Pow2(n2);
        y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(ExpOverflow)), Vector256.Create(double.PositiveInfinity), y);
        y = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpUnderflow)), Vector256<double>.Zero, y);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    // 2^n for an integral n in [-540, 540], built directly in the exponent field.
    static double Pow2(double n) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(n + ShifterBias) << 52);

    static Vector256<double> Pow2(Vector256<double> n) =>
        Vector256.ShiftLeft((n + Vector256.Create(ShifterBias)).AsInt64(), 52).AsDouble();

    static double ExpPoly13(double r) =>
        1.0 + r * (1.0 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * (C7 + r * (C8 + r * (C9 + r * (C10 + r * (C11 + r * (C12 + r * C13))))))))))));

    static Vector256<double> ExpPoly13(Vector256<double> r)
    {
        var p = Vector256.Create(C12) + r * Vector256.Create(C13);
        p = Vector256.Create(C11) + r * p;
        p = Vector256.Create(C10) + r * p;
        p = Vector256.Create(C9) + r * p;
        p = Vector256.Create(C8) + r * p;
        p = Vector256.Create(C7) + r * p;
        p = Vector256.Create(C6) + r * p;
        p = Vector256.Create(C5) + r * p;
        p = Vector256.Create(C4) + r * p;
        p = Vector256.Create(C3) + r * p;
        p = Vector256.Create(C2) + r * p;
        p = Vector256<double>.One + r * p;
        return Vector256<double>.One + r * p;
    }

    // ---------- expm1 ----------

    /// <summary>e^x − 1, accurate also for tiny |x| (Taylor series below ln2/2, exp(x) − 1 above).</summary>
    public static double ExpM1(double x)
    {
        double small = ExpM1Poly13(x);
        double large = Exp(x) - 1.0;
        return Math.Abs(x) < HalfLn2 ? small : large;
    }

    /// <inheritdoc cref="ExpM1(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpM1(Vector256<double> x)
    {
        var small = ExpM1Poly13(x);
        var large = Exp(x) - Vector256<double>.One;
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(HalfLn2)), small, large);
    }

    static double ExpM1Poly13(double x) =>
        x + x * x * (C2 + x * (C3 + x * (C4 + x * (C5 + x * (C6 + x * (C7 + x * (C8 + x * (C9 + x * (C10 + x * (C11 + x * (C12 + x * C13)))))))))));

    static Vector256<double> ExpM1Poly13(Vector256<double> x)
    {
        var p = Vector256.Create(C12) + x * Vector256.Create(C13);
        p = Vector256.Create(C11) + x * p;
        p = Vector256.Create(C10) + x * p;
        p = Vector256.Create(C9) + x * p;
        p = Vector256.Create(C8) + x * p;
        p = Vector256.Create(C7) + x * p;
        p = Vector256.Create(C6) + x * p;
        p = Vector256.Create(C5) + x * p;
        p = Vector256.Create(C4) + x * p;
        p = Vector256.Create(C3) + x * p;
        p = Vector256.Create(C2) + x * p;
        return x + x * x * p;
    }

    // ---------- tanh, sigmoid ----------

    /// <summary>tanh x = expm1(2|x|) / (expm1(2|x|) + 2) with x's sign; ±1 beyond saturation.</summary>
    public static double Tanh(double x)
    {
        double a = Math.Abs(x);
        double t = ExpM1(a + a);
        double r = t / (t + 2.0);
        r = a > TanhSaturation ? 1.0 : r;
        return Math.CopySign(r, x);
    }

    /// <inheritdoc cref="Tanh(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tanh(Vector256<double> x)
    {
        var a = Vector256.Abs(x);
        var t = ExpM1(a + a);
        var r = t / (t + Vector256.Create(2.0));
        r = Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256.Create(TanhSaturation)), Vector256<double>.One, r);
        return CopySign(r, x);
    }

    /// <summary>1 / (1 + e^−x), computed as e^x / (1 + e^x) for negative x so that no digits cancel.</summary>
    public static double Sigmoid(double x)
    {
        double e = Exp(-Math.Abs(x));
        double num = x < 0 ? e : 1.0;
        return num / (1.0 + e);
    }

    /// <inheritdoc cref="Sigmoid(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> x)
    {
        var e = Exp(-Vector256.Abs(x));
        var num = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), e, Vector256<double>.One);
        return num / (Vector256<double>.One + e);
    }

    static Vector256<double> CopySign(Vector256<double> magnitude, Vector256<double> sign)
    {
        var mask = Vector256.Create(-0.0);
        return Vector256.ConditionalSelect(mask, sign, magnitude);
    }

    // ---------- log1p (scalar only: not on a hot path) ----------

    /// <summary>log(1 + x), accurate for tiny |x| (Kahan: the rounding error of 1 + x cancels in log(u)·x/(u − 1)).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(u);
        return Math.Log(u) * (x / (u - 1.0));
    }
}
