using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>A tensor of shape <c>dims</c> whose every element is the scalar <c>value</c>.</summary>
internal sealed class FillOp : OpDef, IConstantFoldable
{
    public static readonly FillOp Instance = new();

    FillOp() : base("Fill", "dims", "value") { }

    public static Tensor Build(Tensor dims, Tensor value, string? name) => Instance.Create(name, "Fill", [dims, value]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 0);
        c.RequireRank(0, 1);
        c.RequireRank(1, 0);
        if (ShapeUtil.ConstInts(c, 0) is { } dims && dims.Any(d => d < 0))
            throw ShapeUtil.Error(c, "Fill dimensions must be >= 0", [0]);
        return InferContext.One(c.DType(1), ShapeUtil.PartialShape(c.Input(0)));
    }

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    // TF parity: python/ops/array_grad.py, _FillGrad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [null, tf.reduce_sum(grads[0]!)];

    public override void Compute(KernelContext ctx)
    {
        var dimsArr = ctx.Input(0);
        var value = ctx.Input(1);
        if (dimsArr.ndim != 1) throw new InvalidArgumentError($"dims must be a vector, got shape {ShapeUtil.Brackets(dimsArr.shape)}", ctx.Op);
        if (value.ndim != 0) throw new InvalidArgumentError($"value must be a scalar, got shape {ShapeUtil.Brackets(value.shape)}", ctx.Op);
        Span<int> dims = stackalloc int[dimsArr.size];
        ShapeUtil.CopyInts(dimsArr, dims);
        foreach (var d in dims)
            if (d < 0) throw new InvalidArgumentError($"Dimension {d} must be >= 0", ctx.Op);
        var o = ctx.Output(0, value.dtype, dims);
        var k = new FillKernel(value, o);
        Raw.BySize(value.dtype.size, ref k);
    }
}

/// <summary>Writes the single element of <c>value</c> into every element of <c>o</c>.</summary>
internal readonly struct FillKernel(NDArray value, NDArray o) : ISizedKernel
{
    public void Run<T>() where T : unmanaged => Raw.As<T>(o).Fill(Raw.As<T>(value)[0]);
}

/// <summary>Zeros (or ones) shaped and typed like the input.</summary>
internal sealed class FilledLikeOp : OpDef, IConstantFoldable
{
    public static readonly FilledLikeOp Zeros = new("ZerosLike", 0);
    public static readonly FilledLikeOp Ones = new("OnesLike", 1);

    readonly int _value;

    FilledLikeOp(string type, int value) : base(type, "x") => _value = value;

    public override bool IsDifferentiable => false;

    public Tensor Build(Tensor x, string? name) => Create(name, Type, [x]).outputs[0];

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.DType(0), c.Shape(0));

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var o = ctx.OutputLike(0, x);
        switch (o.Data)
        {
            case float[] f: f.AsSpan().Fill(_value); break;
            case double[] d: d.AsSpan().Fill(_value); break;
            case int[] i: i.AsSpan().Fill(_value); break;
            case long[] l: l.AsSpan().Fill(_value); break;
            case bool[] b: b.AsSpan().Fill(_value != 0); break;
        }
    }
}
