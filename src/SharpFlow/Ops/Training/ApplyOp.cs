using System.Numerics;
using System.Runtime.Intrinsics;

namespace SharpFlow.Ops;

/// <summary>
/// Shared contract of the dense optimizer update ops (<c>ApplyAdam</c> …): the leading inputs are variables
/// updated in place, then scalar hyper-parameters, and the gradient last; the output is the updated variable.
/// </summary>
internal abstract class ApplyOp : OpDef
{
    public static readonly AttrKey<bool> UseLocking = new("use_locking", false);

    readonly int _refCount;

    /// <param name="type">TensorFlow's op type.</param>
    /// <param name="refCount">How many leading inputs are variables (the variable and its slots).</param>
    /// <param name="inputNames">TensorFlow's input names (the gradient is named <c>grad</c> or <c>delta</c>).</param>
    protected ApplyOp(string type, int refCount, params string[] inputNames) : base(type, inputNames) => _refCount = refCount;

    public override int[] SameTypeInputs => [.. Enumerable.Range(0, InputNames.Length)];
    public override int[] RefInputs => [.. Enumerable.Range(0, _refCount)];
    public override bool IsStateful => true;
    public override bool IsDifferentiable => false;

    // TF parity: the gradient is last except in ApplyMomentum (var, accum, lr, grad, momentum).
    int GradIndex => Array.FindIndex(InputNames, n => n is "grad" or "delta");

    /// <summary>Builds the op; inputs in TensorFlow's order.</summary>
    public Tensor Build(Tensor[] inputs, string? name, params KeyValuePair<string, object?>[] attrs)
    {
        for (int i = 0; i < _refCount; i++) VariableOps.RequireVariable(inputs[i], Type);
        return Create(name, Type, inputs, AttrMap.Of(attrs)).outputs[0];
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        // TF parity: core/ops/training_ops.cc shape functions: slots and gradient merge with var, hyper-parameters are scalars.
        c.RequireType(0, DType.Float32, DType.Float64);
        var shape = c.Shape(0);
        for (int i = 1; i < InputNames.Length; i++)
        {
            if (i < _refCount || i == GradIndex) shape = shape.merge_with(c.Merge(0, i));
            else c.RequireRank(i, 0);
        }
        return InferContext.One(c.DType(0), shape);
    }

    public sealed override void Compute(KernelContext ctx)
    {
        var refs = ctx.Scratch<NDArray>(_refCount);   // reused per plan step: steady-state training allocates nothing
        for (int i = 0; i < _refCount; i++) refs[i] = Storage(ctx, i);
        for (int i = _refCount; i < InputNames.Length; i++)
        {
            if (i == GradIndex) continue;
            var s = ctx.Input(i);
            if (s.size != 1)
                throw new InvalidArgumentError($"{InputNames[i]} is not a scalar: {Shape(s)}", ctx.Op);
        }
        var grad = ctx.Input(GradIndex);
        for (int i = 1; i < _refCount; i++) RequireSameShape(ctx, refs[0], refs[i], InputNames[i]);
        RequireSameShape(ctx, refs[0], grad, InputNames[GradIndex]);
        switch (refs[0].Data)
        {
            case float[]: Update<float>(ctx, refs, grad); break;
            case double[]: Update<double>(ctx, refs, grad); break;
            default: throw new InvalidArgumentError($"{Type} does not support {refs[0].dtype}", ctx.Op);
        }
        ctx.SetOutput(0, refs[0]);
    }

    /// <summary>Applies the update to the variable and slot buffers (index order as the inputs).</summary>
    protected abstract void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The value of scalar input <paramref name="i"/>.</summary>
    protected static T Scalar<T>(KernelContext ctx, int i) where T : unmanaged => ctx.Input(i).AsSpan<T>()[0];

    /// <summary>True when the 256-bit vector path runs for <typeparamref name="T"/>.</summary>
    protected static bool Vectorized<T>() where T : unmanaged => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    /// <summary>Loads one vector from <paramref name="s"/> at <paramref name="i"/>.</summary>
    protected static Vector256<T> Load<T>(Span<T> s, int i) where T : unmanaged => Vector256.Create((ReadOnlySpan<T>)s.Slice(i, Vector256<T>.Count));

    /// <summary>Loads one vector from <paramref name="s"/> at <paramref name="i"/>.</summary>
    protected static Vector256<T> Load<T>(ReadOnlySpan<T> s, int i) where T : unmanaged => Vector256.Create(s.Slice(i, Vector256<T>.Count));

    static string Shape(NDArray a) => "[" + string.Join(",", a.shape) + "]";

    void RequireSameShape(KernelContext ctx, NDArray v, NDArray other, string name)
    {
        // TF parity: training_ops.cc, "var and grad do not have the same shape[2] [3]".
        if (!v.shape.AsSpan().SequenceEqual(other.shape))
            throw new InvalidArgumentError($"var and {name} do not have the same shape{Shape(v)} {Shape(other)}", ctx.Op);
    }

    /// <summary>The live buffer of the variable behind ref input <paramref name="i"/>.</summary>
    static NDArray Storage(KernelContext ctx, int i)
    {
        var op = ctx.Op.inputs[i].op;
        while (op.type != "VariableV2" && op.Def.RefInputs.Length > 0) op = op.inputs[op.Def.RefInputs[0]].op;
        if (!ctx.State.TryGetVariable(op, out var value))
            throw new FailedPreconditionError($"Attempting to use uninitialized variables: {op.name}", ctx.Op);
        return value;
    }
}
