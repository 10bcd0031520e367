using System.Numerics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>A binary element-wise predicate (comparison or logical connective) with a bool result.</summary>
internal interface IPredicate<T>
{
    static abstract bool Apply(T a, T b);
}

/// <summary>Runs broadcasting predicates: inputs of one dtype, a bool output.</summary>
internal static class PredicateKernel
{
    /// <summary>Comparison on a numeric dtype (bool inputs need <see cref="RunWithBool{TF, TD, TI, TL, TB}"/>).</summary>
    public static void Run<TF, TD, TI, TL>(KernelContext ctx)
        where TF : IPredicate<float> where TD : IPredicate<double> where TI : IPredicate<int> where TL : IPredicate<long>
    {
        var a = ctx.Input(0);
        if (a.Data is bool[]) throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {a.dtype}", ctx.Op);
        RunWithBool<TF, TD, TI, TL, NeverPredicate>(ctx);
    }

    /// <summary>Predicate on any dtype, bool included.</summary>
    public static void RunWithBool<TF, TD, TI, TL, TB>(KernelContext ctx)
        where TF : IPredicate<float> where TD : IPredicate<double> where TI : IPredicate<int> where TL : IPredicate<long>
        where TB : IPredicate<bool>
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        var shape = BinaryKernel.OutputShape(ctx, a, b);
        var o = ctx.Output(0, DType.Bool, shape).AsSpan<bool>();
        switch (a.Data)
        {
            case float[]: Map<float, TF>(a.AsSpan<float>(), a.shape, b.AsSpan<float>(), b.shape, o, shape); break;
            case double[]: Map<double, TD>(a.AsSpan<double>(), a.shape, b.AsSpan<double>(), b.shape, o, shape); break;
            case int[]: Map<int, TI>(a.AsSpan<int>(), a.shape, b.AsSpan<int>(), b.shape, o, shape); break;
            case long[]: Map<long, TL>(a.AsSpan<long>(), a.shape, b.AsSpan<long>(), b.shape, o, shape); break;
            case bool[]: Map<bool, TB>(a.AsSpan<bool>(), a.shape, b.AsSpan<bool>(), b.shape, o, shape); break;
        }
    }

    /// <summary>o = op(a, b) with NumPy broadcasting; <paramref name="oShape"/> is the broadcast shape.</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> a, int[] aShape, ReadOnlySpan<T> b, int[] bShape, Span<bool> o, int[] oShape)
        where TOp : IPredicate<T>
    {
        int n = o.Length;
        if (a.Length == n && b.Length == n)
        {
            for (int i = 0; i < n; i++) o[i] = TOp.Apply(a[i], b[i]);
            return;
        }
        if (b.Length == 1 && a.Length == n)
        {
            var bv = b[0];
            for (int i = 0; i < n; i++) o[i] = TOp.Apply(a[i], bv);
            return;
        }
        if (a.Length == 1 && b.Length == n)
        {
            var av = a[0];
            for (int i = 0; i < n; i++) o[i] = TOp.Apply(av, b[i]);
            return;
        }
        int r = oShape.Length;
        Span<int> sa = stackalloc int[r], sb = stackalloc int[r], idx = stackalloc int[r];
        Broadcast.Strides(aShape, oShape, sa);
        Broadcast.Strides(bShape, oShape, sb);
        idx.Clear();
        int ia = 0, ib = 0;
        for (int k = 0; k < n; k++)
        {
            o[k] = TOp.Apply(a[ia], b[ib]);
            // odometer over all output dimensions, innermost fastest
            for (int d = r - 1; d >= 0; d--)
            {
                ia += sa[d]; ib += sb[d];
                if (++idx[d] < oShape[d]) break;
                ia -= sa[d] * oShape[d]; ib -= sb[d] * oShape[d];
                idx[d] = 0;
            }
        }
    }

    // Stands in for the bool form of comparisons that reject bool inputs before running.
    readonly struct NeverPredicate : IPredicate<bool>
    {
        public static bool Apply(bool a, bool b) => false;
    }
}

/// <summary>a == b (NaN ≠ NaN).</summary>
internal readonly struct EqualPredicate<T> : IPredicate<T> where T : IEqualityOperators<T, T, bool>
{
    public static bool Apply(T a, T b) => a == b;
}

/// <summary>a != b.</summary>
internal readonly struct NotEqualPredicate<T> : IPredicate<T> where T : IEqualityOperators<T, T, bool>
{
    public static bool Apply(T a, T b) => a != b;
}

/// <summary>a == b on bools.</summary>
internal readonly struct BoolEqualPredicate : IPredicate<bool>
{
    public static bool Apply(bool a, bool b) => a == b;
}

/// <summary>a != b on bools.</summary>
internal readonly struct BoolNotEqualPredicate : IPredicate<bool>
{
    public static bool Apply(bool a, bool b) => a != b;
}

/// <summary>a &lt; b.</summary>
internal readonly struct LessPredicate<T> : IPredicate<T> where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T a, T b) => a < b;
}

/// <summary>a &lt;= b.</summary>
internal readonly struct LessEqualPredicate<T> : IPredicate<T> where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T a, T b) => a <= b;
}

/// <summary>a &gt; b.</summary>
internal readonly struct GreaterPredicate<T> : IPredicate<T> where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T a, T b) => a > b;
}

/// <summary>a &gt;= b.</summary>
internal readonly struct GreaterEqualPredicate<T> : IPredicate<T> where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T a, T b) => a >= b;
}

/// <summary>a ∧ b.</summary>
internal readonly struct LogicalAndPredicate : IPredicate<bool>
{
    public static bool Apply(bool a, bool b) => a & b;
}

/// <summary>a ∨ b.</summary>
internal readonly struct LogicalOrPredicate : IPredicate<bool>
{
    public static bool Apply(bool a, bool b) => a | b;
}
