namespace SharpFlow.Ops;

/// <summary>The math area of the op catalog: element-wise arithmetic, comparisons, logic, matmul.</summary>
internal static class MathOps
{
    public static readonly OpDef[] All =
    [
        AddOp.Instance, SubOp.Instance, MulOp.Instance, RealDivOp.Instance, FloorDivOp.Instance, FloorModOp.Instance,
        NegOp.Instance, CastOp.Instance, MatMulOp.Instance,
        SquareOp.Instance, SqrtOp.Instance, RsqrtOp.Instance, ReciprocalOp.Instance, ExpOp.Instance, LogOp.Instance,
        Log1pOp.Instance, AbsOp.Instance, SignOp.Instance, SigmoidOp.Instance, TanhOp.Instance,
        SqrtGradOp.Instance, RsqrtGradOp.Instance, ReciprocalGradOp.Instance, SigmoidGradOp.Instance, TanhGradOp.Instance,
        MaximumOp.Instance, MinimumOp.Instance, SquaredDifferenceOp.Instance, PowOp.Instance, AddNOp.Instance,
        EqualOp.Instance, NotEqualOp.Instance, LessOp.Instance, LessEqualOp.Instance, GreaterOp.Instance, GreaterEqualOp.Instance,
        LogicalAndOp.Instance, LogicalOrOp.Instance, LogicalNotOp.Instance, SelectOp.Instance, WhereOp.Instance,
    ];
}
