using System.Numerics;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>Runs a broadcasting binary op over its inputs, choosing the operator struct by dtype.</summary>
internal static class BinaryKernel
{
    public static void Run<TF, TD, TI, TL>(KernelContext ctx)
        where TF : IBinaryOp<float> where TD : IBinaryOp<double> where TI : IBinaryOp<int> where TL : IBinaryOp<long>
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        var shape = OutputShape(ctx, a, b);
        var o = ctx.OutputInPlace(0, 0, 1, a.dtype, shape);   // Broadcast.Binary reads each element before writing it
        switch (a.Data)
        {
            case float[]: Broadcast.Binary<float, TF>(a.AsSpan<float>(), a.shape, b.AsSpan<float>(), b.shape, o.AsSpan<float>(), shape); break;
            case double[]: Broadcast.Binary<double, TD>(a.AsSpan<double>(), a.shape, b.AsSpan<double>(), b.shape, o.AsSpan<double>(), shape); break;
            case int[]: Broadcast.Binary<int, TI>(a.AsSpan<int>(), a.shape, b.AsSpan<int>(), b.shape, o.AsSpan<int>(), shape); break;
            case long[]: Broadcast.Binary<long, TL>(a.AsSpan<long>(), a.shape, b.AsSpan<long>(), b.shape, o.AsSpan<long>(), shape); break;
            default: throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {a.dtype}", ctx.Op);
        }
    }

    /// <summary>The broadcast shape, or TensorFlow's run-time error.</summary>
    /// <remarks>Returns an input's own shape array when it is the result (bias adds, scalars), so steady-state runs allocate nothing.</remarks>
    public static int[] OutputShape(KernelContext ctx, NDArray a, NDArray b) =>
        Broadcast.BroadcastsTo(b.shape, a.shape) ? a.shape :
        Broadcast.BroadcastsTo(a.shape, b.shape) ? b.shape :
        Broadcast.Shape(a.shape, b.shape) ?? throw new InvalidArgumentError(Broadcast.Incompatible(a.shape, b.shape), ctx.Op);
}

/// <summary>a + b.</summary>
internal readonly struct AddOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => a + b;
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => a + b;
}

/// <summary>a - b.</summary>
internal readonly struct SubOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => a - b;
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => a - b;
}

/// <summary>a * b.</summary>
internal readonly struct MulOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => a * b;
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => a * b;
}

/// <summary>a / b (integer division truncates, as C++ does; TensorFlow's Div on ints).</summary>
internal readonly struct DivOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b) => a / b;
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => a / b;
    public static bool Vectorized => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}
