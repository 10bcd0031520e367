namespace SharpFlow.Ops;

/// <summary>
/// TensorFlow 1.x <c>Select(condition, t, e)</c>: picks from t where condition holds, else from e. The condition is a
/// scalar, has t's shape, or is a vector over t's first dimension (whole rows are picked).
/// </summary>
internal sealed class SelectOp : OpDef
{
    public static readonly SelectOp Instance = new();

    SelectOp() : base("Select", "condition", "t", "e") { }

    public override int[] SameTypeInputs => [1, 2];

    public Tensor Build(Tensor condition, Tensor t, Tensor e, string? name) => Create(name, Type, [condition, t, e]).outputs[0];

    // TF parity: core/ops/math_ops.cc, the shape function of Select.
    public override TensorSpec[] Infer(InferContext c)
    {
        if (c.DType(0) != DType.Bool)
            throw new TypeError($"Input 'condition' of 'Select' Op has type {c.DType(0)} that does not match expected type of bool.");
        var data = c.Merge(1, 2);
        var cond = c.Shape(0);
        var dtype = c.DType(1);
        if (cond.Dims is not { } cd || data.Dims is not { } dd) return InferContext.One(dtype, data);
        if (cd.Length == 0) return InferContext.One(dtype, data);
        if (cd.Length != 1 || dd.Length == 0) return InferContext.One(dtype, MergeShapes(c, data, cond));
        // A vector condition must match the first dimension of the data (Merge(cond, Vector(data[0]))).
        if (dd[0] >= 0 && cd[0] >= 0 && dd[0] != cd[0])
            throw c.Error($"Dimension 0 in both shapes must be equal, but are {cd[0]} and {dd[0]}. Shapes are [{cd[0]}] and [{dd[0]}].");
        return InferContext.One(dtype, data);
    }

    static TensorShape MergeShapes(InferContext c, TensorShape data, TensorShape cond)
    {
        int[] a = data.Dims!, b = cond.Dims!;
        if (a.Length != b.Length) throw c.Error($"Shapes must be equal rank, but are {a.Length} and {b.Length}");
        for (int k = 0; k < a.Length; k++)
            if (a[k] >= 0 && b[k] >= 0 && a[k] != b[k])
                throw c.Error($"Dimension {k} in both shapes must be equal, but are {a[k]} and {b[k]}. Shapes are {data.CppString} and {cond.CppString}.");
        return data.merge_with(cond);
    }

    // TF parity: math_grad.py _SelectGrad: no gradient for the condition; zeros where the other branch was taken.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        Tensor c = op.inputs[0], grad = grads[0]!;
        var zeros = tf.zeros_like(op.inputs[1]);
        return [null, Instance.Build(c, grad, zeros, null), Instance.Build(c, zeros, grad, null)];
    }

    // TF parity: core/kernels/cwise_op_select.cc (scalar, batch-vector and element-wise forms and their errors).
    public override void Compute(KernelContext ctx)
    {
        var cond = ctx.Input(0);
        var t = ctx.Input(1);
        var e = ctx.Input(2);
        if (cond.ndim == 0)
        {
            if (!t.shape.AsSpan().SequenceEqual(e.shape))
                throw new InvalidArgumentError($"'then' and 'else' must have the same size.  but received: {Dbg(t)} vs. {Dbg(e)}", ctx.Op);
            ctx.SetOutput(0, cond.AsSpan<bool>()[0] ? t : e);
            return;
        }
        int inner;
        if (cond.ndim == 1 && t.ndim != 1)
        {
            if (t.ndim == 0)
                throw new InvalidArgumentError($"'then' must be at least a vector, but saw shape: {Dbg(t)}", ctx.Op);
            if (t.shape[0] != cond.size)
                throw new InvalidArgumentError($"Number of batches of 'then' must match size of 'cond', but saw: {t.shape[0]} vs. {cond.size}", ctx.Op);
            if (!t.shape.AsSpan().SequenceEqual(e.shape))
                throw new InvalidArgumentError($"'then' and 'else' must have the same size.  but received: {Dbg(t)} vs. {Dbg(e)}", ctx.Op);
            inner = cond.size == 0 ? 0 : t.size / cond.size;
        }
        else
        {
            if (!cond.shape.AsSpan().SequenceEqual(t.shape)) throw NotSameShape(ctx, 1, cond, t);
            if (!cond.shape.AsSpan().SequenceEqual(e.shape)) throw NotSameShape(ctx, 2, cond, e);
            inner = 1;
        }
        var o = ctx.OutputLike(0, t);
        var c = cond.AsSpan<bool>();
        switch (t.Data)
        {
            case float[]: Pick(c, t.AsSpan<float>(), e.AsSpan<float>(), o.AsSpan<float>(), inner); break;
            case double[]: Pick(c, t.AsSpan<double>(), e.AsSpan<double>(), o.AsSpan<double>(), inner); break;
            case int[]: Pick(c, t.AsSpan<int>(), e.AsSpan<int>(), o.AsSpan<int>(), inner); break;
            case long[]: Pick(c, t.AsSpan<long>(), e.AsSpan<long>(), o.AsSpan<long>(), inner); break;
            case bool[]: Pick(c, t.AsSpan<bool>(), e.AsSpan<bool>(), o.AsSpan<bool>(), inner); break;
        }
    }

    static void Pick<T>(ReadOnlySpan<bool> c, ReadOnlySpan<T> t, ReadOnlySpan<T> e, Span<T> o, int inner) where T : unmanaged
    {
        for (int i = 0; i < c.Length; i++)
        {
            var src = c[i] ? t : e;
            src.Slice(i * inner, inner).CopyTo(o.Slice(i * inner, inner));
        }
    }

    static string Dbg(NDArray a) => $"[{string.Join(",", a.shape)}]";

    static InvalidArgumentError NotSameShape(KernelContext ctx, int i, NDArray a, NDArray b) =>
        new($"Inputs to operation {ctx.Op.name} of type {ctx.Op.type} must have the same size and shape.  Input 0: {Dbg(a)} != input {i}: {Dbg(b)}", ctx.Op);
}

/// <summary>Coordinates of the true (non-zero) elements of a tensor, as an int64 matrix [count, rank].</summary>
internal sealed class WhereOp : OpDef
{
    public static readonly WhereOp Instance = new();

    WhereOp() : base("Where", "input") { }

    public override bool IsDifferentiable => false;

    public Tensor Build(Tensor input, string? name) => Create(name, Type, [input]).outputs[0];

    public override TensorSpec[] Infer(InferContext c) =>
        InferContext.One(DType.Int64, new TensorShape(-1, c.Shape(0).ndims ?? -1));

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var hits = new List<int>();
        for (int i = 0; i < x.size; i++)
            if (x.Data is bool[] b ? b[i] : x.GetDouble(i) != 0) hits.Add(i);
        int rank = x.ndim;
        Span<int> shape = [hits.Count, rank];
        var o = ctx.Output(0, DType.Int64, shape).AsSpan<long>();
        for (int k = 0; k < hits.Count; k++)
        {
            int flat = hits[k];
            for (int d = rank - 1; d >= 0; d--)
            {
                o[k * rank + d] = flat % x.shape[d];
                flat /= x.shape[d];
            }
        }
    }
}
