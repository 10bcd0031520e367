namespace SharpFlow.Ops;

/// <summary>A constant value stored in the graph.</summary>
internal sealed class ConstOp : OpDef, IConstantFoldable
{
    public static readonly ConstOp Instance = new();
    public static readonly AttrKey<NDArray> Value = new("value", null!);

    ConstOp() : base("Const") { }

    public override bool IsDifferentiable => false;

    public static Tensor Build(NDArray value, string? name) =>
        Instance.Create(name, "Const", [], AttrMap.Of(Value.With(value))).outputs[0];

    /// <summary>
    /// A C# number not yet in any graph: the op that consumes it adds it as <c>op_name/input_name</c>
    /// in the dtype it needs, as TensorFlow converts Python numbers inside the op's name scope.
    /// </summary>
    public static Tensor Literal(NDArray value, double literal)
    {
        var op = new Operation(tf.get_default_graph(), Instance, "Const", [], AttrMap.Of(Value.With(value)), [], id: -1);
        var t = new Tensor(op, 0, value.dtype, new TensorShape(value.shape)) { LiteralValue = literal };
        op.SetOutputs([t]);
        return t;
    }

    public override TensorSpec[] Infer(InferContext c)
    {
        var v = c.Get(Value);
        return InferContext.One(v.dtype, new TensorShape(v.shape));
    }

    public NDArray? Fold(Tensor output) => output.op.Get(Value);

    public override void Compute(KernelContext ctx) => ctx.SetOutput(0, ctx.Get(Value));
}

/// <summary>A value that must be fed at run time.</summary>
internal sealed class PlaceholderOp : OpDef
{
    public static readonly PlaceholderOp Instance = new();
    public static readonly AttrKey<DType> DTypeAttr = new("dtype", DType.Float32);
    public static readonly AttrKey<TensorShape> ShapeAttr = new("shape", TensorShape.Unknown);

    PlaceholderOp() : base("Placeholder") { }

    public override bool IsDifferentiable => false;

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.Get(DTypeAttr), c.Get(ShapeAttr));

    public override void Compute(KernelContext ctx)
    {
        var shape = ctx.Get(ShapeAttr);
        var dtype = ctx.Get(DTypeAttr);
        throw new InvalidArgumentError(shape.IsUnknownRank
            ? $"You must feed a value for placeholder tensor '{ctx.Op.name}' with dtype {dtype.CppName}"
            : $"You must feed a value for placeholder tensor '{ctx.Op.name}' with dtype {dtype.CppName} and shape {shape.CppString}", ctx.Op);
    }
}

/// <summary>Passes its input through unchanged.</summary>
internal sealed class IdentityOp : OpDef, IConstantFoldable
{
    public static readonly IdentityOp Instance = new();

    IdentityOp() : base("Identity", "input") { }

    public static Tensor Build(Tensor x, string? name) => Instance.Create(name, "Identity", [x]).outputs[0];

    /// <summary>An Identity that reads a variable's storage directly, not its snapshot.</summary>
    public static Tensor BuildRef(Tensor x, string? name) => Instance.Create(name, "Identity", [x], keepRefs: true).outputs[0];

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.DType(0), c.Shape(0));

    public NDArray? Fold(Tensor output) => ConstantFolding.Value(output.op.inputs[0]);

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads) => [grads[0]];

    public override void Compute(KernelContext ctx) => ctx.SetOutput(0, ctx.Input(0));
}

/// <summary>Does nothing; groups control dependencies.</summary>
internal sealed class NoOp : OpDef
{
    public static readonly NoOp Instance = new();

    NoOp() : base("NoOp") { }

    public override bool IsDifferentiable => false;

    public override TensorSpec[] Infer(InferContext c) => [];

    public override void Compute(KernelContext ctx) { }
}
