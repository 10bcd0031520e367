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
    readonly int[] _refInputs;

    /// <param name="type">TensorFlow's op type.</param>
    /// <param name="refCount">How many leading inputs are variables (the variable and its slots).</param>
    /// <param name="inputNames">TensorFlow's input names (the gradient is named <c>grad</c> or <c>delta</c>).</param>
    protected ApplyOp(string type, int refCount, params string[] inputNames) : base(type, inputNames)
    {
        _refCount = refCount;
        _refInputs = [.. Enumerable.Range(0, refCount)];
        // TF parity: the gradient is last except in ApplyMomentum (var, accum, lr, grad, momentum).
        GradIndex = Array.FindIndex(inputNames, n => n is "grad" or "delta");
    }

    public override int[] SameTypeInputs => [.. Enumerable.Range(0, InputNames.Length)];
    public override int[] RefInputs => _refInputs;
    public override bool IsStateful => true;
    public override bool IsDifferentiable => false;

    int GradIndex { get; }

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
        // Resolved once per plan step and kept in its scratch slot: steady-state training allocates nothing
        // and looks no variable up in the session's (locked) table.
        var slot = ctx.Scratch<Step?>(1);
        var step = slot[0] ??= new Step(ctx, this);
        var refs = step.Refs;
        for (int i = 0; i < _refCount; i++)
            refs[i] = step.Cells[i].Value ?? throw new FailedPreconditionError($"Attempting to use uninitialized variables: {step.Variables[i].name}", ctx.Op);
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

    /// <summary>What one plan step of an update op resolves once: the variables behind its ref inputs.</summary>
    sealed class Step
    {
        public readonly Operation[] Variables;
        public readonly VariableCell[] Cells;
        public readonly NDArray[] Refs;

        public Step(KernelContext ctx, ApplyOp def)
        {
            Variables = new Operation[def._refCount];
            Cells = new VariableCell[def._refCount];
            Refs = new NDArray[def._refCount];
            for (int i = 0; i < def._refCount; i++)
            {
                // The variable behind a ref input, through ops that pass a ref on (Assign, Identity of a ref …).
                var op = ctx.Op.inputs[i].op;
                while (op.type != "VariableV2" && op.Def.RefInputs.Length > 0) op = op.inputs[op.Def.RefInputs[0]].op;
                Variables[i] = op;
                Cells[i] = ctx.State.Cell(op);
            }
        }
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
}
