using System.Numerics;
using System.Numerics.Tensors;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Running sum (Cumsum) or product (Cumprod) along an axis, optionally exclusive and/or reversed.</summary>
internal sealed class CumulativeOp : OpDef
{
    public static readonly CumulativeOp Cumsum = new("Cumsum", product: false);
    public static readonly CumulativeOp Cumprod = new("Cumprod", product: true);
    public static readonly AttrKey<bool> Exclusive = new("exclusive", false);
    public static readonly AttrKey<bool> Reverse = new("reverse", false);

    readonly bool _product;

    CumulativeOp(string type, bool product) : base(type, "x", "axis") => _product = product;

    public Tensor Build(Tensor x, Tensor axis, bool exclusive, bool reverse, string? name) =>
        Create(name, Type, [x, axis], AttrMap.Of(Exclusive.With(exclusive), Reverse.With(reverse))).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        ShapeUtil.RequireIndex(c, 1);
        c.RequireRank(1, 0);
        return InferContext.One(c.DType(0), c.Shape(0));
    }

    // TF parity: python/ops/math_grad.py, _CumsumGrad and _CumprodGrad.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        var x = op.inputs[0];
        var axis = op.inputs[1];
        bool exclusive = op.Get(Exclusive), reverse = op.Get(Reverse);
        if (!_product) return [Cumsum.Build(grads[0]!, axis, exclusive, !reverse, null), null];
        var prod = Cumprod.Build(x, axis, exclusive, reverse, null);
        var sum = Cumsum.Build(prod * grads[0]!, axis, exclusive, !reverse, null);
        return [tf.truediv(sum, x), null];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        int a = ShapeUtil.IntAt(ctx.Input(1), 0), rank = x.ndim;
        int axis = ShapeUtil.Wrap(a, rank);
        if (axis < 0)
            throw new InvalidArgumentError($"ScanOp: Expected scan axis in the range [{-rank}, {rank}), but got {a}", ctx.Op);
        var o = ctx.OutputLike(0, x);
        int outer = Raw.Prod(x.shape, 0, axis), n = x.shape[axis], inner = Raw.Prod(x.shape, axis + 1, rank);
        bool exclusive = ctx.Get(Exclusive), reverse = ctx.Get(Reverse);
        switch (x.Data)
        {
            case float[]: Scan(x.AsSpan<float>(), o.AsSpan<float>(), outer, n, inner, exclusive, reverse); break;
            case double[]: Scan(x.AsSpan<double>(), o.AsSpan<double>(), outer, n, inner, exclusive, reverse); break;
            case int[]: Scan(x.AsSpan<int>(), o.AsSpan<int>(), outer, n, inner, exclusive, reverse); break;
            case long[]: Scan(x.AsSpan<long>(), o.AsSpan<long>(), outer, n, inner, exclusive, reverse); break;
        }
    }

    // Row j of each [n, inner] block combines the previous output row with an input row.
    void Scan<T>(ReadOnlySpan<T> x, Span<T> o, int outer, int n, int inner, bool exclusive, bool reverse) where T : unmanaged, INumber<T>
    {
        int block = n * inner;
        for (int b = 0; b < outer; b++)
        {
            var xs = x.Slice(b * block, block);
            var os = o.Slice(b * block, block);
            for (int step = 0; step < n; step++)
            {
                int j = reverse ? n - 1 - step : step, prev = reverse ? j + 1 : j - 1;
                var dst = os.Slice(j * inner, inner);
                if (step == 0)
                {
                    if (exclusive) dst.Fill(_product ? T.One : T.Zero);
                    else xs.Slice(j * inner, inner).CopyTo(dst);
                    continue;
                }
                ReadOnlySpan<T> acc = os.Slice(prev * inner, inner);
                var add = xs.Slice((exclusive ? prev : j) * inner, inner);
                if (_product) TensorPrimitives.Multiply(acc, add, dst);
                else TensorPrimitives.Add(acc, add, dst);
            }
        }
    }
}
