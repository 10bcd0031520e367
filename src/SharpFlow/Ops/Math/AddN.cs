using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Element-wise sum of N same-shaped tensors of one dtype (no broadcasting).</summary>
internal sealed class AddNOp : OpDef
{
    public static readonly AddNOp Instance = new();

    AddNOp() : base("AddN", "inputs") { }

    public Tensor Build(Tensor[] inputs, string? name) => Create(name, Type, inputs).outputs[0];

    public override TensorSpec[] Infer(InferContext c)
    {
        int n = c.InputCount;
        var types = Enumerable.Range(0, n).Select(c.DType).ToArray();
        // TF parity: op_def_library.py wording for a list input whose dtypes differ.
        if (types.Any(t => t != types[0]))
            throw new TypeError($"Tensors in list passed to 'inputs' of 'AddN' Op have types [{string.Join(", ", types.Select(t => t.name))}] that don't all match.");
        c.RequireType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
        // TF parity: math_ops.cc merges from the last input backwards, adding context to the error.
        var cur = c.Shape(n - 1);
        for (int i = n - 2; i >= 0; i--)
        {
            var s = c.Shape(i);
            if (s.Dims is { } a && cur.Dims is { } b)
            {
                string? error = null;
                if (a.Length != b.Length) error = $"Shapes must be equal rank, but are {a.Length} and {b.Length}";
                else
                    for (int k = 0; k < a.Length && error is null; k++)
                        if (a[k] >= 0 && b[k] >= 0 && a[k] != b[k])
                            error = $"Dimension {k} in both shapes must be equal, but are {a[k]} and {b[k]}. Shapes are {s.CppString} and {cur.CppString}.";
                if (error is not null) throw c.Error($"{error}\n\tFrom merging shape {i} with other shapes.");
            }
            cur = s.merge_with(cur);
        }
        return InferContext.One(types[0], cur);
    }

    // TF parity: math_grad.py _AddNGrad: every input receives the gradient unchanged.
    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => Enumerable.Repeat(grads[0], op.inputs.Count).ToArray();

    public override void Compute(KernelContext ctx)
    {
        var first = ctx.Input(0);
        for (int i = 1; i < ctx.InputCount; i++)
        {
            var x = ctx.Input(i);
            if (!x.shape.AsSpan().SequenceEqual(first.shape))
                throw new InvalidArgumentError($"Inputs to operation {ctx.Op.name} of type {ctx.Op.type} must have the same size and shape.  " +
                    $"Input 0: [{string.Join(",", first.shape)}] != input {i}: [{string.Join(",", x.shape)}]", ctx.Op);
        }
        if (ctx.InputCount == 1)
        {
            ctx.SetOutput(0, first);
            return;
        }
        var o = ctx.OutputLike(0, first);
        switch (first.Data)
        {
            case float[]: Sum<float, AddOperator<float>>(ctx, o); break;
            case double[]: Sum<double, AddOperator<double>>(ctx, o); break;
            case int[]: Sum<int, AddOperator<int>>(ctx, o); break;
            case long[]: Sum<long, AddOperator<long>>(ctx, o); break;
        }
    }

    // The output buffer is never an input, so accumulating into it in place is safe.
    static void Sum<T, TAdd>(KernelContext ctx, NDArray o) where T : unmanaged where TAdd : IBinaryOp<T>
    {
        var dst = o.AsSpan<T>();
        Elementwise.Binary<T, TAdd>(ctx.Input(0).AsSpan<T>(), ctx.Input(1).AsSpan<T>(), dst);
        for (int i = 2; i < ctx.InputCount; i++) Elementwise.Binary<T, TAdd>(dst, ctx.Input(i).AsSpan<T>(), dst);
    }
}
