using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Shared contract of the broadcasting binary ops: one dtype for both inputs, NumPy broadcasting.</summary>
internal abstract class BinaryOp(string type, DType[] allowed) : OpDef(type, "x", "y")
{
    protected static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];
    protected static readonly DType[] Floating = [DType.Float32, DType.Float64];

    public override int[] SameTypeInputs => [0, 1];

    /// <summary>Dtype of the output (the inputs' dtype unless overridden, e.g. bool for comparisons).</summary>
    protected virtual DType OutputType(DType input) => input;

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, allowed);
        var shape = Broadcast.StaticShape(c.Shape(0), c.Shape(1), out var conflict)
            ?? throw c.Error($"Dimensions must be equal, but are {conflict.Item1} and {conflict.Item2}");
        return InferContext.One(OutputType(c.DType(0)), shape);
    }

    /// <summary>Builds the op: <paramref name="defaultName"/> is TensorFlow's Python-level name (<c>add</c> for <c>+</c>).</summary>
    public Tensor Build(Tensor x, Tensor y, string? name, string? defaultName = null) =>
        Create(name, defaultName ?? Type, [x, y]).outputs[0];
}

/// <summary>Element-wise sum with broadcasting.</summary>
internal sealed class AddOp() : BinaryOp("Add", Numeric)
{
    public static readonly AddOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<AddOperator<float>, AddOperator<double>, AddOperator<int>, AddOperator<long>>(ctx);
}

/// <summary>Element-wise difference with broadcasting.</summary>
internal sealed class SubOp() : BinaryOp("Sub", Numeric)
{
    public static readonly SubOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<SubOperator<float>, SubOperator<double>, SubOperator<int>, SubOperator<long>>(ctx);
}

/// <summary>Element-wise product with broadcasting.</summary>
internal sealed class MulOp() : BinaryOp("Mul", Numeric)
{
    public static readonly MulOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<MulOperator<float>, MulOperator<double>, MulOperator<int>, MulOperator<long>>(ctx);
}

/// <summary>Element-wise real division (floating types).</summary>
internal sealed class RealDivOp() : BinaryOp("RealDiv", Floating)
{
    public static readonly RealDivOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        BinaryKernel.Run<DivOperator<float>, DivOperator<double>, DivOperator<int>, DivOperator<long>>(ctx);
}
