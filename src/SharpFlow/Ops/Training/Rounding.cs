using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

// Floor and Ceil live with the training ops because dropout (⌊keep_prob + U⌋) and the staircase and
// cycling learning-rate schedules are what need them.

/// <summary>⌊x⌋ element-wise.</summary>
internal sealed class FloorOp() : UnaryOp("Floor", Floating)
{
    public static readonly FloorOp Instance = new();

    // TF parity: math_grad.py _FloorGrad returns None; a piecewise-constant function passes no gradient.
    public override bool IsDifferentiable => false;

    public override void Compute(KernelContext ctx) => Run<FloorOperator, FloorOperator>(ctx);
}

/// <summary>⌈x⌉ element-wise.</summary>
internal sealed class CeilOp() : UnaryOp("Ceil", Floating)
{
    public static readonly CeilOp Instance = new();

    // TF parity: math_grad.py _CeilGrad returns None.
    public override bool IsDifferentiable => false;

    public override void Compute(KernelContext ctx) => Run<CeilOperator, CeilOperator>(ctx);
}

/// <summary>⌊x⌋ (exact in both forms).</summary>
internal readonly struct FloorOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => MathF.Floor(x);
    public static Vector256<float> Apply(Vector256<float> x) => Vector256.Floor(x);
    public static double Apply(double x) => Math.Floor(x);
    public static Vector256<double> Apply(Vector256<double> x) => Vector256.Floor(x);
}

/// <summary>⌈x⌉ (exact in both forms).</summary>
internal readonly struct CeilOperator : IUnaryOp<float>, IUnaryOp<double>
{
    public static float Apply(float x) => MathF.Ceiling(x);
    public static Vector256<float> Apply(Vector256<float> x) => Vector256.Ceiling(x);
    public static double Apply(double x) => Math.Ceiling(x);
    public static Vector256<double> Apply(Vector256<double> x) => Vector256.Ceiling(x);
}
