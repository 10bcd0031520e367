using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>The box of <c>size</c> elements starting at <c>begin</c> (size -1 = to the end).</summary>
internal sealed class SliceOp : OpDef, IConstantFoldable
{
    public static readonly SliceOp Instance = new();

    SliceOp() : base("Slice", "input", "begin", "size") { }

    public override int[] SameTypeInputs => [1, 2];

    public static Tensor Build(Tensor x, Tensor begin, Tensor size, string? name) =>
        Instance.Create(name, "Slice", [x, begin, size]).outputs[0];

    // TF parity: core/framework/common_shape_fns.cc, SliceShape.
    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        c.RequireRank(1, 1);
        c.RequireRank(2, 1);
        c.Merge(1, 2);
        var input = c.Shape(0);
        int? ndims = c.Shape(1).Dims is [var b] && b >= 0 ? b : c.Shape(2).Dims is [var s] && s >= 0 ? s : null;
        if (ndims is int nd) c.RequireRank(0, nd);
        var begin = ShapeUtil.PartialShape(c.Input(1));
        var sizes = ShapeUtil.ConstInts(c, 2);
        if (sizes is not null)
        {
            var dims = new int[sizes.Length];
            for (int i = 0; i < sizes.Length; i++)
            {
                int dim = input.Dims is { } d ? d[i] : -1;
                if (sizes[i] >= 0) dims[i] = sizes[i];
                else if (sizes[i] == -1) dims[i] = dim >= 0 && begin.Dims is { } bd && bd[i] >= 0 ? dim - bd[i] : -1;
                else throw ShapeUtil.Error(c, $"Out of bounds slicing on dimension {i} of length {(dim >= 0 ? dim.ToString() : "-1")}: sizes vector cannot be < -1, but was {sizes[i]}", [2]);
            }
            return InferContext.One(c.DType(0), new TensorShape(dims));
        }
        var partial = ShapeUtil.PartialShape(c.Input(2));
        if (partial.Dims is not null) return InferContext.One(c.DType(0), partial);
        return InferContext.One(c.DType(0), input.ndims is int r ? TensorShape.UnknownOfRank(r) : TensorShape.Unknown);
    }

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    // TF parity: python/ops/array_grad.py, _SliceGrad: pad the gradient back to the input's shape.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var x = op.inputs[0];
        var begin = op.inputs[1];
        var indexType = begin.dtype;
        var rank = tf.rank(x);
        var sliceSize = tf.shape(op.outputs[0], out_type: indexType);
        var shape = PackOp.Build([rank, tf.constant(1)], 0, null);
        var before = ReshapeOp.Build(begin, shape, null);
        var after = ReshapeOp.Build(tf.shape(x, out_type: indexType) - sliceSize - begin, shape, null);
        var paddings = ConcatV2Op.Build([before, after], 1, null);
        return [PadOp.Build(grads[0]!, paddings, null), null, null];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        int rank = x.ndim;
        if (ctx.Input(1).ndim != 1 || ctx.Input(2).ndim != 1 || ctx.Input(1).size != rank || ctx.Input(2).size != rank)
            throw new InvalidArgumentError($"Expected begin and size arguments to be 1-D tensors of size {rank}, but got shapes {ShapeUtil.Brackets(ctx.Input(1).shape)} and {ShapeUtil.Brackets(ctx.Input(2).shape)} instead.", ctx.Op);
        Span<int> begin = stackalloc int[rank];
        Span<int> size = stackalloc int[rank];
        ShapeUtil.CopyInts(ctx.Input(1), begin);
        ShapeUtil.CopyInts(ctx.Input(2), size);
        for (int i = 0; i < rank; i++)
        {
            int b = begin[i], s = size[i] == -1 ? x.shape[i] - b : size[i];
            if (x.shape[i] == 0)
            {
                if (b != 0 || s != 0)
                    throw new InvalidArgumentError($"Expected begin[{i}] == 0 (got {b}) and size[{i}] == 0 (got {s}) when input.dim_size({i}) == 0", ctx.Op);
            }
            else
            {
                if (b < 0 || b > x.shape[i])
                    throw new InvalidArgumentError($"Expected begin[{i}] in [0, {x.shape[i]}], but got {b}", ctx.Op);
                if (s < 0 || b + s > x.shape[i])
                    throw new InvalidArgumentError($"Expected size[{i}] in [0, {x.shape[i] - b}], but got {s}", ctx.Op);
            }
            size[i] = s;
        }
        var o = ctx.Output(0, x.dtype, size);
        BlockCopy.Slice(Raw.Bytes(x), x.shape, begin, size, Raw.Bytes(o), x.dtype.size);
    }
}

/// <summary>Pads with zeros: <c>paddings[i] = [before, after]</c> for each dimension.</summary>
internal sealed class PadOp : OpDef
{
    public static readonly PadOp Instance = new();

    PadOp() : base("Pad", "input", "paddings") { }

    public static Tensor Build(Tensor x, Tensor paddings, string? name) => Instance.Create(name, "Pad", [x, paddings]).outputs[0];

    // TF parity: core/ops/array_ops.cc, PadShapeFn.
    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        c.RequireRank(1, 2);
        var p = c.Shape(1);
        if (p.Dims is [_, var two] && two >= 0 && two != 2) throw c.Error($"Dimension must be 2 but is {two}");
        int? n = p.Dims is [var rows, _] && rows >= 0 ? rows : null;
        if (n is int nd) c.RequireRank(0, nd);
        else if (c.Shape(0).ndims is int r && p.Dims is [var rr, _] && rr >= 0 && rr != r) throw c.Error($"Dimension must be {r} but is {rr}");
        var input = c.Shape(0);
        if (c.ConstantValue(1) is not { } pv)
        {
            int? rank = n ?? input.ndims;
            return InferContext.One(c.DType(0), rank is int k ? TensorShape.UnknownOfRank(k) : TensorShape.Unknown);
        }
        var pads = ShapeUtil.Ints(pv);
        int num = pads.Length / 2;
        c.RequireRank(0, num);
        var dims = new int[num];
        for (int i = 0; i < num; i++)
        {
            if (pads[2 * i] < 0 || pads[2 * i + 1] < 0) throw ShapeUtil.Error(c, "Paddings must be non-negative", [1]);
            int d = input.Dims is { } id ? id[i] : -1;
            dims[i] = d < 0 ? -1 : d + pads[2 * i] + pads[2 * i + 1];
        }
        return InferContext.One(c.DType(0), new TensorShape(dims));
    }

    // TF parity: python/ops/array_grad.py, _PadGrad: slice the interior back out.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var x = op.inputs[0];
        var a = op.inputs[1];
        var padBefore = SliceOp.Build(a, tf.constant(new[] { 0, 0 }), PackOp.Build([tf.rank(x), tf.constant(1)], 0, null), null);
        var begin = ReshapeOp.Build(padBefore, tf.constant(new[] { -1 }), null);
        return [SliceOp.Build(grads[0]!, begin, tf.shape(x), null), null];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var p = ctx.Input(1);
        int rank = x.ndim;
        if (p.ndim != 2 || p.shape[1] != 2)
            throw new InvalidArgumentError($"paddings must be a matrix with 2 columns: {ShapeUtil.Brackets(p.shape)}", ctx.Op);
        if (p.shape[0] != rank)
            throw new InvalidArgumentError($"The first dimension of paddings must be the rank of inputs{ShapeUtil.Brackets(p.shape)} {ShapeUtil.Brackets(x.shape)}", ctx.Op);
        Span<int> pads = stackalloc int[p.size];
        ShapeUtil.CopyInts(p, pads);
        Span<int> shape = stackalloc int[rank];
        Span<int> begin = stackalloc int[rank];
        for (int i = 0; i < rank; i++)
        {
            if (pads[2 * i] < 0 || pads[2 * i + 1] < 0)
                throw new InvalidArgumentError($"Paddings must be non-negative: {pads[2 * i]} {pads[2 * i + 1]}", ctx.Op);
            begin[i] = pads[2 * i];
            shape[i] = x.shape[i] + pads[2 * i] + pads[2 * i + 1];
        }
        var o = ctx.Output(0, x.dtype, shape);
        var dst = Raw.Bytes(o);
        dst.Clear();
        BlockCopy.Place(Raw.Bytes(x), x.shape, dst, o.shape, begin, x.dtype.size);
    }
}

/// <summary>Repeats the input <c>multiples[i]</c> times along each dimension.</summary>
internal sealed class TileOp : OpDef, IConstantFoldable
{
    public static readonly TileOp Instance = new();

    TileOp() : base("Tile", "input", "multiples") { }

    public static Tensor Build(Tensor x, Tensor multiples, string? name) => Instance.Create(name, "Tile", [x, multiples]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        var input = c.Shape(0);
        var multiples = ShapeUtil.PartialShape(c.Input(1));
        if (input.ndims is int r)
        {
            if (multiples.ndims is int mr && mr != r) throw c.Error($"Shape must be rank {r} but is rank {mr}");
            if (c.Shape(1).Dims is [var len] && len >= 0 && len != r)
                throw c.Error($"Dimension 0 in both shapes must be equal, but are {len} and {r}. Shapes are [{len}] and [{r}].");
            if (multiples.IsUnknownRank) multiples = TensorShape.UnknownOfRank(r);
        }
        if (multiples.Dims is not { } m) return InferContext.One(c.DType(0), TensorShape.Unknown);
        var dims = new int[m.Length];
        for (int i = 0; i < m.Length; i++)
        {
            int d = input.Dims is { } id ? id[i] : -1;
            dims[i] = d == 0 || m[i] == 0 ? 0 : d < 0 || m[i] < 0 ? -1 : d * m[i];
        }
        return InferContext.One(c.DType(0), new TensorShape(dims));
    }

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    // TF parity: python/ops/array_grad.py, _TileGrad: reshape to interleaved [multiple, size] pairs and sum the multiples.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var inputShape = tf.shape(op.inputs[0], out_type: op.inputs[1].dtype);
        var split = ReshapeOp.Build(TransposeOp.Build(PackOp.Build([op.inputs[1], inputShape], 0, null), tf.constant(new[] { 1, 0 }), null),
            tf.constant(new[] { -1 }), null);
        var axes = tf.range(0, tf.size(split), 2);
        var inputGrad = tf.reduce_sum(ReshapeOp.Build(grads[0]!, split, null), axes);
        inputGrad.set_shape(op.inputs[0].get_shape());
        return [inputGrad, null];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var mArr = ctx.Input(1);
        if (mArr.ndim != 1 || mArr.size != x.ndim)
            throw new InvalidArgumentError($"Expected multiples argument to be a vector of length {x.ndim} but got length {mArr.size}", ctx.Op);
        Span<int> m = stackalloc int[mArr.size];
        ShapeUtil.CopyInts(mArr, m);
        Span<int> shape = stackalloc int[x.ndim];
        for (int i = 0; i < m.Length; i++)
        {
            if (m[i] < 0) throw new InvalidArgumentError($"Expected multiples[{i}] >= 0, but got {m[i]}", ctx.Op);
            shape[i] = x.shape[i] * m[i];
        }
        var o = ctx.Output(0, x.dtype, shape);
        BlockCopy.Tile(Raw.Bytes(x), x.shape, m, Raw.Bytes(o), x.dtype.size);
    }
}
