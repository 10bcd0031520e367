using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Matrix product of two rank-2 tensors, either side optionally transposed.</summary>
internal sealed class MatMulOp : OpDef
{
    public static readonly MatMulOp Instance = new();
    public static readonly AttrKey<bool> TransposeA = new("transpose_a", false);
    public static readonly AttrKey<bool> TransposeB = new("transpose_b", false);

    MatMulOp() : base("MatMul", "a", "b") { }

    public override int[] SameTypeInputs => [0, 1];

    public static Tensor Build(Tensor a, Tensor b, bool ta, bool tb, string? name) =>
        Instance.Create(name, "MatMul", [a, b], AttrMap.Of(TransposeA.With(ta), TransposeB.With(tb))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        c.RequireRank(0, 2);
        c.RequireRank(1, 2);
        var (m, k) = Dims(c.Shape(0), c.Get(TransposeA));
        var (k2, n) = Dims(c.Shape(1), c.Get(TransposeB));
        c.RequireEqualDims(k, k2);
        return InferContext.One(c.DType(0), new TensorShape(m, n));
    }

    static (int, int) Dims(TensorShape s, bool transposed)
    {
        if (s.Dims is not { } d) return (-1, -1);
        return transposed ? (d[1], d[0]) : (d[0], d[1]);
    }

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var g = grads[0]!;
        Tensor a = op.inputs[0], b = op.inputs[1];
        bool ta = op.Get(TransposeA), tb = op.Get(TransposeB);
        // TF parity: python/ops/math_grad.py, _MatMulGrad.
        return (ta, tb) switch
        {
            (false, false) => [Build(g, b, false, true, null), Build(a, g, true, false, null)],
            (false, true) => [Build(g, b, false, false, null), Build(g, a, true, false, null)],
            (true, false) => [Build(b, g, false, true, null), Build(a, g, false, false, null)],
            (true, true) => [Build(b, g, true, true, null), Build(g, a, true, true, null)],
        };
    }

    public override void Compute(KernelContext ctx)
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        bool ta = ctx.Get(TransposeA), tb = ctx.Get(TransposeB);
        if (a.ndim != 2 || b.ndim != 2)
            throw new InvalidArgumentError($"In[0] and In[1] has different ndims: [{string.Join(",", a.shape)}] vs. [{string.Join(",", b.shape)}]", ctx.Op);
        int m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1];
        int k2 = tb ? b.shape[1] : b.shape[0], n = tb ? b.shape[0] : b.shape[1];
        if (k != k2)
            throw new InvalidArgumentError($"Matrix size-incompatible: In[0]: [{string.Join(",", a.shape)}], In[1]: [{string.Join(",", b.shape)}]", ctx.Op);
        Span<int> shape = [m, n];
        var o = ctx.Output(0, a.dtype, shape);
        switch (a.Data)
        {
            case float[]: Gemm.Multiply(ta, tb, m, n, k, a.AsSpan<float>(), b.AsSpan<float>(), o.AsSpan<float>(), ctx.IntraOpThreads); break;
            case double[]: Gemm.Multiply(ta, tb, m, n, k, a.AsSpan<double>(), b.AsSpan<double>(), o.AsSpan<double>(), ctx.IntraOpThreads); break;
            case int[]: Gemm.Multiply(ta, tb, m, n, k, a.AsSpan<int>(), b.AsSpan<int>(), o.AsSpan<int>(), ctx.IntraOpThreads); break;
            case long[]: Gemm.Multiply(ta, tb, m, n, k, a.AsSpan<long>(), b.AsSpan<long>(), o.AsSpan<long>(), ctx.IntraOpThreads); break;
        }
    }
}
