using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Broadcasting comparisons: one dtype for both inputs, a bool output, no gradient.</summary>
internal abstract class ComparisonOp(string type, DType[] allowed) : BinaryOp(type, allowed)
{
    protected static readonly DType[] All = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool];

    public override bool IsDifferentiable => false;

    protected override DType OutputType(DType input) => DType.Bool;
}

/// <summary>x == y.</summary>
internal sealed class EqualOp() : ComparisonOp("Equal", All)
{
    public static readonly EqualOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        PredicateKernel.RunWithBool<EqualPredicate<float>, EqualPredicate<double>, EqualPredicate<int>, EqualPredicate<long>, BoolEqualPredicate>(ctx);
}

/// <summary>x != y.</summary>
internal sealed class NotEqualOp() : ComparisonOp("NotEqual", All)
{
    public static readonly NotEqualOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        PredicateKernel.RunWithBool<NotEqualPredicate<float>, NotEqualPredicate<double>, NotEqualPredicate<int>, NotEqualPredicate<long>, BoolNotEqualPredicate>(ctx);
}

/// <summary>x &lt; y.</summary>
internal sealed class LessOp() : ComparisonOp("Less", Numeric)
{
    public static readonly LessOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        PredicateKernel.Run<LessPredicate<float>, LessPredicate<double>, LessPredicate<int>, LessPredicate<long>>(ctx);
}

/// <summary>x &lt;= y.</summary>
internal sealed class LessEqualOp() : ComparisonOp("LessEqual", Numeric)
{
    public static readonly LessEqualOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        PredicateKernel.Run<LessEqualPredicate<float>, LessEqualPredicate<double>, LessEqualPredicate<int>, LessEqualPredicate<long>>(ctx);
}

/// <summary>x &gt; y.</summary>
internal sealed class GreaterOp() : ComparisonOp("Greater", Numeric)
{
    public static readonly GreaterOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        PredicateKernel.Run<GreaterPredicate<float>, GreaterPredicate<double>, GreaterPredicate<int>, GreaterPredicate<long>>(ctx);
}

/// <summary>x &gt;= y.</summary>
internal sealed class GreaterEqualOp() : ComparisonOp("GreaterEqual", Numeric)
{
    public static readonly GreaterEqualOp Instance = new();
    public override void Compute(KernelContext ctx) =>
        PredicateKernel.Run<GreaterEqualPredicate<float>, GreaterEqualPredicate<double>, GreaterEqualPredicate<int>, GreaterEqualPredicate<long>>(ctx);
}

/// <summary>Binary logical connectives on bool tensors, with broadcasting.</summary>
internal abstract class LogicalBinaryOp(string type) : ComparisonOp(type, [DType.Bool])
{
    // TF parity: op_def_library.py wording for an input of a fixed type.
    public override TensorSpec[] Infer(InferContext c)
    {
        for (int i = 0; i < 2; i++)
            if (c.DType(i) != DType.Bool)
                throw new TypeError($"Input '{InputNames[i]}' of '{Type}' Op has type {c.DType(i)} that does not match expected type of bool.");
        return base.Infer(c);
    }
}

/// <summary>x ∧ y.</summary>
internal sealed class LogicalAndOp() : LogicalBinaryOp("LogicalAnd")
{
    public static readonly LogicalAndOp Instance = new();
    public override int[] SameTypeInputs => [];
    public override void Compute(KernelContext ctx) => LogicalKernel<LogicalAndPredicate>(ctx);

    internal static void LogicalKernel<TOp>(KernelContext ctx) where TOp : IPredicate<bool>
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        var shape = BinaryKernel.OutputShape(ctx, a, b);
        var o = ctx.Output(0, DType.Bool, shape);
        PredicateKernel.Map<bool, TOp>(a.AsSpan<bool>(), a.shape, b.AsSpan<bool>(), b.shape, o.AsSpan<bool>(), shape);
    }
}

/// <summary>x ∨ y.</summary>
internal sealed class LogicalOrOp() : LogicalBinaryOp("LogicalOr")
{
    public static readonly LogicalOrOp Instance = new();
    public override int[] SameTypeInputs => [];
    public override void Compute(KernelContext ctx) => LogicalAndOp.LogicalKernel<LogicalOrPredicate>(ctx);
}

/// <summary>¬x.</summary>
internal sealed class LogicalNotOp : OpDef
{
    public static readonly LogicalNotOp Instance = new();

    LogicalNotOp() : base("LogicalNot", "x") { }

    public override bool IsDifferentiable => false;

    public Tensor Build(Tensor x, string? name) => Create(name, Type, [x]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        if (c.DType(0) != DType.Bool)
            throw new TypeError($"Input 'x' of 'LogicalNot' Op has type {c.DType(0)} that does not match expected type of bool.");
        return InferContext.One(DType.Bool, c.Shape(0));
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var src = x.AsSpan<bool>();
        var dst = ctx.OutputLike(0, x).AsSpan<bool>();
        for (int i = 0; i < src.Length; i++) dst[i] = !src[i];
    }
}
