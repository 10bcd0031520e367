using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>An activation that the plan may run in the same pass as the bias add before it.</summary>
internal interface IFusableActivation
{
    /// <summary>Applies the activation to <paramref name="length"/> elements of a float or double buffer, in place.</summary>
    void ApplyInPlace(NDArray buffer, int start, int length);
}

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
        var o = ctx.OutputInPlace(0, 0, x.dtype, x.shape);
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
        var o = ctx.OutputInPlace(0, 0, x.dtype, x.shape);
        switch (x.Data)
        {
            case float[]: Elementwise.Unary<float, TF>(x.AsSpan<float>(), o.AsSpan<float>()); break;
            case double[]: Elementwise.Unary<double, TD>(x.AsSpan<double>(), o.AsSpan<double>()); break;
            case int[]: Elementwise.Unary<int, TI>(x.AsSpan<int>(), o.AsSpan<int>()); break;
            case long[]: Elementwise.Unary<long, TL>(x.AsSpan<long>(), o.AsSpan<long>()); break;
            default: throw new InvalidArgumentError($"{ctx.Op.type} does not support dtype {x.dtype}", ctx.Op);
        }
    }

    /// <summary>The operator struct of the buffer's dtype over part of it, in place (for fused steps).</summary>
    protected static void ApplyInPlace<TF, TD>(NDArray buffer, int start, int length) where TF : IUnaryOp<float> where TD : IUnaryOp<double>
    {
        if (buffer.Data is float[])
        {
            var s = buffer.AsSpan<float>().Slice(start, length);
            Elementwise.Unary<float, TF>(s, s);
        }
        else
        {
            var s = buffer.AsSpan<double>().Slice(start, length);
            Elementwise.Unary<double, TD>(s, s);
        }
    }
}
