using System.Numerics;
using System.Numerics.Tensors;

namespace SharpFlow.Ops;

/// <summary>Adds a 1-D bias along the channel axis (last for NHWC, second for NCHW).</summary>
internal sealed class BiasAddOp : OpDef
{
    public static readonly BiasAddOp Instance = new();
    public static readonly AttrKey<string> DataFormat = new("data_format", "NHWC");

    BiasAddOp() : base("BiasAdd", "value", "bias") { }

    public override int[] SameTypeInputs => [0, 1];

    public static Tensor Build(Tensor value, Tensor bias, string dataFormat, string? name) =>
        Instance.Create(name, "BiasAdd", [value, bias], AttrMap.Of(DataFormat.With(dataFormat))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        // TF parity: core/framework/common_shape_fns.cc, BiasAddShape.
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        c.RequireRank(1, 1);
        var shape = c.Shape(0);
        if (shape.Dims is not { } dims) return InferContext.One(c.DType(0), shape);
        if (dims.Length < 2) throw c.Error($"Shape must be at least rank 2 but is rank {dims.Length}");
        int axis = BiasAxis(c.Get(DataFormat), dims.Length);
        int bias = c.Shape(1).Dims is { } b ? b[0] : -1;
        c.RequireEqualDims(dims[axis], bias);
        var merged = (int[])dims.Clone();
        if (merged[axis] < 0) merged[axis] = bias;
        return InferContext.One(c.DType(0), new TensorShape(merged));
    }

    internal static int BiasAxis(string format, int rank) => format == "NCHW" ? 1 : rank - 1;

    // TF parity: python/ops/nn_grad.py, _BiasAddGrad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [grads[0], BiasAddGradOp.Build(grads[0]!, op.Get(DataFormat), null)];

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var bias = ctx.Input(1);
        int axis = BiasAxis(ctx.Get(DataFormat), x.ndim);
        if (x.ndim < 2 || bias.ndim != 1 || bias.shape[0] != x.shape[axis])
            throw new InvalidArgumentError($"Must provide as many biases as the last dimension of the input tensor: [{string.Join(",", bias.shape)}] vs. [{string.Join(",", x.shape)}]", ctx.Op);
        var o = ctx.OutputLike(0, x);
        int inner = 1;
        for (int i = axis + 1; i < x.ndim; i++) inner *= x.shape[i];
        switch (x.Data)
        {
            case float[]: Run(x.AsSpan<float>(), bias.AsSpan<float>(), inner, o.AsSpan<float>()); break;
            case double[]: Run(x.AsSpan<double>(), bias.AsSpan<double>(), inner, o.AsSpan<double>()); break;
            case int[]: Run(x.AsSpan<int>(), bias.AsSpan<int>(), inner, o.AsSpan<int>()); break;
            case long[]: Run(x.AsSpan<long>(), bias.AsSpan<long>(), inner, o.AsSpan<long>()); break;
        }
    }

    static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> bias, int inner, Span<T> o) where T : unmanaged, INumber<T>
    {
        int c = bias.Length;
        if (inner == 1)
        {
            for (int r = 0; r < x.Length; r += c) TensorPrimitives.Add(x.Slice(r, c), bias, o.Slice(r, c));
            return;
        }
        for (int start = 0, k = 0; start < x.Length; start += inner, k = (k + 1) % c)
            TensorPrimitives.Add(x.Slice(start, inner), bias[k], o.Slice(start, inner));
    }
}

/// <summary>The bias gradient of <see cref="BiasAddOp"/>: the sum over every axis but the channel axis.</summary>
internal sealed class BiasAddGradOp : OpDef
{
    public static readonly BiasAddGradOp Instance = new();

    BiasAddGradOp() : base("BiasAddGrad", "out_backprop") { }

    public static Tensor Build(Tensor grad, string dataFormat, string? name) =>
        Instance.Create(name, "BiasAddGrad", [grad], AttrMap.Of(BiasAddOp.DataFormat.With(dataFormat))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        var shape = c.Shape(0);
        if (shape.Dims is not { } dims) return InferContext.One(c.DType(0), TensorShape.UnknownOfRank(1));
        if (dims.Length < 2) throw c.Error($"Shape must be at least rank 2 but is rank {dims.Length}");
        return InferContext.One(c.DType(0), new TensorShape(dims[BiasAddOp.BiasAxis(c.Get(BiasAddOp.DataFormat), dims.Length)]));
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        // TF parity: nn_grad.py, _BiasAddGradGrad tiles the bias gradient back over the input's shape.
        var g = grads[0]!;
        var input = op.inputs[0];
        if (op.Get(BiasAddOp.DataFormat) != "NCHW") return [tf.ones_like(input) * g];
        var rank = input.get_shape().ndims ?? throw new ValueError("BiasAddGrad's gradient needs the input rank for NCHW.");
        var shape = new int[rank - 1];
        Array.Fill(shape, 1);
        shape[0] = -1;
        return [tf.ones_like(input) * tf.reshape(g, shape)];
    }

    public override void Compute(KernelContext ctx)
    {
        var g = ctx.Input(0);
        if (g.ndim < 2)
            throw new InvalidArgumentError($"Input tensor must be at least 2D: [{string.Join(",", g.shape)}]", ctx.Op);
        int axis = BiasAddOp.BiasAxis(ctx.Get(BiasAddOp.DataFormat), g.ndim);
        int c = g.shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < g.ndim; i++) inner *= g.shape[i];
        var o = ctx.Output(0, g.dtype, [c]);
        switch (g.Data)
        {
            case float[]: Run(g.AsSpan<float>(), c, inner, o.AsSpan<float>()); break;
            case double[]: Run(g.AsSpan<double>(), c, inner, o.AsSpan<double>()); break;
            case int[]: Run(g.AsSpan<int>(), c, inner, o.AsSpan<int>()); break;
            case long[]: Run(g.AsSpan<long>(), c, inner, o.AsSpan<long>()); break;
        }
    }

    static void Run<T>(ReadOnlySpan<T> g, int c, int inner, Span<T> o) where T : unmanaged, INumber<T>
    {
        o.Clear();
        if (inner == 1)
        {
            for (int r = 0; r < g.Length; r += c) TensorPrimitives.Add(o, g.Slice(r, c), o);
            return;
        }
        for (int start = 0, k = 0; start < g.Length; start += inner, k = (k + 1) % c)
            o[k] += TensorPrimitives.Sum(g.Slice(start, inner));
    }
}
