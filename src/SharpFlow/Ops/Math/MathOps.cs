namespace SharpFlow.Ops;

/// <summary>The math area of the op catalog: element-wise arithmetic, comparisons, logic, matmul.</summary>
internal static class MathOps
{
    public static readonly OpDef[] All =
    [
        AddOp.Instance, SubOp.Instance, MulOp.Instance, RealDivOp.Instance, FloorDivOp.Instance, FloorModOp.Instance,
        NegOp.Instance, CastOp.Instance, MatMulOp.Instance,
    ];
}
