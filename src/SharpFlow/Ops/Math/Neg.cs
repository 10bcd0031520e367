using System.Numerics;
using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>−x.</summary>
internal sealed class NegOp() : UnaryOp("Neg", Numeric)
{
    public static readonly NegOp Instance = new();

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [Instance.Build(grads[0]!, null)];

    public override void Compute(KernelContext ctx) =>
        Run<NegOperator<float>, NegOperator<double>, NegOperator<int>, NegOperator<long>>(ctx);
}

/// <summary>−x.</summary>
internal readonly struct NegOperator<T> : IUnaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => -x;
    public static Vector256<T> Apply(Vector256<T> x) => -x;
}
