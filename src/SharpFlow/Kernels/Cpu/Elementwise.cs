using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>A binary element-wise operator with a scalar and a 256-bit vector form.</summary>
internal interface IBinaryOp<T> where T : unmanaged
{
    static abstract T Apply(T a, T b);
    static abstract Vector256<T> Apply(Vector256<T> a, Vector256<T> b);
    /// <summary>False when the vector form is not exact enough (or not available) for this type.</summary>
    static virtual bool Vectorized => true;
}

/// <summary>A unary element-wise operator with a scalar and a 256-bit vector form (and optionally a 512-bit one).</summary>
internal interface IUnaryOp<T> where T : unmanaged
{
    static abstract T Apply(T x);
    static abstract Vector256<T> Apply(Vector256<T> x);
    static virtual bool Vectorized => true;
    /// <summary>512-bit form, called only where <see cref="Vectorized512"/> is true.</summary>
    static virtual Vector512<T> Apply(Vector512<T> x) => throw new NotSupportedException();
    /// <summary>True when the operator has a 512-bit form giving the scalar form's bits.</summary>
    static virtual bool Vectorized512 => false;
}

/// <summary>Contiguous element-wise loops: vector loops while a full vector remains, then a scalar tail.</summary>
internal static class Elementwise
{
    /// <summary>o[i] = op(a[i], b[i]).</summary>
    public static void Binary<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        int n = o.Length, i = 0;
        if (TOp.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T ra = ref MemoryMarshal.GetReference(a), rb = ref MemoryMarshal.GetReference(b), ro = ref MemoryMarshal.GetReference(o);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref ro, (nuint)i);
        }
        for (; i < n; i++) o[i] = TOp.Apply(a[i], b[i]);
    }

    /// <summary>o[i] = op(a[i], b).</summary>
    public static void BinaryScalarRight<T, TOp>(ReadOnlySpan<T> a, T b, Span<T> o)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        int n = o.Length, i = 0;
        if (TOp.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var vb = Vector256.Create(b);
            ref T ra = ref MemoryMarshal.GetReference(a), ro = ref MemoryMarshal.GetReference(o);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref ra, (nuint)i), vb).StoreUnsafe(ref ro, (nuint)i);
        }
        for (; i < n; i++) o[i] = TOp.Apply(a[i], b);
    }

    /// <summary>o[i] = op(a, b[i]).</summary>
    public static void BinaryScalarLeft<T, TOp>(T a, ReadOnlySpan<T> b, Span<T> o)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        int n = o.Length, i = 0;
        if (TOp.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var va = Vector256.Create(a);
            ref T rb = ref MemoryMarshal.GetReference(b), ro = ref MemoryMarshal.GetReference(o);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Apply(va, Vector256.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref ro, (nuint)i);
        }
        for (; i < n; i++) o[i] = TOp.Apply(a, b[i]);
    }

    /// <summary>o[i] = op(x[i]).</summary>
    public static void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> o)
        where T : unmanaged where TOp : IUnaryOp<T>
    {
        int n = o.Length, i = 0;
        ref T rx = ref MemoryMarshal.GetReference(x), ro = ref MemoryMarshal.GetReference(o);
        if (TOp.Vectorized512 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Apply(Vector512.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ro, (nuint)i);
        }
        if (TOp.Vectorized && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ro, (nuint)i);
        }
        for (; i < n; i++) o[i] = TOp.Apply(x[i]);
    }

    /// <summary>Scalar-only reference of <see cref="Binary{T, TOp}"/>, for kernel tests.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BinaryScalarReference<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        for (int i = 0; i < o.Length; i++) o[i] = TOp.Apply(a[i], b[i]);
    }
}
