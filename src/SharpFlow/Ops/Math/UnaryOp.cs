using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Shared contract of element-wise unary ops: output has the input's dtype and shape.</summary>
internal abstract class UnaryOp(string type, DType[] allowed) : OpDef(type, "x")
{
    protected static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];
    protected static readonly DType[] Floating = [DType.Float32, DType.Float64];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, allowed);
        return InferContext.One(c.DType(0), c.Shape(0));
    }

    public Tensor Build(Tensor x, string? name, string? defaultName = null) => Create(name, defaultName ?? Type, [x]).outputs[0];

    /// <summary>Runs the operator struct matching the input's dtype.</summary>
    protected static void Run<TF, TD>(KernelContext ctx) where TF : IUnaryOp<float> where TD : IUnaryOp<double>
    {
        var x = ctx.Input(0);
        var o = ctx.OutputLike(0, x);
        switch (x.Data)
        {
            case float[]: Elementwise.Unary<float, TF>(x.AsSpan<float>(), o.AsSpan<float>()); break;
            case double[]: Elementwise.Unary<double, TD>(x.AsSpan<double>(), o.AsSpan<double>()); break;
            default: throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {x.dtype}", ctx.Op);
        }
    }

    /// <summary>Runs the operator struct matching the input's dtype, integers included.</summary>
    protected static void Run<TF, TD, TI, TL>(KernelContext ctx)
        where TF : IUnaryOp<float> where TD : IUnaryOp<double> where TI : IUnaryOp<int> where TL : IUnaryOp<long>
    {
        var x = ctx.Input(0);
        var o = ctx.OutputLike(0, x);
        switch (x.Data)
        {
            case float[]: Elementwise.Unary<float, TF>(x.AsSpan<float>(), o.AsSpan<float>()); break;
            case double[]: Elementwise.Unary<double, TD>(x.AsSpan<double>(), o.AsSpan<double>()); break;
            case int[]: Elementwise.Unary<int, TI>(x.AsSpan<int>(), o.AsSpan<int>()); break;
            case long[]: Elementwise.Unary<long, TL>(x.AsSpan<long>(), o.AsSpan<long>()); break;
            default: throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {x.dtype}", ctx.Op);
        }
    }
}
