using System.Numerics;
using System.Numerics.Tensors;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Shared contract of Sum, Mean, Max, Min and Prod: reduce <c>input</c> over <c>reduction_indices</c>.</summary>
internal abstract class ReductionOp(string type) : OpDef(type, "input", "reduction_indices"), IConstantFoldable
{
    public static readonly AttrKey<bool> KeepDims = new("keep_dims", false);

    public Tensor Build(Tensor x, Tensor axes, bool keepDims, string? name) =>
        Create(name, Type, [x, axes], AttrMap.Of(KeepDims.With(keepDims))).outputs[0];

    // TF parity: core/framework/common_shape_fns.cc, ReductionShape.
    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        ShapeUtil.RequireIndex(c, 1);
        ShapeUtil.RequireRankAtMost(c, 1, 1);
        bool keep = c.Get(KeepDims);
        var input = c.Shape(0);
        var axes = ShapeUtil.ConstInts(c, 1);
        if (axes is null || input.Dims is not { } dims)
            return InferContext.One(c.DType(0), keep && input.ndims is int r ? TensorShape.UnknownOfRank(r) : TensorShape.Unknown);
        var reduced = new bool[dims.Length];
        foreach (var a in axes)
        {
            if (a < -dims.Length || a >= dims.Length)
                throw ShapeUtil.Error(c, $"Invalid reduction dimension {a} for input with {dims.Length} dimensions.", [1]);
            reduced[a < 0 ? a + dims.Length : a] = true;
        }
        var outDims = new List<int>();
        for (int i = 0; i < dims.Length; i++)
            if (!reduced[i]) outDims.Add(dims[i]);
            else if (keep) outDims.Add(1);
        return InferContext.One(c.DType(0), new TensorShape([.. outDims]));
    }

    public NDArray? Fold(Tensor output) => output.dtype.is_integer ? KernelFolding.Fold(output) : null;

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var axesArr = ctx.Input(1);
        int rank = x.ndim;
        Span<bool> reduced = stackalloc bool[rank];
        reduced.Clear();
        for (int i = 0; i < axesArr.size; i++)
        {
            int a = ShapeUtil.IntAt(axesArr, i);
            if (a < -rank || a >= rank)
                throw new InvalidArgumentError($"Invalid reduction dimension ({a} for input with {rank} dimension(s)", ctx.Op);
            int k = a < 0 ? a + rank : a;
            if (reduced[k])
                throw new InvalidArgumentError($"Invalid reduction arguments: Axes contains duplicate dimension: {k}", ctx.Op);
            reduced[k] = true;
        }
        bool keep = ctx.Get(KeepDims);
        int outRank = 0;
        for (int i = 0; i < rank; i++) if (keep || !reduced[i]) outRank++;
        Span<int> shape = stackalloc int[outRank];
        bool any = false;
        for (int i = 0, k = 0; i < rank; i++)
        {
            if (!reduced[i]) shape[k++] = x.shape[i];
            else if (keep) shape[k++] = 1;
            any |= reduced[i] && x.shape[i] != 1;
        }
        if (!any && AliasWhenNothingReduced)
        {
            // Only size-1 axes reduced: the elements are the input's (TF parity: reduction_ops_common.h shares the buffer).
            ctx.SetOutput(0, ShapeUtil.Alias(ctx, x, shape));
            return;
        }
        var o = ctx.Output(0, x.dtype, shape);
        switch (x.Data)
        {
            case float[]: Reduce<float>(x.AsSpan<float>(), x.shape, reduced, o.AsSpan<float>()); break;
            case double[]: Reduce<double>(x.AsSpan<double>(), x.shape, reduced, o.AsSpan<double>()); break;
            case int[]: Reduce<int>(x.AsSpan<int>(), x.shape, reduced, o.AsSpan<int>()); break;
            case long[]: Reduce<long>(x.AsSpan<long>(), x.shape, reduced, o.AsSpan<long>()); break;
            default: throw new InvalidArgumentError($"{Type} does not support dtype {x.dtype}", ctx.Op);
        }
    }

    /// <summary>Whether a reduction over size-1 axes only passes the input's elements on unchanged (Mean divides them by 1).</summary>
    protected virtual bool AliasWhenNothingReduced => true;

    /// <summary>Runs the reduction kernel of this op for one element type.</summary>
    protected abstract void Reduce<T>(ReadOnlySpan<T> x, int[] shape, ReadOnlySpan<bool> reduced, Span<T> o) where T : unmanaged, INumber<T>;
}

/// <summary>Σ over the reduced axes.</summary>
internal sealed class SumOp() : ReductionOp("Sum")
{
    public static readonly SumOp Instance = new();
    protected override void Reduce<T>(ReadOnlySpan<T> x, int[] shape, ReadOnlySpan<bool> reduced, Span<T> o) =>
        ReduceKernel.Run<T, SumReducer<T>>(x, shape, reduced, o);
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReductionGrad.Sum(op, grads[0]!), null];
}

/// <summary>Arithmetic mean over the reduced axes (integer division for integer types).</summary>
internal sealed class MeanOp() : ReductionOp("Mean")
{
    public static readonly MeanOp Instance = new();
    protected override bool AliasWhenNothingReduced => false;
    protected override void Reduce<T>(ReadOnlySpan<T> x, int[] shape, ReadOnlySpan<bool> reduced, Span<T> o)
    {
        ReduceKernel.Run<T, SumReducer<T>>(x, shape, reduced, o);
        int count = o.Length == 0 ? 0 : x.Length / o.Length;
        if (count == 0 && T.IsZero(T.CreateTruncating(0.5))) return;   // integer 0/0 would trap; floats give NaN as TF's do
        TensorPrimitives.Divide(o, T.CreateChecked(count), o);
    }
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReductionGrad.Mean(op, grads[0]!), null];
}

/// <summary>Maximum over the reduced axes.</summary>
internal sealed class MaxOp() : ReductionOp("Max")
{
    public static readonly MaxOp Instance = new();
    protected override void Reduce<T>(ReadOnlySpan<T> x, int[] shape, ReadOnlySpan<bool> reduced, Span<T> o) =>
        ReduceKernel.Run<T, MaxReducer<T>>(x, shape, reduced, o);
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReductionGrad.MinOrMax(op, grads[0]!), null];
}

/// <summary>Minimum over the reduced axes.</summary>
internal sealed class MinOp() : ReductionOp("Min")
{
    public static readonly MinOp Instance = new();
    protected override void Reduce<T>(ReadOnlySpan<T> x, int[] shape, ReadOnlySpan<bool> reduced, Span<T> o) =>
        ReduceKernel.Run<T, MinReducer<T>>(x, shape, reduced, o);
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReductionGrad.MinOrMax(op, grads[0]!), null];
}

/// <summary>Product over the reduced axes.</summary>
internal sealed class ProdOp() : ReductionOp("Prod")
{
    public static readonly ProdOp Instance = new();
    protected override void Reduce<T>(ReadOnlySpan<T> x, int[] shape, ReadOnlySpan<bool> reduced, Span<T> o) =>
        ReduceKernel.Run<T, ProdReducer<T>>(x, shape, reduced, o);
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [ReductionGrad.Prod(op, grads[0]!), null];
}

/// <summary>Index of the largest (ArgMax) or smallest (ArgMin) value along one axis.</summary>
internal sealed class ArgExtremeOp : OpDef
{
    public static readonly ArgExtremeOp ArgMax = new("ArgMax", true);
    public static readonly ArgExtremeOp ArgMin = new("ArgMin", false);
    public static readonly AttrKey<DType> OutputType = new("output_type", DType.Int64);

    readonly bool _max;

    ArgExtremeOp(string type, bool max) : base(type, "input", "dimension") => _max = max;

    public override bool IsDifferentiable => false;

    public Tensor Build(Tensor x, Tensor axis, DType outputType, string? name) =>
        Create(name, Type, [x, axis], AttrMap.Of(OutputType.With(outputType))).outputs[0];

    // TF parity: core/ops/math_ops.cc, ArgOpShape.
    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        ShapeUtil.RequireIndex(c, 1);
        c.RequireRank(1, 0);
        var outType = c.Get(OutputType);
        if (outType != DType.Int32 && outType != DType.Int64)
            throw new TypeError($"Value passed to parameter 'output_type' has DataType {outType} not in list of allowed values: int32, int64");
        if (c.Shape(0).Dims is not { } dims) return InferContext.One(outType, TensorShape.Unknown);
        if (dims.Length <= 1) return InferContext.One(outType, TensorShape.Scalar);
        if (ShapeUtil.ConstInts(c, 1) is not [var d]) return InferContext.One(outType, TensorShape.UnknownOfRank(dims.Length - 1));
        int rank = dims.Length;
        if (d < -rank || d >= rank)
            throw ShapeUtil.Error(c, $"Dimension ({d}) must be in the range [{-rank}, {rank}), where {rank} is the number of dimensions in the input.", [1]);
        int k = d < 0 ? d + rank : d;
        return InferContext.One(outType, new TensorShape([.. dims[..k], .. dims[(k + 1)..]]));
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        int d = ShapeUtil.IntAt(ctx.Input(1), 0), rank = x.ndim;
        int axis = d < 0 ? d + rank : d;
        if (axis < 0 || axis >= rank)
            throw new InvalidArgumentError($"Expected dimension in the range [{-rank}, {rank}), but got {d}", ctx.Op);
        if (x.shape[axis] == 0)
            throw new InvalidArgumentError($"Reduction axis {d} is empty in shape {ShapeUtil.Brackets(x.shape)}", ctx.Op);
        Span<int> shape = stackalloc int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) if (i != axis) shape[k++] = x.shape[i];
        var o = ctx.Output(0, ctx.Get(OutputType), shape);
        int outer = Raw.Prod(x.shape, 0, axis), n = x.shape[axis], inner = Raw.Prod(x.shape, axis + 1, rank);
        if (o.Data is long[]) Run<long>(x, outer, n, inner, o);
        else Run<int>(x, outer, n, inner, o);
    }

    void Run<TI>(NDArray x, int outer, int n, int inner, NDArray o) where TI : unmanaged, IBinaryInteger<TI>
    {
        var dst = o.AsSpan<TI>();
        switch (x.Data)
        {
            case float[]: ReduceKernel.ArgExtreme(x.AsSpan<float>(), outer, n, inner, dst, _max); break;
            case double[]: ReduceKernel.ArgExtreme(x.AsSpan<double>(), outer, n, inner, dst, _max); break;
            case int[]: ReduceKernel.ArgExtreme(x.AsSpan<int>(), outer, n, inner, dst, _max); break;
            case long[]: ReduceKernel.ArgExtreme(x.AsSpan<long>(), outer, n, inner, dst, _max); break;
        }
    }
}
