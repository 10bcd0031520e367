using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>The three seeded random ops; they differ only in the distribution they sample.</summary>
internal sealed class RandomOp : OpDef
{
    public static readonly RandomOp StandardNormal = new("RandomStandardNormal");
    public static readonly RandomOp Uniform = new("RandomUniform");
    public static readonly RandomOp TruncatedNormal = new("TruncatedNormal");

    public static readonly AttrKey<long> Seed = new("seed", 0);
    public static readonly AttrKey<long> Seed2 = new("seed2", 0);
    public static readonly AttrKey<DType> DTypeAttr = new("dtype", DType.Float32);

    RandomOp(string type) : base(type, "shape") { }

    public override bool IsStateful => true;
    public override bool IsDifferentiable => false;

    /// <summary>Builds the op with seeds resolved as <c>random_seed.get_seed</c> does at this point of graph construction.</summary>
    public Tensor Build(Tensor shape, DType dtype, int? opSeed)
    {
        var g = shape.graph;
        var seeds = RandomSeed.Get(g.seed, opSeed, g.version);
        var (s1, s2) = seeds ?? (0L, 0L);
        return Create(null, Type, [shape], AttrMap.Of(Seed.With(s1), Seed2.With(s2), DTypeAttr.With(dtype))).outputs[0];
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Int32, DType.Int64);
        var dtype = c.Get(DTypeAttr);
        if (!dtype.is_floating) throw new TypeError($"Value passed to parameter 'dtype' has DataType {dtype} not in list of allowed values: float32, float64");
        var value = c.ConstantValue(0);
        if (value is not null) return InferContext.One(dtype, new TensorShape(value.ToArray<int>()));
        var n = c.Shape(0);
        return InferContext.One(dtype, n.Dims is { Length: 1 } d && d[0] >= 0 ? TensorShape.UnknownOfRank(d[0]) : TensorShape.Unknown);
    }

    public override void Compute(KernelContext ctx)
    {
        Span<int> dims = stackalloc int[ctx.Input(0).size];
        RandomShape.Read(ctx, dims);
        var o = ctx.Output(0, ctx.Get(DTypeAttr), dims);
        var g = RandomShape.Stream(ctx, o.size, static c => NewGenerator(c.Get(Seed), c.Get(Seed2)));
        switch (Type, o.Data)
        {
            case ("RandomStandardNormal", float[] f): RandomDistributions.Normal(g, f); break;
            case ("RandomStandardNormal", double[] d): RandomDistributions.Normal(g, d); break;
            case ("RandomUniform", float[] f): RandomDistributions.Uniform(g, f); break;
            case ("RandomUniform", double[] d): RandomDistributions.Uniform(g, d); break;
            case ("TruncatedNormal", float[] f): RandomDistributions.TruncatedNormal(g, f); break;
            case ("TruncatedNormal", double[] d): RandomDistributions.TruncatedNormal(g, d); break;
        }
    }

    // TF parity: GuardedPhiloxRandom::Init draws fresh seeds when both are zero (no seed given).
    static GuardedPhilox NewGenerator(long seed, long seed2) =>
        seed == 0 && seed2 == 0 ? new GuardedPhilox(Random.Shared.NextInt64(), Random.Shared.NextInt64()) : new GuardedPhilox(seed, seed2);
}

/// <summary>What the random ops share per run: reading the shape input and finding the op's generator.</summary>
internal static class RandomShape
{
    /// <summary>The requested shape (int32 or int64 input) into <paramref name="dims"/>, or TensorFlow's error for a negative size.</summary>
    public static void Read(KernelContext ctx, Span<int> dims)
    {
        var shape = ctx.Input(0);
        for (int i = 0; i < dims.Length; i++)
        {
            long d = shape.Data switch { int[] n => n[i], long[] l => l[i], var other => Convert.ToInt64(other.GetValue(i)) };
            if (d < 0) throw new InvalidArgumentError($"Dimension {d} must be >= 0", ctx.Op);
            dims[i] = checked((int)d);
        }
    }

    /// <summary>
    /// A stream for <paramref name="samples"/> values from the op's generator in this session. The
    /// generator (shared by every plan of the session, as TensorFlow's kernel state is) and the stream
    /// object are kept in the step's scratch after the first run, so later runs look up and allocate nothing.
    /// </summary>
    public static PhiloxRandom Stream(KernelContext ctx, long samples, Func<KernelContext, GuardedPhilox> create)
    {
        var slot = ctx.Scratch<Cached?>(1);
        var cached = slot[0] ??= First(ctx, create);
        cached.Generator.ReserveInto(cached.Stream, samples);
        return cached.Stream;
    }

    // Apart, so the closure exists only on the first run (C# creates it on entry to the method that has it).
    static Cached First(KernelContext ctx, Func<KernelContext, GuardedPhilox> create) =>
        new(ctx.State.GetOrCreate(ctx.Op, () => create(ctx)));

    sealed class Cached(GuardedPhilox generator)
    {
        public readonly GuardedPhilox Generator = generator;
        public readonly PhiloxRandom Stream = new(0, 0);
    }
}
