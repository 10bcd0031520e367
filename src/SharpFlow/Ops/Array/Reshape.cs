namespace SharpFlow.Ops;

/// <summary>The same elements with another shape; one dimension of the requested shape may be -1.</summary>
internal sealed class ReshapeOp : OpDef
{
    public static readonly ReshapeOp Instance = new();

    ReshapeOp() : base("Reshape", "tensor", "shape") { }

    public static Tensor Build(Tensor x, Tensor shape, string? name) => Instance.Create(name, "Reshape", [x, shape]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        ShapeUtil.RequireRankAtMost(c, 1, 1);
        var output = ShapeUtil.PartialShape(c.Input(1));
        return InferContext.One(c.DType(0), OutputShape(c, c.Shape(0), output));
    }

    // TF parity: core/ops/array_ops.cc, SetOutputShapeForReshape.
    static TensorShape OutputShape(InferContext c, TensorShape input, TensorShape output)
    {
        if (output.Dims is not { } outDims || input.Dims is not { } inDims) return output;
        (int Index, TensorShape)[] partial = [(1, output)];
        long knownOut = 1, knownIn = 1;
        int outUnknown = -1, inUnknown = -1;
        bool tooMany = false;
        for (int i = 0; i < outDims.Length; i++)
        {
            if (outDims[i] >= 0) { knownOut *= outDims[i]; continue; }
            if (outUnknown >= 0) tooMany = true;
            outUnknown = i;
        }
        for (int i = 0; i < inDims.Length; i++)
        {
            if (inDims[i] >= 0) { knownIn *= inDims[i]; continue; }
            if (inUnknown >= 0) tooMany = true;
            inUnknown = i;
        }
        if (tooMany) return output;
        if (inUnknown < 0 && outUnknown < 0)
        {
            if (knownIn != knownOut)
                throw ShapeUtil.Error(c, $"Cannot reshape a tensor with {knownIn} elements to shape {output.CppString} ({knownOut} elements)", partial: partial);
            return output;
        }
        if (inUnknown < 0 && knownOut > 0)
        {
            if (knownIn % knownOut != 0)
                throw ShapeUtil.Error(c, $"Dimension size must be evenly divisible by {knownOut} but is {knownIn}", partial: partial);
            var dims = (int[])outDims.Clone();
            dims[outUnknown] = (int)(knownIn / knownOut);
            return new TensorShape(dims);
        }
        if (inUnknown >= 0 && outUnknown < 0 && knownIn != 0 && knownOut % knownIn != 0)
            throw ShapeUtil.Error(c, $"Dimension size must be evenly divisible by {knownIn} but is {knownOut}", partial: partial);
        if (inUnknown >= 0 && outUnknown >= 0 && knownIn == knownOut)
        {
            var dims = (int[])outDims.Clone();
            dims[outUnknown] = inDims[inUnknown];
            return new TensorShape(dims);
        }
        return output;
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [Build(grads[0]!, tf.shape(op.inputs[0]), null), null];

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var shapeArr = ctx.Input(1);
        Span<int> dims = stackalloc int[shapeArr.size];
        ShapeUtil.CopyInts(shapeArr, dims);
        Resolve(ctx, x.size, dims);
        ctx.SetOutput(0, ShapeUtil.Alias(ctx, x, dims));
    }

    // TF parity: core/kernels/reshape_op.h, ValidateSizes.
    internal static void Resolve(KernelContext ctx, int size, Span<int> dims)
    {
        int unknown = -1;
        long product = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (unknown >= 0) throw new InvalidArgumentError($"Only one input size may be -1, not both {unknown} and {i}", ctx.Op);
                unknown = i;
            }
            else if (dims[i] < 0) throw new InvalidArgumentError($"Size {i} must be non-negative, not {dims[i]}", ctx.Op);
            else product *= dims[i];
        }
        if (unknown >= 0)
        {
            if (product == 0)
                throw new InvalidArgumentError("Reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero", ctx.Op);
            if (size % product != 0)
                throw new InvalidArgumentError($"Input to reshape is a tensor with {size} values, but the requested shape requires a multiple of {product}", ctx.Op);
            dims[unknown] = (int)(size / product);
        }
        else if (product != size)
            throw new InvalidArgumentError($"Input to reshape is a tensor with {size} values, but the requested shape has {product}", ctx.Op);
    }
}

/// <summary>Inserts a dimension of size 1 at <c>axis</c>.</summary>
internal sealed class ExpandDimsOp : OpDef
{
    public static readonly ExpandDimsOp Instance = new();

    ExpandDimsOp() : base("ExpandDims", "input", "dim") { }

    public static Tensor Build(Tensor x, Tensor axis, string? name) => Instance.Create(name, "ExpandDims", [x, axis]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        var axis = ShapeUtil.ConstInts(c, 1);
        if (axis is not null && axis.Length != 1) throw ShapeUtil.Error(c, "'dim' input must be a tensor with a single value", [1]);
        if (axis is null || c.Shape(0).Dims is not { } dims) return InferContext.One(c.DType(0), TensorShape.Unknown);
        int rank = dims.Length, d = axis[0];
        if (d < -rank - 1 || d > rank)
            throw ShapeUtil.Error(c, $"dim {d} not in the interval [{-rank - 1}, {rank}].", [1]);
        if (d < 0) d += rank + 1;
        return InferContext.One(c.DType(0), new TensorShape([.. dims[..d], 1, .. dims[d..]]));
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [ReshapeOp.Build(grads[0]!, tf.shape(op.inputs[0]), null), null];

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var axis = ctx.Input(1);
        if (axis.size != 1)
            throw new InvalidArgumentError("'dim' must be a tensor with a single value", ctx.Op);
        int rank = x.ndim, d = ShapeUtil.IntAt(axis, 0);
        if (d < -1 - rank || d > rank)
            throw new InvalidArgumentError($"Tried to expand dim index {d} for tensor with {rank} dimensions.", ctx.Op);
        if (d < 0) d += rank + 1;
        Span<int> shape = stackalloc int[rank + 1];
        for (int i = 0, k = 0; i <= rank; i++) shape[i] = i == d ? 1 : x.shape[k++];
        ctx.SetOutput(0, ShapeUtil.Alias(ctx, x, shape));
    }
}

/// <summary>Removes dimensions of size 1 (all of them, or those listed in <c>squeeze_dims</c>).</summary>
internal sealed class SqueezeOp : OpDef
{
    public static readonly SqueezeOp Instance = new();
    public static readonly AttrKey<int[]> SqueezeDims = new("squeeze_dims", []);

    SqueezeOp() : base("Squeeze", "input") { }

    public static Tensor Build(Tensor x, int[] axis, string? name) =>
        Instance.Create(name, "Squeeze", [x], AttrMap.Of(SqueezeDims.With(axis))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        if (c.Shape(0).Dims is not { } dims) return InferContext.One(c.DType(0), TensorShape.Unknown);
        int rank = dims.Length;
        var axes = c.Get(SqueezeDims).ToArray();
        for (int i = 0; i < axes.Length; i++)
        {
            if (axes[i] < -rank || axes[i] >= rank) throw c.Error($"squeeze_dims[{i}] not in [{-rank},{rank}).");
            if (axes[i] < 0) axes[i] += rank;
        }
        var result = new List<int>();
        for (int i = 0; i < rank; i++)
        {
            bool explicitMatch = axes.Contains(i);
            if (dims[i] < 0)
            {
                if (explicitMatch) continue;
                if (axes.Length == 0) return InferContext.One(c.DType(0), TensorShape.Unknown);
            }
            else if (dims[i] == 1)
            {
                if (explicitMatch || axes.Length == 0) continue;
            }
            else if (explicitMatch)
                throw c.Error($"Can not squeeze dim[{i}], expected a dimension of 1, got {dims[i]}");
            result.Add(dims[i]);
        }
        return InferContext.One(c.DType(0), new TensorShape([.. result]));
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [ReshapeOp.Build(grads[0]!, tf.shape(op.inputs[0]), null)];

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var axes = ctx.Get(SqueezeDims);
        int rank = x.ndim, n = 0;
        Span<int> keep = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            bool listed = false;
            foreach (var a in axes) listed |= (a < 0 ? a + rank : a) == i;
            if (listed && x.shape[i] != 1)
                throw new InvalidArgumentError($"Can not squeeze dim[{i}], expected a dimension of 1, got {x.shape[i]}", ctx.Op);
            if (x.shape[i] == 1 && (listed || axes.Length == 0)) continue;
            keep[n++] = x.shape[i];
        }
        ctx.SetOutput(0, ShapeUtil.Alias(ctx, x, keep[..n]));
    }
}
