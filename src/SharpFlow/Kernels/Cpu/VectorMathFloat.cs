using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

// Float-native twins: scalar, Vector256<float> (8 lanes) and Vector512<float> (16 lanes) forms that perform the very
// same single-precision operations in the same order, so every lane equals the scalar result bit for bit.
// exp(x) = 2^n · (1 + t) and expm1(x) = 2^n · (t + 1 − 2^−n), with n = round(x / ln 2), r = x − n·ln 2 (Cody–Waite,
// float split of ln 2) and t = expm1(r) = r + r²·q(r), q a degree-4 near-minimax fit (Chebyshev, |r| ≤ 0.3467).
// Measured against a double reference over all 2^32 floats: exp ≤ 1.09 ulp, expm1 ≤ 1.82, sigmoid ≤ 1.53, tanh ≤ 1.49
// (VectorMathFloatTests pins ≤ 1.1 / 2 ulp on a sweep). Sigmoid and tanh carry e^x or expm1 as a hi + lo pair
// (Fast2Sum steps) into the quotient, which a single rounding would push past 2 ulp. Clamps use the Min/MaxNative forms with the constant first:
// both the hardware and the emulated vector path then return the variable operand when it is NaN, as the scalar twin does.
internal static partial class VectorMath
{
    const float Log2EF = 1.44269504f;
    // 1.5 * 2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low mantissa bits.
    const float ShifterF = 12582912f;
    const int ShifterFBits = 0x4B400000;
    // fdlibm's float split of ln 2: Ln2HiF has 15 significant bits, so n * Ln2HiF is exact for |n| < 512.
    const float Ln2HiF = 6.9314575195e-01f;
    const float Ln2LoF = 1.4286067653e-06f;
    // e^-104 is below half the smallest subnormal and e^89 above float.MaxValue: clamping there changes no result.
    const float ExpMinF = -104f, ExpMaxF = 89f;
    // expm1(x) rounds to -1 for x < -17.4; the clamp keeps 2^n and 2^-n normal.
    const float ExpM1MinF = -20f;
    const int ExpM1MinNegN = -30;
    // tanh(x) rounds to 1 for |x| > 9.01.
    const float TanhClampF = 10f;
    // q(r) ≈ (e^r − 1 − r) / r², coefficients of r^0..r^4 (mpmath chebyfit on [-0.3467, 0.3467], rounded to float).
    const float Q0 = 0.5f, Q1 = 0.16666576266288757f, Q2 = 0.041666556149721146f, Q3 = 0.008363194763660431f,
        Q4 = 0.0013926203828305006f;

    // ---------- scalar twins ----------

    /// <summary>e^x in float, within 1.1 ulp; exp(0) = 1, overflow to +∞, underflow to 0, NaN stays NaN.</summary>
    public static float Exp(float x)
    {
        float xc = MinF(ExpMaxF, MaxF(ExpMinF, x));
        float kd = xc * Log2EF + ShifterF;
        float r = Reduce(xc, kd - ShifterF);
        int n = BitConverter.SingleToInt32Bits(kd) - ShifterFBits;
        int n1 = n >> 1;
        return (1f + ExpM1Poly(r)) * Pow2F(n1) * Pow2F(n - n1);
    }

    /// <summary>e^x − 1 in float, within 2 ulp also for tiny |x|; the sign of zero is kept.</summary>
    public static float ExpM1(float x) => x == 0f ? x : ExpM1Core(x);

    // expm1 without the signed-zero fix (callers that select x itself at 0 skip it).
    static float ExpM1Core(float x)
    {
        float xc = MinF(ExpMaxF, MaxF(ExpM1MinF, x));
        float kd = xc * Log2EF + ShifterF;
        float r = Reduce(xc, kd - ShifterF);
        int n = BitConverter.SingleToInt32Bits(kd) - ShifterFBits;
        int n1 = n >> 1;
        float c = 1f - Pow2F(Math.Max(-n, ExpM1MinNegN));
        return (ExpM1Poly(r) + c) * Pow2F(n1) * Pow2F(n - n1);
    }

    /// <summary>Logistic function in float: 1 / (1 + e^−|x|), or e^−|x| / (1 + e^−|x|) for negative x; sigmoid(0) = 0.5.</summary>
    public static float Sigmoid(float x)
    {
        float xc = MaxF(ExpMinF, NegAbs(x));
        float kd = xc * Log2EF + ShifterF;
        float r = Reduce(xc, kd - ShifterF);
        int n = BitConverter.SingleToInt32Bits(kd) - ShifterFBits;
        int n1 = n >> 1;
        float s1 = Pow2F(n1), s2 = Pow2F(n - n1);
        float t = ExpM1Poly(r);
        float h = 1f + t;
        float eh = h * s1 * s2, el = (t - (h - 1f)) * s1 * s2;
        float dh = 1f + eh;
        float dl = (eh - (dh - 1f)) + el;
        // ys = sigmoid(−|x|) = e / (1 + e); 1 − q stands in for 1 / dh in the correction term (no second division).
        float q = eh / dh;
        float ys = q + (el - q * dl) * (1f - q);
        return x < 0f ? ys : 1f - ys;
    }

    /// <summary>tanh in float: t / (t + 2) with t = expm1(2|x|) and x's sign; tanh(±0) = ±0, ±1 for large |x|.</summary>
    public static float Tanh(float x)
    {
        float a = MinF(TanhClampF, MathF.Abs(x));
        float u = a + a;
        float kd = u * Log2EF + ShifterF;
        float r = Reduce(u, kd - ShifterF);
        int n = BitConverter.SingleToInt32Bits(kd) - ShifterFBits;
        float w = r * r * ExpM1PolyQ(r);
        float t = r + w, tl = w - (t - r);
        float c = 1f - Pow2F(-n);
        float th = c + t;
        float s = Pow2F(n);
        float eh = th * s, el = ((t - (th - c)) + tl) * s;
        float dh = eh + 2f;
        float db = dh - eh;
        float dl = ((eh - (dh - db)) + (2f - db)) + el;
        float q = eh / dh;
        // 1 / dh = (1 − q) / 2: good enough for the correction term, and no second division.
        return MathF.CopySign(q + (el - q * dl) * ((1f - q) * 0.5f), x);
    }

    /// <summary>x for x ≥ 0 (and NaN), e^x − 1 for x &lt; 0.</summary>
    public static float Elu(float x) => x < 0f ? ExpM1Core(x) : x;

    /// <summary>scale·x for x ≥ 0, scale·alpha·(e^x − 1) for x &lt; 0, with the float constants <paramref name="scale"/> and <paramref name="scaleAlpha"/>.</summary>
    public static float Selu(float x, float scale, float scaleAlpha) => x < 0f ? scaleAlpha * ExpM1Core(x) : scale * x;

    // Same operand order as MinNative/MaxNative: the second operand is returned when the comparison fails (NaN).
    static float MinF(float c, float x) => c < x ? c : x;
    static float MaxF(float c, float x) => c > x ? c : x;

    static float NegAbs(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) | int.MinValue);

    static float Reduce(float x, float n) => (x - n * Ln2HiF) - n * Ln2LoF;

    static float ExpM1Poly(float r) => r + r * r * ExpM1PolyQ(r);

    // Estrin's scheme: shorter dependency chains than Horner's (measured ≈ 8 % faster on Zen 3).
    static float ExpM1PolyQ(float r)
    {
        float r2 = r * r;
        return (Q0 + Q1 * r) + r2 * ((Q2 + Q3 * r) + r2 * Q4);
    }

    // 2^n for an integer n in [-126, 127], built in the exponent field.
    static float Pow2F(int n) => BitConverter.Int32BitsToSingle((n + 127) << 23);

    // ---------- Vector256<float> ----------

    /// <inheritdoc cref="Exp(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var xc = Vector256.MinNative(Vector256.Create(ExpMaxF), Vector256.MaxNative(Vector256.Create(ExpMinF), x));
        var shifter = Vector256.Create(ShifterF);
        var kd = xc * Vector256.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        var n = kd.AsInt32() - Vector256.Create(ShifterFBits);
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        return (Vector256<float>.One + ExpM1Poly(r)) * Pow2F(n1) * Pow2F(n - n1);
    }

    /// <inheritdoc cref="ExpM1(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpM1(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), x, ExpM1Core(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> ExpM1Core(Vector256<float> x)
    {
        var xc = Vector256.MinNative(Vector256.Create(ExpMaxF), Vector256.MaxNative(Vector256.Create(ExpM1MinF), x));
        var shifter = Vector256.Create(ShifterF);
        var kd = xc * Vector256.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        var n = kd.AsInt32() - Vector256.Create(ShifterFBits);
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        var c = Vector256<float>.One - Pow2F(Vector256.Max(-n, Vector256.Create(ExpM1MinNegN)));
        return (ExpM1Poly(r) + c) * Pow2F(n1) * Pow2F(n - n1);
    }

    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        var one = Vector256<float>.One;
        var xc = Vector256.MaxNative(Vector256.Create(ExpMinF), x | Vector256.Create(-0f));
        var shifter = Vector256.Create(ShifterF);
        var kd = xc * Vector256.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        var n = kd.AsInt32() - Vector256.Create(ShifterFBits);
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        var s1 = Pow2F(n1);
        var s2 = Pow2F(n - n1);
        var t = ExpM1Poly(r);
        var h = one + t;
        var eh = h * s1 * s2;
        var el = (t - (h - one)) * s1 * s2;
        var dh = one + eh;
        var dl = (eh - (dh - one)) + el;
        var q = eh / dh;
        var ys = q + (el - q * dl) * (one - q);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), ys, one - ys);
    }

    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var a = Vector256.MinNative(Vector256.Create(TanhClampF), Vector256.Abs(x));
        var u = a + a;
        var shifter = Vector256.Create(ShifterF);
        var kd = u * Vector256.Create(Log2EF) + shifter;
        var r = Reduce(u, kd - shifter);
        var n = kd.AsInt32() - Vector256.Create(ShifterFBits);
        var w = r * r * ExpM1PolyQ(r);
        var t = r + w;
        var tl = w - (t - r);
        var c = Vector256<float>.One - Pow2F(-n);
        var th = c + t;
        var s = Pow2F(n);
        var eh = th * s;
        var el = ((t - (th - c)) + tl) * s;
        var two = Vector256.Create(2f);
        var dh = eh + two;
        var db = dh - eh;
        var dl = ((eh - (dh - db)) + (two - db)) + el;
        var q = eh / dh;
        return Vector256.CopySign(q + (el - q * dl) * ((Vector256<float>.One - q) * Vector256.Create(0.5f)), x);
    }

    /// <inheritdoc cref="Elu(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Elu(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), ExpM1Negative(x), x);

    /// <inheritdoc cref="Selu(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Selu(Vector256<float> x, float scale, float scaleAlpha) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero),
            Vector256.Create(scaleAlpha) * ExpM1Negative(x), Vector256.Create(scale) * x);

    // ExpM1Core's bits for x < 0 (the lanes Elu and Selu keep; others are garbage): x ≥ −20 after the clamp keeps n in
    // [−29, 0], so 1 − 2^−n needs no clamp and scaling by 2^n in one step is as exact as ExpM1Core's two half steps.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> ExpM1Negative(Vector256<float> x)
    {
        var xc = Vector256.MaxNative(Vector256.Create(ExpM1MinF), x);
        var shifter = Vector256.Create(ShifterF);
        var kd = xc * Vector256.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        // 2^-n and 2^n straight from kd's bits (shifter + n): (127 - n) << 23 and (n + 127) << 23, constants folded.
        var bits = kd.AsInt32();
        var c = Vector256<float>.One - Vector256.ShiftLeft(Vector256.Create(127 + ShifterFBits) - bits, 23).AsSingle();
        return (ExpM1Poly(r) + c) * Vector256.ShiftLeft(bits + Vector256.Create(127 - ShifterFBits), 23).AsSingle();
    }

    static Vector256<float> Reduce(Vector256<float> x, Vector256<float> n) =>
        (x - n * Vector256.Create(Ln2HiF)) - n * Vector256.Create(Ln2LoF);

    static Vector256<float> ExpM1Poly(Vector256<float> r) => r + r * r * ExpM1PolyQ(r);

    static Vector256<float> ExpM1PolyQ(Vector256<float> r)
    {
        var r2 = r * r;
        return (Vector256.Create(Q0) + Vector256.Create(Q1) * r) + r2 * ((Vector256.Create(Q2) + Vector256.Create(Q3) * r) + r2 * Vector256.Create(Q4));
    }

    static Vector256<float> Pow2F(Vector256<int> n) => Vector256.ShiftLeft(n + Vector256.Create(127), 23).AsSingle();

    // ---------- Vector512<float> ----------
    // Mirrors the Vector256 section line for line: .NET 10 has no public vector-width-generic interface
    // (ISimdVector is internal), so each width needs its own copy; the twin tests pin them to the scalar bits.

    /// <inheritdoc cref="Exp(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var xc = Vector512.MinNative(Vector512.Create(ExpMaxF), Vector512.MaxNative(Vector512.Create(ExpMinF), x));
        var shifter = Vector512.Create(ShifterF);
        var kd = xc * Vector512.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        var n = kd.AsInt32() - Vector512.Create(ShifterFBits);
        var n1 = Vector512.ShiftRightArithmetic(n, 1);
        return (Vector512<float>.One + ExpM1Poly(r)) * Pow2F(n1) * Pow2F(n - n1);
    }

    /// <inheritdoc cref="ExpM1(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpM1(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, ExpM1Core(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> ExpM1Core(Vector512<float> x)
    {
        var xc = Vector512.MinNative(Vector512.Create(ExpMaxF), Vector512.MaxNative(Vector512.Create(ExpM1MinF), x));
        var shifter = Vector512.Create(ShifterF);
        var kd = xc * Vector512.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        var n = kd.AsInt32() - Vector512.Create(ShifterFBits);
        var n1 = Vector512.ShiftRightArithmetic(n, 1);
        var c = Vector512<float>.One - Pow2F(Vector512.Max(-n, Vector512.Create(ExpM1MinNegN)));
        return (ExpM1Poly(r) + c) * Pow2F(n1) * Pow2F(n - n1);
    }

    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        var one = Vector512<float>.One;
        var xc = Vector512.MaxNative(Vector512.Create(ExpMinF), x | Vector512.Create(-0f));
        var shifter = Vector512.Create(ShifterF);
        var kd = xc * Vector512.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        var n = kd.AsInt32() - Vector512.Create(ShifterFBits);
        var n1 = Vector512.ShiftRightArithmetic(n, 1);
        var s1 = Pow2F(n1);
        var s2 = Pow2F(n - n1);
        var t = ExpM1Poly(r);
        var h = one + t;
        var eh = h * s1 * s2;
        var el = (t - (h - one)) * s1 * s2;
        var dh = one + eh;
        var dl = (eh - (dh - one)) + el;
        var q = eh / dh;
        var ys = q + (el - q * dl) * (one - q);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), ys, one - ys);
    }

    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var a = Vector512.MinNative(Vector512.Create(TanhClampF), Vector512.Abs(x));
        var u = a + a;
        var shifter = Vector512.Create(ShifterF);
        var kd = u * Vector512.Create(Log2EF) + shifter;
        var r = Reduce(u, kd - shifter);
        var n = kd.AsInt32() - Vector512.Create(ShifterFBits);
        var w = r * r * ExpM1PolyQ(r);
        var t = r + w;
        var tl = w - (t - r);
        var c = Vector512<float>.One - Pow2F(-n);
        var th = c + t;
        var s = Pow2F(n);
        var eh = th * s;
        var el = ((t - (th - c)) + tl) * s;
        var two = Vector512.Create(2f);
        var dh = eh + two;
        var db = dh - eh;
        var dl = ((eh - (dh - db)) + (two - db)) + el;
        var q = eh / dh;
        return Vector512.CopySign(q + (el - q * dl) * ((Vector512<float>.One - q) * Vector512.Create(0.5f)), x);
    }

    /// <inheritdoc cref="Elu(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Elu(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), ExpM1Negative(x), x);

    /// <inheritdoc cref="Selu(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Selu(Vector512<float> x, float scale, float scaleAlpha) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero),
            Vector512.Create(scaleAlpha) * ExpM1Negative(x), Vector512.Create(scale) * x);

    // See the Vector256 form.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> ExpM1Negative(Vector512<float> x)
    {
        var xc = Vector512.MaxNative(Vector512.Create(ExpM1MinF), x);
        var shifter = Vector512.Create(ShifterF);
        var kd = xc * Vector512.Create(Log2EF) + shifter;
        var r = Reduce(xc, kd - shifter);
        // 2^-n and 2^n straight from kd's bits (shifter + n): (127 - n) << 23 and (n + 127) << 23, constants folded.
        var bits = kd.AsInt32();
        var c = Vector512<float>.One - Vector512.ShiftLeft(Vector512.Create(127 + ShifterFBits) - bits, 23).AsSingle();
        return (ExpM1Poly(r) + c) * Vector512.ShiftLeft(bits + Vector512.Create(127 - ShifterFBits), 23).AsSingle();
    }

    static Vector512<float> Reduce(Vector512<float> x, Vector512<float> n) =>
        (x - n * Vector512.Create(Ln2HiF)) - n * Vector512.Create(Ln2LoF);

    static Vector512<float> ExpM1Poly(Vector512<float> r) => r + r * r * ExpM1PolyQ(r);

    static Vector512<float> ExpM1PolyQ(Vector512<float> r)
    {
        var r2 = r * r;
        return (Vector512.Create(Q0) + Vector512.Create(Q1) * r) + r2 * ((Vector512.Create(Q2) + Vector512.Create(Q3) * r) + r2 * Vector512.Create(Q4));
    }

    static Vector512<float> Pow2F(Vector512<int> n) => Vector512.ShiftLeft(n + Vector512.Create(127), 23).AsSingle();
}
