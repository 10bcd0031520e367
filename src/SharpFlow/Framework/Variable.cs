using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>A tensor whose value persists across runs of a session and can be assigned.</summary>
/// <remarks>
/// Mirrors TensorFlow 1.x's ref-based <c>tf.Variable</c>: ops <c>name</c> (VariableV2),
/// <c>name/Assign</c> (initializer) and <c>name/read</c> (snapshot). As a plain op input it reads the snapshot.
/// </remarks>
public sealed class Variable : Tensor
{
    Tensor? _snapshot;

    internal Variable(Operation varOp, Tensor initialValue, bool trainable)
        : base(varOp, 0, varOp.outputs[0].dtype, varOp.outputs[0].get_shape())
    {
        varOp.SetOutputs([this]);
        initial_value = initialValue;
        this.trainable = trainable;
    }

    /// <summary>The tensor the initializer assigns.</summary>
    public Tensor initial_value { get; }

    /// <summary>The op that assigns the initial value.</summary>
    public Operation initializer { get; internal set; } = null!;

    /// <summary>Whether optimizers train it by default.</summary>
    public bool trainable { get; }

    /// <summary>A snapshot of the current value (<c>name/read</c>).</summary>
    public Tensor value() => _snapshot!;

    internal void SetSnapshot(Tensor snapshot) => _snapshot = snapshot;

    internal bool HasSnapshot => _snapshot is not null;

    /// <summary>Reads the current value (an Identity op).</summary>
    public Tensor read_value() => IdentityOp.BuildRef(this, "read");

    /// <summary>The value after running the initializer first, for initialising other variables from this one.</summary>
    public Tensor initialized_value()
    {
        // TF parity: TensorFlow 1.x before 1.4, variables.py: with_dependencies([initializer_op], variable).
        using (graph.control_dependencies(null))
        using (graph.control_dependencies([initializer]))
            return IdentityOp.BuildRef(this, null);
    }

    /// <summary>Assigns a new value.</summary>
    public Tensor assign(Tensor value, bool use_locking = false, string? name = null, bool read_value = true) =>
        AssignOp.Build(this, value, true, name);

    /// <summary>Adds to the value.</summary>
    public Tensor assign_add(Tensor delta, bool use_locking = false, string? name = null) => AssignUpdateOp.Add.Build(this, delta, name);

    /// <summary>Subtracts from the value.</summary>
    public Tensor assign_sub(Tensor delta, bool use_locking = false, string? name = null) => AssignUpdateOp.Sub.Build(this, delta, name);

    /// <summary>Runs the initializer in <paramref name="session"/> (or the default one).</summary>
    public void load(NDArray value, Session? session = null) =>
        (session ?? DefaultStacks.SessionFor(graph, "variable")).run(AssignOp.Build(this, tf.constant(value), true, null));

    /// <summary>Python's <c>repr</c>: <c>&lt;tf.Variable 'Variable:0' shape=(2, 3) dtype=float32_ref&gt;</c>.</summary>
    public override string ToString() => $"<tf.Variable '{name}' shape={get_shape()} dtype={dtype}_ref>";

    /// <summary>Creates the variable's ops in the current graph (the logic of <c>Variable._init_from_args</c>).</summary>
    internal static Variable Create(Func<Tensor> initialValue, bool trainable, string? name, DType? dtype, bool validateShape,
        IEnumerable<string>? collections = null)
    {
        var g = tf.get_default_graph();
        Variable v;
        using (g.control_dependencies(null))
        using (g.name_scope(name ?? "Variable"))
        {
            var scopeName = g.NameStack;
            var init = initialValue();   // constants are built here, named initial_value
            if (init.graph != g) throw new ValueError($"Initial value {init} must be from the same graph as the variable.");
            if (dtype is not null && init.dtype != dtype)
            {
                if (init.LiteralValue is double lit) init = tf.constant_literal(lit, dtype);
                else throw new ValueError($"Tensor conversion requested dtype {dtype} for Tensor with dtype {init.dtype}: '{init}'");
            }
            if (validateShape && !init.get_shape().is_fully_defined())
                throw new ValueError($"initial_value must have a shape specified: {init}");
            var shape = validateShape ? init.get_shape() : TensorShape.Unknown;
            var varOp = VariableV2Op.Instance.Create(scopeName + "/", "VariableV2", [],
                AttrMap.Of(VariableV2Op.DTypeAttr.With(init.dtype), VariableV2Op.ShapeAttr.With(shape)), g);
            v = new Variable(varOp, init, trainable);
            v.initializer = AssignOp.Build(v, init, validateShape, "Assign").op;
            using (g.device(varOp.device.Length > 0 ? varOp.device : ""))
                v.SetSnapshot(IdentityOp.Build(v, "read"));
        }
        foreach (var key in collections ?? [tf.GraphKeys.GLOBAL_VARIABLES])
            g.add_to_collection(key, v);
        if (trainable && collections is null) g.add_to_collection(tf.GraphKeys.TRAINABLE_VARIABLES, v);
        return v;
    }
}
