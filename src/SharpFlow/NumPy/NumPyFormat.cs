using System.Globalization;
using System.Numerics;
using System.Text;

namespace SharpFlow;

/// <summary>NumPy's <c>str()</c> of arrays and scalars, character for character.</summary>
/// <remarks>
/// Follows NumPy's default print options (NumPy ≥ 1.14, <c>legacy=False</c>): precision 8,
/// <c>floatmode='maxprec'</c>, no small-number suppression, line width 75, summarisation of arrays
/// with more than 1000 elements to 3 edge items per axis. Floats are printed by the Dragon4
/// digit-generation scheme NumPy uses: the shortest digits that identify the value within its own
/// type (float32 or float64), cut to the precision with exact, round-half-even rounding.
/// </remarks>
internal static class NumPyFormat
{
    const int LineWidth = 75;
    const int Threshold = 1000;
    const int EdgeItems = 3;
    const int Precision = 8;
    const double Log10Of2 = 0.30102999566398119521373889472449;

    /// <summary>How trailing zeros and the decimal point are treated after rounding.</summary>
    enum Trim
    {
        /// <summary>Keep everything (NumPy's <c>'k'</c>).</summary>
        None,
        /// <summary>Drop trailing zeros, keep the point (<c>'.'</c>).</summary>
        Zeros,
        /// <summary>Drop trailing zeros but keep one after the point (<c>'0'</c>).</summary>
        LeaveOneZero,
        /// <summary>Drop trailing zeros and a bare point (<c>'-'</c>).</summary>
        DptZeros,
    }

    /// <summary>NumPy's <c>str(a)</c>.</summary>
    public static string Format(NDArray a)
    {
        if (a.ndim == 0) return FormatScalar(a);
        if (a.size == 0) return "[]";
        bool summarise = a.size > Threshold;
        var shown = ShownIndices(a.shape, summarise);
        var format = CreateElementFormatter(a, shown);
        var strides = new int[a.ndim];
        for (int i = a.ndim - 1, s = 1; i >= 0; s *= a.shape[i], i--) strides[i] = s;
        return FormatAxis(a.shape, strides, format, summarise, 0, 0, " ", LineWidth);
    }

    /// <summary>NumPy's <c>str()</c> of the single element of a 0-d (or size-1) array, as a NumPy scalar prints.</summary>
    public static string FormatScalar(NDArray a) => FormatScalar(a.GetItem(0));

    /// <summary>NumPy's <c>str()</c> of a scalar of one of the supported element types.</summary>
    public static string FormatScalar(object value) => value switch
    {
        float f => FloatScalar(f, single: true),
        double d => FloatScalar(d, single: false),
        bool b => b ? "True" : "False",
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static string FloatScalar(double v, bool single)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        double abs = Math.Abs(v);
        return v == 0 || (abs >= 1e-4 && abs < 1e16)
            ? Positional(v, single, -1, -1, Trim.LeaveOneZero, -1, -1)
            : Scientific(v, single, -1, -1, Trim.DptZeros, -1, -1);
    }

    // ---- layout (NumPy's _formatArray) ----

    static string FormatAxis(int[] shape, int[] strides, Func<int, string> format, bool summarise,
                             int axis, int offset, string hanging, int width)
    {
        if (axis == shape.Length) return format(offset);
        string nextHanging = hanging + " ";
        int nextWidth = width - 1;   // room for the closing ']'
        int length = shape[axis], stride = strides[axis];
        bool summary = summarise && 2 * EdgeItems < length;
        int leading = summary ? EdgeItems : 0, trailing = summary ? EdgeItems : length;
        string Item(int i) => FormatAxis(shape, strides, format, summarise, axis + 1, offset + i * stride, nextHanging, nextWidth);

        var s = new StringBuilder();
        if (axis == shape.Length - 1)
        {
            int elemWidth = width - 1;
            string line = hanging;
            for (int i = 0; i < leading; i++)
            {
                ExtendLine(s, ref line, Item(i), elemWidth, hanging);
                line += " ";
            }
            if (summary)
            {
                ExtendLine(s, ref line, "...", elemWidth, hanging);
                line += " ";
            }
            for (int i = trailing; i > 1; i--)
            {
                ExtendLine(s, ref line, Item(length - i), elemWidth, hanging);
                line += " ";
            }
            ExtendLine(s, ref line, Item(length - 1), elemWidth, hanging);
            s.Append(line);
        }
        else
        {
            string lineSep = new('\n', shape.Length - axis - 1);
            for (int i = 0; i < leading; i++) s.Append(hanging).Append(Item(i)).Append(lineSep);
            if (summary) s.Append(hanging).Append("...").Append(lineSep);
            for (int i = trailing; i > 1; i--) s.Append(hanging).Append(Item(length - i)).Append(lineSep);
            s.Append(hanging).Append(Item(length - 1));
        }
        return "[" + s.ToString(hanging.Length, s.Length - hanging.Length) + "]";
    }

    static void ExtendLine(StringBuilder s, ref string line, string word, int width, string nextLinePrefix)
    {
        // never wrap a line that holds only the indent: it would not help
        if (line.Length + word.Length > width && line.Length > nextLinePrefix.Length)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = nextLinePrefix;
        }
        line += word;
    }

    /// <summary>Flat indices of the elements that are printed (all, or the summarised corners).</summary>
    static List<int> ShownIndices(int[] shape, bool summarise)
    {
        var result = new List<int>();
        void Walk(int axis, int offset)
        {
            if (axis == shape.Length) { result.Add(offset); return; }
            int n = shape[axis];
            int inner = 1;
            for (int k = axis + 1; k < shape.Length; k++) inner *= shape[k];
            for (int i = 0; i < n; i++)
            {
                if (summarise && n > 2 * EdgeItems && i >= EdgeItems && i < n - EdgeItems) continue;
                Walk(axis + 1, offset + i * inner);
            }
        }
        Walk(0, 0);
        return result;
    }

    // ---- element formatters (NumPy's BoolFormat, IntegerFormat, FloatingFormat) ----

    static Func<int, string> CreateElementFormatter(NDArray a, List<int> shown)
    {
        switch (a.Data)
        {
            case bool[] b:
                return i => b[i] ? " True" : "False";
            case int[] or long[]:
            {
                long max = long.MinValue, min = long.MaxValue;
                foreach (int i in shown)
                {
                    long v = Convert.ToInt64(a.GetItem(i), CultureInfo.InvariantCulture);
                    max = Math.Max(max, v);
                    min = Math.Min(min, v);
                }
                int width = Math.Max(max.ToString(CultureInfo.InvariantCulture).Length, min.ToString(CultureInfo.InvariantCulture).Length);
                return i => Convert.ToInt64(a.GetItem(i), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture).PadLeft(width);
            }
            case float[] f:
                return new FloatFormatter(shown.Select(i => (double)f[i]).ToList(), single: true).Format(i => f[i]);
            case double[] d:
                return new FloatFormatter(shown.Select(i => d[i]).ToList(), single: false).Format(i => d[i]);
            default:
                return i => FormatScalar(a.GetItem(i));
        }
    }

    /// <summary>NumPy's <c>FloatingFormat</c> with <c>floatmode='maxprec'</c>, <c>sign='-'</c>.</summary>
    sealed class FloatFormatter
    {
        readonly bool _single;
        readonly bool _expFormat;
        readonly int _precision = Precision;
        readonly int _minDigits = -1;
        readonly Trim _trim = Trim.Zeros;
        readonly int _padLeft;
        readonly int _padRight;
        readonly int _expSize = -1;

        public FloatFormatter(List<double> data, bool single)
        {
            _single = single;
            var finite = data.Where(double.IsFinite).ToList();
            var absNonZero = finite.Where(v => v != 0).Select(Math.Abs).ToList();
            if (absNonZero.Count > 0)
            {
                double max = absNonZero.Max(), min = absNonZero.Min();
                // the ratio is computed in the array's own precision
                double ratio = single ? (float)max / (float)min : max / min;
                _expFormat = max >= 1e8 || min < 0.0001 || ratio > 1000.0;
            }

            if (finite.Count == 0)
            {
                _padLeft = 0;
                _padRight = 0;
            }
            else if (_expFormat)
            {
                var parts = finite.Select(v => Scientific(v, single, Precision, -1, Trim.Zeros, -1, -1)).ToList();
                var mantissas = parts.Select(s => s[..s.IndexOf('e')]).ToList();
                _expSize = parts.Max(s => s.Length - s.IndexOf('e') - 2);
                _trim = Trim.None;
                _precision = mantissas.Max(s => s.Length - s.IndexOf('.') - 1);
                _minDigits = _precision;
                _padLeft = mantissas.Max(s => s.IndexOf('.'));
                _padRight = _expSize + 2 + _precision;
            }
            else
            {
                var parts = finite.Select(v => Positional(v, single, Precision, -1, Trim.Zeros, -1, -1)).ToList();
                _padLeft = parts.Max(s => s.IndexOf('.'));
                _padRight = parts.Max(s => s.Length - s.IndexOf('.') - 1);
                _minDigits = 0;
            }

            if (finite.Count != data.Count)
            {
                int negInf = data.Any(v => double.IsNegativeInfinity(v)) ? 1 : 0;
                int offset = _padRight + 1;
                _padLeft = Math.Max(_padLeft, Math.Max(3 - offset, 3 + negInf - offset));
            }
        }

        public Func<int, string> Format(Func<int, double> value) => i => FormatValue(value(i));

        string FormatValue(double x)
        {
            if (!double.IsFinite(x))
            {
                string s = double.IsNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
                return s.PadLeft(_padLeft + _padRight + 1);
            }
            return _expFormat
                ? Scientific(x, _single, _precision, _minDigits, _trim, _padLeft, _expSize)
                : Positional(x, _single, _precision, _minDigits, _trim, _padLeft, _padRight);
        }
    }

    // ---- Dragon4 (NumPy's format_float_positional / format_float_scientific, unique mode) ----

    static string Positional(double v, bool single, int precision, int minDigits, Trim trim, int padLeft, int padRight)
    {
        bool negative = double.IsNegative(v);
        string digits = Dragon4(Math.Abs(v), single, fractionCutoff: true, precision, minDigits, out int exponent);
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        int whole, frac = 0;
        if (exponent >= 0)
        {
            whole = exponent + 1;
            if (digits.Length <= whole)
                sb.Append(digits).Append('0', whole - digits.Length);
            else
            {
                sb.Append(digits, 0, whole).Append('.').Append(digits, whole, digits.Length - whole);
                frac = digits.Length - whole;
            }
        }
        else
        {
            int zeros = -(exponent + 1);
            sb.Append("0.").Append('0', zeros).Append(digits);
            frac = zeros + digits.Length;
            whole = 1;
        }
        if (trim != Trim.DptZeros && frac == 0) sb.Append('.');

        int desired = Math.Max(minDigits, 0);
        if (trim == Trim.LeaveOneZero)
        {
            if (frac == 0) { sb.Append('0'); frac++; }
        }
        else if (trim == Trim.None && desired > frac)
        {
            sb.Append('0', desired - frac);
            frac = desired;
        }
        if (trim != Trim.None && frac > 0)
        {
            while (sb[^1] == '0') { sb.Length--; frac--; }
            if (sb[^1] == '.')
            {
                if (trim == Trim.LeaveOneZero) { sb.Append('0'); frac++; }
                else if (trim == Trim.DptZeros) sb.Length--;
            }
        }

        if (padRight >= frac)
        {
            if (trim == Trim.DptZeros && frac == 0) sb.Append(' ');
            sb.Append(' ', padRight - frac);
        }
        int left = whole + (negative ? 1 : 0);
        if (padLeft > left) sb.Insert(0, " ", padLeft - left);
        return sb.ToString();
    }

    static string Scientific(double v, bool single, int precision, int minDigits, Trim trim, int padLeft, int expDigits)
    {
        bool negative = double.IsNegative(v);
        var sb = new StringBuilder();
        int leftChars = 1 + (negative ? 1 : 0);
        if (padLeft > leftChars) sb.Append(' ', padLeft - leftChars);
        if (negative) sb.Append('-');

        string digits = Dragon4(Math.Abs(v), single, fractionCutoff: false,
                                precision < 0 ? -1 : precision + 1, minDigits < 0 ? -1 : minDigits + 1, out int exponent);
        sb.Append(digits[0]);
        int frac = digits.Length - 1;
        if (frac > 0) sb.Append('.').Append(digits, 1, frac);
        if (trim != Trim.DptZeros && frac == 0) sb.Append('.');

        int add = Math.Max(minDigits, 0);
        if (trim == Trim.LeaveOneZero)
        {
            if (frac == 0) { sb.Append('0'); frac++; }
        }
        else if (trim == Trim.None && add > frac)
        {
            sb.Append('0', add - frac);
            frac = add;
        }
        if (trim != Trim.None && frac > 0)
        {
            while (sb[^1] == '0') { sb.Length--; frac--; }
            if (trim == Trim.LeaveOneZero && sb[^1] == '.') sb.Append('0');
        }

        sb.Append('e').Append(exponent >= 0 ? '+' : '-');
        int width = expDigits < 0 ? 2 : Math.Min(expDigits, 5);
        sb.Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        return sb.ToString();
    }

    /// <summary>
    /// Decimal digits of a non-negative finite value and the decimal exponent of the first digit.
    /// Digits stop once they identify the value among its type's neighbours (and at least
    /// <paramref name="cutoffMin"/> are printed), or at the <paramref name="cutoffMax"/> cutoff;
    /// the last digit is rounded. Cutoffs count digits after the point (<paramref name="fractionCutoff"/>)
    /// or in total; negative means none.
    /// </summary>
    static string Dragon4(double v, bool single, bool fractionCutoff, int cutoffMax, int cutoffMin, out int printExponent)
    {
        Decompose(v, single, out ulong mantissa, out int exponent, out int mantissaBit, out bool unequalMargins);
        if (mantissa == 0)
        {
            printExponent = 0;
            return "0";
        }

        // value = scaledValue / scale; margins are half the gaps to the neighbouring floats
        BigInteger scaledValue, scale, marginLow;
        int highFactor = unequalMargins ? 2 : 1;   // marginHigh = marginLow * highFactor
        int extra = unequalMargins ? 2 : 1;
        if (exponent > 0)
        {
            scaledValue = new BigInteger(mantissa) << (exponent + extra);
            scale = BigInteger.One << extra;
            marginLow = BigInteger.One << exponent;
        }
        else
        {
            scaledValue = new BigInteger(mantissa) << extra;
            scale = BigInteger.One << (-exponent + extra);
            marginLow = BigInteger.One;
        }

        // estimate of floor(log10(v)) + 1, correct or one too low
        int digitExponent = (int)Math.Ceiling((mantissaBit + exponent) * Log10Of2 - 0.69);
        if (cutoffMax >= 0 && fractionCutoff && digitExponent <= -cutoffMax)
            digitExponent = -cutoffMax + 1;
        if (digitExponent > 0)
            scale *= BigInteger.Pow(10, digitExponent);
        else if (digitExponent < 0)
        {
            var pow = BigInteger.Pow(10, -digitExponent);
            scaledValue *= pow;
            marginLow *= pow;
        }
        if (scaledValue >= scale)
            digitExponent++;
        else
        {
            scaledValue *= 10;
            marginLow *= 10;
        }

        int cutoffMaxExponent = int.MinValue / 2;
        if (cutoffMax >= 0)
            cutoffMaxExponent = Math.Max(cutoffMaxExponent, fractionCutoff ? -cutoffMax : digitExponent - cutoffMax);
        int cutoffMinExponent = digitExponent;
        if (cutoffMin >= 0)
            cutoffMinExponent = Math.Min(cutoffMinExponent, fractionCutoff ? -cutoffMin : digitExponent - cutoffMin);
        printExponent = digitExponent - 1;

        bool isEven = (mantissa & 1) == 0;
        var digits = new StringBuilder();
        bool low, high;
        int digit;
        while (true)
        {
            digitExponent--;
            digit = (int)BigInteger.DivRem(scaledValue, scale, out scaledValue);
            int cmp = scaledValue.CompareTo(marginLow);
            low = isEven ? cmp <= 0 : cmp < 0;
            cmp = (scaledValue + marginLow * highFactor).CompareTo(scale);
            high = isEven ? cmp >= 0 : cmp > 0;
            if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent)
                break;
            digits.Append((char)('0' + digit));
            scaledValue *= 10;
            marginLow *= 10;
        }

        bool roundDown = low;
        if (low == high)
        {
            // round to nearest, ties to even
            int cmp = (scaledValue * 2).CompareTo(scale);
            roundDown = cmp < 0 || (cmp == 0 && (digit & 1) == 0);
        }
        if (roundDown)
            digits.Append((char)('0' + digit));
        else if (digit < 9)
            digits.Append((char)('0' + digit + 1));
        else
        {
            while (digits.Length > 0 && digits[^1] == '9') digits.Length--;
            if (digits.Length == 0)
            {
                digits.Append('1');
                printExponent++;
            }
            else
                digits[^1]++;
        }
        return digits.ToString();
    }

    /// <summary>Splits a finite non-negative value into mantissa·2^exponent as stored in float32 or float64.</summary>
    static void Decompose(double v, bool single, out ulong mantissa, out int exponent, out int mantissaBit, out bool unequalMargins)
    {
        int fractionBits = single ? 23 : 52;
        int bias = single ? 127 : 1023;
        ulong bits = single ? BitConverter.SingleToUInt32Bits((float)v) : BitConverter.DoubleToUInt64Bits(v);
        ulong fraction = bits & ((1UL << fractionBits) - 1);
        int biased = (int)(bits >> fractionBits) & (single ? 0xFF : 0x7FF);
        if (biased != 0)
        {
            mantissa = (1UL << fractionBits) | fraction;
            exponent = biased - bias - fractionBits;
            mantissaBit = fractionBits;
            unequalMargins = biased != 1 && fraction == 0;
        }
        else
        {
            mantissa = fraction;
            exponent = 1 - bias - fractionBits;
            mantissaBit = fraction == 0 ? 0 : BitOperations.Log2(fraction);
            unequalMargins = false;
        }
    }
}
