using System.Globalization;
using System.Numerics;

namespace SharpFlow.Ops;

/// <summary>start, start + delta, … up to but not including limit.</summary>
internal sealed class RangeOp : OpDef, IConstantFoldable
{
    public static readonly RangeOp Instance = new();

    RangeOp() : base("Range", "start", "limit", "delta") { }

    public override int[] SameTypeInputs => [0, 1, 2];
    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor start, Tensor limit, Tensor delta, string? name) =>
        Instance.Create(name, "Range", [start, limit, delta]).outputs[0];

    // TF parity: core/ops/math_ops.cc, Range shape function and RangeSize.
    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        string[] names = ["start", "limit", "delta"];
        for (int i = 0; i < 3; i++)
            if (c.Shape(i).ndims is int r && r != 0) throw c.Error($"Shape must be rank 0 but is rank {r}\n\t for '{names[i]}'");
        var dtype = c.DType(0);
        if (c.ConstantValue(0) is not { } s || c.ConstantValue(1) is not { } l || c.ConstantValue(2) is not { } d)
            return InferContext.One(dtype, new TensorShape(-1));
        double start = s.GetDouble(0), limit = l.GetDouble(0), delta = d.GetDouble(0);
        int[] all = [0, 1, 2];
        if (start > limit && delta > 0) throw ShapeUtil.Error(c, $"Requires start <= limit when delta > 0: {Text(s)}/{Text(l)}", all);
        if (start < limit && delta < 0) throw ShapeUtil.Error(c, $"Requires start >= limit when delta < 0: {Text(s)}/{Text(l)}", all);
        if (delta == 0) throw ShapeUtil.Error(c, "Requires delta != 0", all);
        return InferContext.One(dtype, new TensorShape(Size(s, l, d)));
    }

    static int Size(NDArray s, NDArray l, NDArray d) => s.Data switch
    {
        int[] => (int)((Math.Abs((long)l.GetDouble(0) - (long)s.GetDouble(0)) + Math.Abs((long)d.GetDouble(0)) - 1) / Math.Abs((long)d.GetDouble(0))),
        long[] => (int)((Math.Abs((long)l.GetItem(0) - (long)s.GetItem(0)) + Math.Abs((long)d.GetItem(0)) - 1) / Math.Abs((long)d.GetItem(0))),
        float[] => (int)MathF.Ceiling(MathF.Abs(((float)l.GetItem(0) - (float)s.GetItem(0)) / (float)d.GetItem(0))),
        _ => (int)Math.Ceiling(Math.Abs((l.GetDouble(0) - s.GetDouble(0)) / d.GetDouble(0))),
    };

    internal static string Text(NDArray v) => v.GetItem(0) is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v.GetItem(0).ToString()!;

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    public override void Compute(KernelContext ctx)
    {
        NDArray s = ctx.Input(0), l = ctx.Input(1), d = ctx.Input(2);
        foreach (var (v, what) in new[] { (s, "start"), (l, "limit"), (d, "delta") })
            if (v.size != 1) throw new InvalidArgumentError($"{what} must be a scalar, not shape {ShapeUtil.Brackets(v.shape)}", ctx.Op);
        double start = s.GetDouble(0), limit = l.GetDouble(0), delta = d.GetDouble(0);
        if (delta == 0) throw new InvalidArgumentError($"Requires delta != 0: {Text(d)}", ctx.Op);
        if (delta > 0 && start > limit) throw new InvalidArgumentError($"Requires start <= limit when delta > 0: {Text(s)}/{Text(l)}", ctx.Op);
        if (delta < 0 && start < limit) throw new InvalidArgumentError($"Requires start >= limit when delta < 0: {Text(s)}/{Text(l)}", ctx.Op);
        int n = Size(s, l, d);
        var o = ctx.Output(0, s.dtype, [n]);
        switch (o.Data)
        {
            case int[] a: Fill(a, (int)s.GetItem(0), (int)d.GetItem(0)); break;
            case long[] a: Fill(a, (long)s.GetItem(0), (long)d.GetItem(0)); break;
            case float[] a: Fill(a, (float)s.GetItem(0), (float)d.GetItem(0)); break;
            case double[] a: Fill(a, (double)s.GetItem(0), (double)d.GetItem(0)); break;
        }
    }

    // TF parity: core/kernels/sequence_ops.cc accumulates `val += delta` rather than computing start + i·delta.
    static void Fill<T>(T[] o, T start, T delta) where T : INumber<T>
    {
        T v = start;
        for (int i = 0; i < o.Length; i++) { o[i] = v; v += delta; }
    }
}

/// <summary><c>num</c> evenly spaced values from start to stop, both included.</summary>
internal sealed class LinSpaceOp : OpDef, IConstantFoldable
{
    public static readonly LinSpaceOp Instance = new();

    LinSpaceOp() : base("LinSpace", "start", "stop", "num") { }

    public override int[] SameTypeInputs => [0, 1];
    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor start, Tensor stop, Tensor num, string? name) =>
        Instance.Create(name, "LinSpace", [start, stop, num]).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        c.RequireType(0, DType.Float32, DType.Float64);
        ShapeUtil.RequireIndex(c, 2);
        string[] names = ["start", "stop", "num"];
        for (int i = 0; i < 3; i++)
            if (c.Shape(i).ndims is int r && r != 0) throw c.Error($"Shape must be rank 0 but is rank {r}\n\t for '{names[i]}'");
        if (ShapeUtil.ConstInts(c, 2) is not [var num]) return InferContext.One(c.DType(0), new TensorShape(-1));
        if (num <= 0) throw ShapeUtil.Error(c, $"Requires num > 0: {num}", [2]);
        return InferContext.One(c.DType(0), new TensorShape(num));
    }

    public NDArray? Fold(Tensor output) => KernelFolding.Fold(output);

    public override void Compute(KernelContext ctx)
    {
        NDArray s = ctx.Input(0), e = ctx.Input(1);
        int num = ShapeUtil.IntAt(ctx.Input(2), 0);
        if (num <= 0) throw new InvalidArgumentError($"Requires num > 0: {num}", ctx.Op);
        var o = ctx.Output(0, s.dtype, [num]);
        switch (o.Data)
        {
            case float[] f: Fill(f, (float)s.GetItem(0), (float)e.GetItem(0)); break;
            case double[] d: Fill(d, (double)s.GetItem(0), (double)e.GetItem(0)); break;
        }
    }

    // TF parity: core/kernels/sequence_ops.cc: start + step·i, the last value set to stop exactly.
    static void Fill<T>(T[] o, T start, T stop) where T : INumber<T>
    {
        o[0] = start;
        if (o.Length == 1) return;
        T step = (stop - start) / T.CreateChecked(o.Length - 1);
        for (int i = 1; i < o.Length - 1; i++) o[i] = start + step * T.CreateChecked(i);
        o[^1] = stop;
    }
}
