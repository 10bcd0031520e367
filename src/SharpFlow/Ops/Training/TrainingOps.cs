namespace SharpFlow.Ops;

/// <summary>The training area of the op catalog: optimizer apply ops and gradient helpers.</summary>
internal static class TrainingOps
{
    public static readonly OpDef[] All =
    [
        ApplyGradientDescentOp.Instance, ApplyMomentumOp.Instance, ApplyAdagradOp.Instance,
        ApplyAdamOp.Instance, ApplyRMSPropOp.Instance, ApplyCenteredRMSPropOp.Instance,
        StopGradientOp.Instance, FloorOp.Instance, CeilOp.Instance,
    ];
}
