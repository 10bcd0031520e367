namespace SharpFlow.Ops;

/// <summary>A mutable tensor whose value lives in the session.</summary>
internal sealed class VariableV2Op : OpDef
{
    public static readonly VariableV2Op Instance = new();
    public static readonly AttrKey<DType> DTypeAttr = new("dtype", DType.Float32);
    public static readonly AttrKey<TensorShape> ShapeAttr = new("shape", TensorShape.Unknown);

    VariableV2Op() : base("VariableV2") { }

    public override bool IsStateful => true;

    public override bool IsDifferentiable => false;

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.Get(DTypeAttr), c.Get(ShapeAttr));

    public override void Compute(KernelContext ctx)
    {
        // Uninitialised: no value; a reader reports it (KernelContext.Input), an Assign fills it.
        ctx.SetOutput(0, ctx.State.TryGetVariable(ctx.Op, out var value) ? value : null!);
    }
}

/// <summary>Whether a variable has a value in this session.</summary>
internal sealed class IsVariableInitializedOp : OpDef
{
    public static readonly IsVariableInitializedOp Instance = new();

    IsVariableInitializedOp() : base("IsVariableInitialized", "ref") { }

    public override int[] RefInputs => [0];

    public override bool IsDifferentiable => false;

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(DType.Bool, TensorShape.Scalar);

    public override void Compute(KernelContext ctx) =>
        ctx.Output(0, DType.Bool, []).AsSpan<bool>()[0] = ctx.State.TryGetVariable(ctx.Op.inputs[0].op, out _);
}
