using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>
/// One-hot encoding: a new axis of size <c>depth</c> holding <c>on_value</c> at each index and
/// <c>off_value</c> elsewhere; indices outside [0, depth) give a row of <c>off_value</c>.
/// </summary>
internal sealed class OneHotOp : OpDef, IConstantFoldable
{
    public static readonly OneHotOp Instance = new();
    public static readonly AttrKey<int> Axis = new("axis", -1);

    OneHotOp() : base("OneHot", "indices", "depth", "on_value", "off_value") { }

    public override int[] SameTypeInputs => [2, 3];
    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor indices, Tensor depth, Tensor on, Tensor off, int axis, string? name) =>
        Instance.Create(name, "OneHot", [indices, depth, on, off], AttrMap.Of(Axis.With(axis))).outputs[0];

    // TF parity: core/ops/array_ops.cc, OneHot shape function.
    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 0);
        c.RequireType(1, DType.Int32);
        int axis = c.Get(Axis);
        if (axis < -1) throw c.Error("axis must be >= -1");
        c.RequireRank(1, 0);
        int depth = -1;
        if (ShapeUtil.ConstInts(c, 1) is [var d])
        {
            if (d < 0) throw ShapeUtil.Error(c, $"Dimension size, given by scalar input 1, must be non-negative but is {d}", [1]);
            depth = d;
        }
        if (c.Shape(0).Dims is not { } dims) return InferContext.One(c.DType(2), TensorShape.Unknown);
        int k = (axis + dims.Length + 1) % (dims.Length + 1);
        return InferContext.One(c.DType(2), new TensorShape([.. dims[..k], depth, .. dims[k..]]));
    }

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    public override void Compute(KernelContext ctx)
    {
        var indices = ctx.Input(0);
        int depth = ShapeUtil.IntAt(ctx.Input(1), 0);
        var on = ctx.Input(2);
        var off = ctx.Input(3);
        int rank = indices.ndim, axis = ctx.Get(Axis);
        if (axis != -1 && (axis < 0 || axis > rank))
            throw new InvalidArgumentError($"Expected axis to be -1 or between [0, {rank + 1}).  But received: {axis}", ctx.Op);
        if (depth < 0) throw new InvalidArgumentError($"depth must be non-negative, got: {depth}", ctx.Op);
        if (on.ndim != 0) throw new InvalidArgumentError($"on_value must be a scalar, but got: {ShapeUtil.Brackets(on.shape)}", ctx.Op);
        if (off.ndim != 0) throw new InvalidArgumentError($"off_value must be a scalar, but got: {ShapeUtil.Brackets(off.shape)}", ctx.Op);
        int k = axis == -1 ? rank : axis;
        Span<int> shape = stackalloc int[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++) shape[i] = i == k ? depth : indices.shape[j++];
        var o = ctx.Output(0, on.dtype, shape);
        var kernel = new Kernel(indices, Raw.Prod(indices.shape, 0, k), Raw.Prod(indices.shape, k, rank), depth, on, off, o);
        Raw.BySize(on.dtype.size, ref kernel);
    }

    readonly struct Kernel(NDArray idx, int prefix, int suffix, int depth, NDArray on, NDArray off, NDArray o) : ISizedKernel
    {
        public void Run<T>() where T : unmanaged
        {
            var dst = Raw.As<T>(o);
            dst.Fill(Raw.As<T>(off)[0]);
            T onValue = Raw.As<T>(on)[0];
            // Output layout [prefix, depth, suffix]; index (p, s) lights position idx[p·suffix + s].
            for (int p = 0; p < prefix; p++)
                for (int s = 0; s < suffix; s++)
                {
                    int d = ShapeUtil.IntAt(idx, p * suffix + s);
                    if (d >= 0 && d < depth) dst[(p * depth + d) * suffix + s] = onValue;
                }
        }
    }
}
