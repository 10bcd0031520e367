using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Seeded uniform integers in [minval, maxval): TensorFlow's <c>RandomUniformInt</c>.</summary>
/// <remarks>
/// TF parity: tensorflow/core/ops/random_ops.cc (op contract) and RandomUniformIntOp in
/// tensorflow/core/kernels/random_op.cc with UniformDistribution&lt;PhiloxRandom, int32/int64&gt; from
/// tensorflow/core/lib/random/random_distributions.h: each Philox lane modulo the range, added to minval.
/// </remarks>
internal sealed class RandomUniformIntOp : OpDef
{
    public static readonly RandomUniformIntOp Instance = new();

    public static readonly AttrKey<long> Seed = new("seed", 0);
    public static readonly AttrKey<long> Seed2 = new("seed2", 0);

    RandomUniformIntOp() : base("RandomUniformInt", "shape", "minval", "maxval") { }

    public override int[] SameTypeInputs => [1, 2];
    public override bool IsStateful => true;
    public override bool IsDifferentiable => false;

    /// <summary>Builds the op with seeds resolved as <c>random_seed.get_seed</c> does at this point of graph construction.</summary>
    public Tensor Build(Tensor shape, Tensor minval, Tensor maxval, int? opSeed, string? name)
    {
        var g = shape.graph;
        var (s1, s2) = RandomSeed.Get(g.seed, opSeed, g.version) ?? (0L, 0L);
        return Create(name, Type, [shape, minval, maxval], AttrMap.Of(Seed.With(s1), Seed2.With(s2))).outputs[0];
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Int32, DType.Int64);
        c.RequireType(1, DType.Int32, DType.Int64);
        c.RequireRank(1, 0);
        c.RequireRank(2, 0);
        var dtype = c.DType(1);
        var value = c.ConstantValue(0);
        if (value is not null) return InferContext.One(dtype, new TensorShape(value.ToArray<int>()));
        var n = c.Shape(0);
        return InferContext.One(dtype, n.Dims is { Length: 1 } d && d[0] >= 0 ? TensorShape.UnknownOfRank(d[0]) : TensorShape.Unknown);
    }

    public override void Compute(KernelContext ctx)
    {
        Span<int> dims = stackalloc int[ctx.Input(0).size];
        RandomShape.Read(ctx, dims);
        var lo = ctx.Input(1);
        var hi = ctx.Input(2);
        var o = ctx.Output(0, lo.dtype, dims);
        // TF parity: an empty output returns before minval < maxval is checked ("zero impossible things are fine").
        if (o.size == 0) return;
        long low = lo.ToArray<long>()[0], high = hi.ToArray<long>()[0];
        if (low >= high) throw new InvalidArgumentError($"Need minval < maxval, got {low} >= {high}", ctx.Op);
        var g = RandomShape.Stream(ctx, o.size, static c => new GuardedPhilox(c.Get(Seed), c.Get(Seed2)));
        if (o.Data is int[] i32) FillInt32(g, i32, (int)low, (int)high);
        else FillInt64(g, (long[])o.Data, low, high);
    }

    /// <summary>Four outputs per Philox block: lane j modulo (hi − lo) as unsigned, plus lo with wrap-around.</summary>
    internal static void FillInt32(PhiloxRandom g, Span<int> output, int lo, int hi)
    {
        uint range = unchecked((uint)hi - (uint)lo);
        Span<uint> block = stackalloc uint[4];
        for (int i = 0; i < output.Length; i += 4)
        {
            g.NextBlock(block);
            // A short last group keeps only its leading lanes, but still consumes the whole block.
            for (int j = 0; j < 4 && i + j < output.Length; j++)
                output[i + j] = unchecked(lo + (int)(block[j] % range));
        }
    }

    /// <summary>Two outputs per Philox block: lanes (2j, 2j+1) as the low and high words of a 64-bit draw.</summary>
    internal static void FillInt64(PhiloxRandom g, Span<long> output, long lo, long hi)
    {
        ulong range = unchecked((ulong)hi - (ulong)lo);
        Span<uint> block = stackalloc uint[4];
        for (int i = 0; i < output.Length; i += 2)
        {
            g.NextBlock(block);
            for (int j = 0; j < 2 && i + j < output.Length; j++)
            {
                ulong bits = block[2 * j] | ((ulong)block[2 * j + 1] << 32);
                output[i + j] = unchecked(lo + (long)(bits % range));
            }
        }
    }
}
