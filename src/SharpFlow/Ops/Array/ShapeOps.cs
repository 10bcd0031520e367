namespace SharpFlow.Ops;

/// <summary>The shape of a tensor as a 1-D int tensor; known while building when the static shape is.</summary>
internal sealed class ShapeOp : OpDef, IConstantFoldable
{
    public static readonly ShapeOp Instance = new();
    public static readonly AttrKey<DType> OutType = new("out_type", DType.Int32);

    ShapeOp() : base("Shape", "input") { }

    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor x, DType outType, string? name) =>
        Instance.Create(name, "Shape", [x], AttrMap.Of(OutType.With(outType))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        var t = c.Get(OutType);
        if (t != DType.Int32 && t != DType.Int64) throw new TypeError($"Value passed to parameter 'out_type' has DataType {t} not in list of allowed values: int32, int64");
        return InferContext.One(t, new TensorShape(c.Shape(0).ndims ?? -1));
    }

    public NDArray? Fold(Tensor output)
    {
        var s = output.op.inputs[0].get_shape();
        if (!s.is_fully_defined()) return null;
        return ShapeUtil.Vector(s.Dims!).astype(output.dtype);
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var o = ctx.Output(0, ctx.Get(OutType), [x.ndim]);
        if (o.Data is long[] l) for (int i = 0; i < x.ndim; i++) l[i] = x.shape[i];
        else x.shape.CopyTo((int[])o.Data, 0);
    }
}

/// <summary>The number of elements of a tensor.</summary>
internal sealed class SizeOp : OpDef, IConstantFoldable
{
    public static readonly SizeOp Instance = new();

    SizeOp() : base("Size", "input") { }

    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor x, DType outType, string? name) =>
        Instance.Create(name, "Size", [x], AttrMap.Of(ShapeOp.OutType.With(outType))).outputs[0];

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.Get(ShapeOp.OutType), TensorShape.Scalar);

    public NDArray? Fold(Tensor output) =>
        output.op.inputs[0].get_shape().num_elements() is int n ? ((NDArray)n).astype(output.dtype) : null;

    public override void Compute(KernelContext ctx)
    {
        var o = ctx.Output(0, ctx.Get(ShapeOp.OutType), []);
        if (o.Data is long[] l) l[0] = ctx.Input(0).size;
        else ((int[])o.Data)[0] = ctx.Input(0).size;
    }
}

/// <summary>The number of dimensions of a tensor (an int32 scalar).</summary>
internal sealed class RankOp : OpDef, IConstantFoldable
{
    public static readonly RankOp Instance = new();

    RankOp() : base("Rank", "input") { }

    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor x, string? name) => Instance.Create(name, "Rank", [x]).outputs[0];

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(DType.Int32, TensorShape.Scalar);

    public NDArray? Fold(Tensor output) => output.op.inputs[0].get_shape().ndims is int r ? (NDArray)r : null;

    public override void Compute(KernelContext ctx) => ((int[])ctx.Output(0, DType.Int32, []).Data)[0] = ctx.Input(0).ndim;
}

/// <summary>
/// For shapes s0 and s1 that broadcast together, the output axes each input was broadcast along
/// (where its 1-padded size is 1): the axes its gradient must be summed over.
/// </summary>
internal sealed class BroadcastGradientArgsOp : OpDef, IConstantFoldable
{
    public static readonly BroadcastGradientArgsOp Instance = new();

    BroadcastGradientArgsOp() : base("BroadcastGradientArgs", "s0", "s1") { }

    public override int[] SameTypeInputs => [0, 1];
    public override bool IsDifferentiable => false;

    public static (Tensor r0, Tensor r1) Build(Tensor s0, Tensor s1, string? name = null)
    {
        var op = Instance.Create(name, "BroadcastGradientArgs", [s0, s1]);
        return (op.outputs[0], op.outputs[1]);
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 0);
        c.RequireRank(0, 1);
        c.RequireRank(1, 1);
        var v = new TensorShape(-1);
        return [new TensorSpec(c.DType(0), v), new TensorSpec(c.DType(0), v)];
    }

    public NDArray? Fold(Tensor output)
    {
        if (ConstantFolding.Value(output.op.inputs[0]) is not { } a || ConstantFolding.Value(output.op.inputs[1]) is not { } b) return null;
        var r = Reductions(ShapeUtil.Ints(a), ShapeUtil.Ints(b));
        if (r is null) return null;
        var v = output.value_index == 0 ? r.Value.r0 : r.Value.r1;
        return ShapeUtil.Vector(v).astype(output.dtype);
    }

    // TF parity: core/util/bcast.h: an axis is reduced for an input whose (1-padded) size there is 1.
    internal static (int[] r0, int[] r1)? Reductions(int[] s0, int[] s1)
    {
        int n = Math.Max(s0.Length, s1.Length);
        var r0 = new List<int>();
        var r1 = new List<int>();
        for (int k = 0; k < n; k++)
        {
            int a = k < n - s0.Length ? 1 : s0[k - (n - s0.Length)];
            int b = k < n - s1.Length ? 1 : s1[k - (n - s1.Length)];
            if (a != b && a != 1 && b != 1) return null;
            if (a == 1) r0.Add(k);
            if (b == 1) r1.Add(k);
        }
        return ([.. r0], [.. r1]);
    }

    public override void Compute(KernelContext ctx)
    {
        NDArray a = ctx.Input(0), b = ctx.Input(1);
        Span<int> s0 = stackalloc int[a.size];
        Span<int> s1 = stackalloc int[b.size];
        ShapeUtil.CopyInts(a, s0);
        ShapeUtil.CopyInts(b, s1);
        int n = Math.Max(s0.Length, s1.Length), c0 = 0, c1 = 0;
        Span<int> r0 = stackalloc int[n];
        Span<int> r1 = stackalloc int[n];
        for (int k = 0; k < n; k++)
        {
            int x = k < n - s0.Length ? 1 : s0[k - (n - s0.Length)];
            int y = k < n - s1.Length ? 1 : s1[k - (n - s1.Length)];
            if (x != y && x != 1 && y != 1)
                throw new InvalidArgumentError($"Incompatible shapes: {ShapeUtil.Brackets(s0)} vs. {ShapeUtil.Brackets(s1)}", ctx.Op);
            if (x == 1) r0[c0++] = k;
            if (y == 1) r1[c1++] = k;
        }
        Write(ctx.Output(0, a.dtype, [c0]), r0[..c0]);
        Write(ctx.Output(1, a.dtype, [c1]), r1[..c1]);
    }

    static void Write(NDArray o, ReadOnlySpan<int> values)
    {
        if (o.Data is long[] l) for (int i = 0; i < values.Length; i++) l[i] = values[i];
        else values.CopyTo((int[])o.Data);
    }
}
