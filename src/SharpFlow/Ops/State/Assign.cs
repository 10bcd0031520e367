using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Ops;

/// <summary>Stores a value into a variable; outputs the variable.</summary>
internal sealed class AssignOp : OpDef
{
    public static readonly AssignOp Instance = new();
    public static readonly AttrKey<bool> ValidateShape = new("validate_shape", true);
    public static readonly AttrKey<bool> UseLocking = new("use_locking", true);

    AssignOp() : base("Assign", "ref", "value") { }

    public override int[] SameTypeInputs => [0, 1];
    public override int[] RefInputs => [0];
    public override bool IsStateful => true;
    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor target, Tensor value, bool validateShape, string? name)
    {
        VariableOps.RequireVariable(target, "Assign");
        return Instance.Create(name, "Assign", [target, value], AttrMap.Of(ValidateShape.With(validateShape))).outputs[0];
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        if (!c.Get(ValidateShape)) return InferContext.One(c.DType(0), c.Shape(1));
        return InferContext.One(c.DType(0), c.Merge(0, 1));
    }

    public override void Compute(KernelContext ctx)
    {
        var varOp = ctx.Op.inputs[0].op;
        var value = ctx.Input(1);
        bool has = ctx.State.TryGetVariable(varOp, out var current);
        if (has && current.shape.AsSpan().SequenceEqual(value.shape))
            Array.Copy(value.Data, current.Data, value.size);   // in place: readers of the variable see the new value
        else
        {
            if (ctx.Get(ValidateShape) && !varOp.outputs[0].get_shape().Accepts(value.shape))
                throw new InvalidArgumentError($"Assign requires shapes of both tensors to match. lhs shape= {varOp.outputs[0].get_shape().CppString} rhs shape= [{string.Join(",", value.shape)}]", ctx.Op);
            if (has && ctx.Get(ValidateShape))
                throw new InvalidArgumentError($"Assign requires shapes of both tensors to match. lhs shape= [{string.Join(",", current.shape)}] rhs shape= [{string.Join(",", value.shape)}]", ctx.Op);
            current = value.copy();
            ctx.State.SetVariable(varOp, current);
        }
        ctx.SetOutput(0, current);
    }
}

/// <summary>Adds to (or subtracts from) a variable in place; outputs the variable.</summary>
internal sealed class AssignUpdateOp : OpDef
{
    public static readonly AssignUpdateOp Add = new("AssignAdd", subtract: false);
    public static readonly AssignUpdateOp Sub = new("AssignSub", subtract: true);
    readonly bool _subtract;

    AssignUpdateOp(string type, bool subtract) : base(type, "ref", "value") => _subtract = subtract;

    public override int[] SameTypeInputs => [0, 1];
    public override int[] RefInputs => [0];
    public override bool IsStateful => true;
    public override bool IsDifferentiable => false;

    public Tensor Build(Tensor target, Tensor value, string? name)
    {
        VariableOps.RequireVariable(target, Type);
        return Create(name, Type, [target, value]).outputs[0];
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        return InferContext.One(c.DType(0), c.Merge(0, 1));
    }

    public override void Compute(KernelContext ctx)
    {
        var varOp = ctx.Op.inputs[0].op;
        if (!ctx.State.TryGetVariable(varOp, out var current))
            throw new FailedPreconditionError($"Attempting to use uninitialized value {varOp.name}", ctx.Op);
        var value = ctx.Input(1);
        if (!current.shape.AsSpan().SequenceEqual(value.shape))
            throw new InvalidArgumentError($"Must have the same number of elements: {current.size} vs. {value.size}", ctx.Op);
        switch (current.Data)
        {
            case float[]: Update<float, AddOperator<float>, SubOperator<float>>(current, value); break;
            case double[]: Update<double, AddOperator<double>, SubOperator<double>>(current, value); break;
            case int[]: Update<int, AddOperator<int>, SubOperator<int>>(current, value); break;
            case long[]: Update<long, AddOperator<long>, SubOperator<long>>(current, value); break;
            default: throw new InvalidArgumentError($"{Type} does not support {current.dtype}", ctx.Op);
        }
        ctx.SetOutput(0, current);
    }

    void Update<T, TAdd, TSub>(NDArray current, NDArray value)
        where T : unmanaged where TAdd : IBinaryOp<T> where TSub : IBinaryOp<T>
    {
        var dst = current.AsSpan<T>();
        if (_subtract) Elementwise.Binary<T, TSub>(dst, value.AsSpan<T>(), dst);
        else Elementwise.Binary<T, TAdd>(dst, value.AsSpan<T>(), dst);
    }
}

/// <summary>Checks shared by the ops that write to variables.</summary>
internal static class VariableOps
{
    internal static void RequireVariable(Tensor target, string opType)
    {
        if (target.op.type != "VariableV2" && target.op.Def.RefInputs.Length == 0)
            throw new TypeError($"'{opType}' Op requires that input 'ref' be a mutable tensor (e.g.: a tf.Variable)");
    }
}
