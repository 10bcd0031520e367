using System.Numerics;
using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>⌊x / y⌋ (Python's <c>//</c>).</summary>
internal sealed class FloorDivOp() : BinaryOp("FloorDiv", Numeric)
{
    public static readonly FloorDivOp Instance = new();
    public override bool IsDifferentiable => false;
    public override void Compute(KernelContext ctx)
    {
        CheckIntegerDivisor(ctx);
        BinaryKernel.Run<FloorDivOperator<float>, FloorDivOperator<double>, FloorDivOperator<int>, FloorDivOperator<long>>(ctx);
    }

    // TF parity: integer division by zero is an error, not a crash (cwise_ops_common.h).
    internal static void CheckIntegerDivisor(KernelContext ctx)
    {
        var y = ctx.Input(1);
        bool zero = y.Data switch { int[] a => Array.IndexOf(a, 0) >= 0, long[] l => Array.IndexOf(l, 0L) >= 0, _ => false };
        if (zero) throw new InvalidArgumentError("Integer division by zero", ctx.Op);
    }
}

/// <summary>x − ⌊x / y⌋·y, the sign following y (Python's <c>%</c>).</summary>
internal sealed class FloorModOp() : BinaryOp("FloorMod", Numeric)
{
    public static readonly FloorModOp Instance = new();

    public override void Compute(KernelContext ctx)
    {
        FloorDivOp.CheckIntegerDivisor(ctx);
        BinaryKernel.Run<FloorModOperator<float>, FloorModOperator<double>, FloorModOperator<int>, FloorModOperator<long>>(ctx);
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        // TF parity: math_grad.py _FloorModGrad: dx = g, dy = -g * floor(x / y).
        Tensor x = op.inputs[0], y = op.inputs[1], g = grads[0]!;
        var floorXy = FloorDivOp.Instance.Build(x, y, null);
        return [BroadcastGradient.Reduce(g, x), BroadcastGradient.Reduce(NegOp.Instance.Build(g * floorXy, null), y)];
    }
}

internal readonly struct FloorDivOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b)
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(MathF.Floor(float.CreateTruncating(a) / float.CreateTruncating(b)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(Math.Floor(double.CreateTruncating(a) / double.CreateTruncating(b)));
        var q = a / b;
        return (a % b != T.Zero) && ((a < T.Zero) != (b < T.Zero)) ? q - T.One : q;
    }
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => throw new NotSupportedException();
    public static bool Vectorized => false;
}

internal readonly struct FloorModOperator<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T a, T b)
    {
        var r = a % b;
        return r != T.Zero && ((r < T.Zero) != (b < T.Zero)) ? r + b : r;
    }
    public static Vector256<T> Apply(Vector256<T> a, Vector256<T> b) => throw new NotSupportedException();
    public static bool Vectorized => false;
}
