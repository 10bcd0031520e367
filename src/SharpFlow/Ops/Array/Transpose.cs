using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Permutes the dimensions: output dimension i is input dimension perm[i].</summary>
internal sealed class TransposeOp : OpDef
{
    public static readonly TransposeOp Instance = new();

    TransposeOp() : base("Transpose", "x", "perm") { }

    public static Tensor Build(Tensor x, Tensor perm, string? name) => Instance.Create(name, "Transpose", [x, perm]).outputs[0];

    // TF parity: core/ops/array_ops.cc, TransposeShapeFn.
    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 1);
        var input = c.Shape(0);
        var perm = ShapeUtil.ConstInts(c, 1);
        int? permElems = c.Shape(1).Dims is [var n] && n >= 0 ? n : null;
        if (input.ndims is null && permElems is null && perm is null) return InferContext.One(c.DType(0), TensorShape.Unknown);
        int rank = input.ndims ?? permElems ?? perm!.Length;
        if (input.ndims is null && rank < 2) return InferContext.One(c.DType(0), input);
        c.RequireRank(0, rank);
        c.RequireRank(1, 1);
        if (permElems is int pe && pe != rank) throw c.Error($"Dimension must be {rank} but is {pe}");
        if (perm is null) return InferContext.One(c.DType(0), TensorShape.UnknownOfRank(rank));
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            if (perm[i] >= rank) throw ShapeUtil.Error(c, $"perm dim {perm[i]} is out of range of input rank {rank}", [1]);
            dims[i] = input.Dims is { } d ? d[perm[i]] : -1;
        }
        return InferContext.One(c.DType(0), new TensorShape(dims));
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) =>
        [Build(grads[0]!, InvertPermutationOp.Build(op.inputs[1], null), null), null];

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var permArr = ctx.Input(1);
        int rank = x.ndim;
        if (permArr.size != rank)
            throw new InvalidArgumentError($"transpose expects a vector of size {rank}. But input(1) is a vector of size {permArr.size}", ctx.Op);
        Span<int> perm = stackalloc int[rank];
        ShapeUtil.CopyInts(permArr, perm);
        Span<bool> seen = stackalloc bool[rank];
        seen.Clear();
        foreach (var d in perm)
        {
            if (d < 0 || d >= rank) throw new InvalidArgumentError($"{d} is out of range [0 .. {rank})", ctx.Op);
            if (seen[d]) throw new InvalidArgumentError($"{d} is missing from {{{string.Join(",", perm.ToArray())}}}.", ctx.Op);
            seen[d] = true;
        }
        Span<int> shape = stackalloc int[rank];
        for (int i = 0; i < rank; i++) shape[i] = x.shape[perm[i]];
        var o = ctx.Output(0, x.dtype, shape);
        var k = new Kernel(x, o, perm);
        Raw.BySize(x.dtype.size, ref k);
    }

    readonly ref struct Kernel(NDArray x, NDArray o, ReadOnlySpan<int> perm) : ISizedKernel
    {
        readonly ReadOnlySpan<int> _perm = perm;
        public void Run<T>() where T : unmanaged => TransposeKernel.Run<T>(Raw.As<T>(x), x.shape, _perm, Raw.As<T>(o));
    }
}

/// <summary>The inverse of a permutation vector: y[x[i]] = i.</summary>
internal sealed class InvertPermutationOp : OpDef, IConstantFoldable
{
    public static readonly InvertPermutationOp Instance = new();

    InvertPermutationOp() : base("InvertPermutation", "x") { }

    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor perm, string? name) => Instance.Create(name, "InvertPermutation", [perm]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        ShapeUtil.RequireIndex(c, 0);
        c.RequireRank(0, 1);
        return InferContext.One(c.DType(0), c.Shape(0).IsUnknownRank ? TensorShape.UnknownOfRank(1) : c.Shape(0));
    }

    public NDArray? Fold(Tensor output)
    {
        if (ConstantFolding.Value(output.op.inputs[0]) is not { } v) return null;
        var perm = ShapeUtil.Ints(v);
        var inv = Invert(perm, null);
        return inv is null ? null : NDArray.FromFlat(inv, inv.Length).astype(v.dtype);
    }

    static int[]? Invert(int[] perm, Operation? op)
    {
        var inv = Enumerable.Repeat(-1, perm.Length).ToArray();
        for (int i = 0; i < perm.Length; i++)
        {
            int d = perm[i];
            if (d < 0 || d >= perm.Length)
                return op is null ? null : throw new InvalidArgumentError($"{d} is not between 0 and {perm.Length}", op);
            if (inv[d] >= 0)
                return op is null ? null : throw new InvalidArgumentError($"{d} is duplicated in the input.", op);
            inv[d] = i;
        }
        return inv;
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var inv = Invert(ShapeUtil.Ints(x), ctx.Op)!;
        var o = ctx.OutputLike(0, x);
        if (o.Data is long[] l) for (int i = 0; i < inv.Length; i++) l[i] = inv[i];
        else inv.CopyTo((int[])o.Data, 0);
    }
}
