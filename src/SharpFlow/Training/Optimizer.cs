namespace SharpFlow;

/// <summary>Base class of the optimizers: computes gradients of a loss and applies them to variables.</summary>
/// <remarks>
/// Mirrors <c>tf.train.Optimizer</c> (TF 1.x, python/training/optimizer.py): <c>minimize</c> =
/// <c>compute_gradients</c> + <c>apply_gradients</c>; one apply op per variable under
/// <c>name/update_var</c>, slot variables (<c>w/Adam</c>) created once per variable, and <c>global_step</c>
/// incremented after every update. Gradient gating only orders execution in TensorFlow; SharpFlow's executor
/// runs sequentially, so <c>gate_gradients</c> is validated and otherwise has no effect.
/// </remarks>
public abstract class Optimizer
{
    /// <summary>Compute and apply gradients in parallel.</summary>
    public const int GATE_NONE = 0;
    /// <summary>For each op, compute all gradients before using them (the default).</summary>
    public const int GATE_OP = 1;
    /// <summary>Compute all gradients before applying any.</summary>
    public const int GATE_GRAPH = 2;

    readonly Dictionary<string, Dictionary<Operation, Variable>> _slots = [];
    readonly Dictionary<(string, Graph), Variable> _nonSlot = [];

    /// <summary>Creates the optimizer; <paramref name="name"/> prefixes its ops and slot variables.</summary>
    protected Optimizer(bool use_locking, string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ValueError("Must specify the optimizer name");
        UseLocking = use_locking;
        Name = name;
    }

    /// <summary>Whether the apply ops are built with <c>use_locking</c>.</summary>
    protected bool UseLocking { get; }

    /// <summary>The optimizer's name (<c>Adam</c>, <c>GradientDescent</c> …).</summary>
    protected string Name { get; }

    /// <summary>The name given at construction.</summary>
    public string get_name() => Name;

    /// <summary>Adds ops that update <paramref name="var_list"/> (default: the trainable variables) to reduce <paramref name="loss"/>.</summary>
    public Operation minimize(Tensor loss, Variable? global_step = null, IEnumerable<Variable>? var_list = null,
        int gate_gradients = GATE_OP, int? aggregation_method = null, bool colocate_gradients_with_ops = false,
        string? name = null, Tensor? grad_loss = null)
    {
        var grads = compute_gradients(loss, var_list, gate_gradients, aggregation_method, colocate_gradients_with_ops, grad_loss);
        if (grads.All(gv => gv.grad is null))
            throw new ValueError("No gradients provided for any variable, check your graph for ops that do not support gradients, " +
                $"between variables {PyList(grads.Select(gv => gv.var))} and loss {loss}.");
        return apply_gradients(grads, global_step, name);
    }

    /// <summary>Gradients of <paramref name="loss"/> for each variable; a gradient is null where the loss does not depend on it.</summary>
    public IReadOnlyList<(Tensor? grad, Variable var)> compute_gradients(Tensor loss, IEnumerable<Variable>? var_list = null,
        int gate_gradients = GATE_OP, int? aggregation_method = null, bool colocate_gradients_with_ops = false, Tensor? grad_loss = null)
    {
        if (gate_gradients is not (GATE_NONE or GATE_OP or GATE_GRAPH))
            throw new ValueError($"gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not {gate_gradients}");
        AssertValidDtypes([loss]);
        if (grad_loss is not null) AssertValidDtypes([grad_loss]);
        var vars = var_list?.ToList() ?? loss.graph.get_collection<Variable>(tf.GraphKeys.TRAINABLE_VARIABLES);
        if (vars.Count == 0) throw new ValueError("No variables to optimize.");
        var grads = tf.gradients([loss], vars.Cast<Tensor>().ToList(), grad_loss is null ? null : [grad_loss],
            colocate_gradients_with_ops: colocate_gradients_with_ops, gate_gradients: gate_gradients == GATE_OP,
            aggregation_method: aggregation_method);
        var result = vars.Select((v, i) => (grads[i], v)).ToList();
        AssertValidDtypes(result.Where(gv => gv.Item1 is not null).Select(gv => (Tensor)gv.v));
        return result;
    }

    /// <summary>Adds the update ops for (gradient, variable) pairs; increments <paramref name="global_step"/> after them.</summary>
    public Operation apply_gradients(IEnumerable<(Tensor? grad, Variable var)> grads_and_vars, Variable? global_step = null, string? name = null)
    {
        var pairs = grads_and_vars.ToList();
        if (pairs.Count == 0) throw new ValueError("No variables provided.");
        var withGrad = pairs.Where(p => p.grad is not null).Select(p => (grad: p.grad!, p.var)).ToList();
        if (withGrad.Count == 0)
            throw new ValueError($"No gradients provided for any variable: {PyList(pairs.Select(p => p.var))}.");
        var g = withGrad[0].var.graph;
        using var graphScope = g.as_default();
        using (g.control_dependencies(null))
            CreateSlots([.. withGrad.Select(p => p.var)]);
        using var scope = g.name_scope(name ?? Name);
        var scopeName = g.NameStack;
        Prepare();
        var updates = new List<Operation>();
        foreach (var (grad, v) in withGrad)
            using (g.name_scope("update_" + v.op.name))
                updates.Add(ApplyDense(grad, v));
        Operation apply;
        if (global_step is null) apply = Finish(updates, scopeName + "/");
        else
        {
            using (g.control_dependencies([Finish(updates, "update")]))
                apply = tf.assign_add(global_step, 1, name: scopeName + "/").op;
        }
        var trainOps = g.get_collection_ref(tf.GraphKeys.TRAIN_OP);
        if (!trainOps.Contains(apply)) trainOps.Add(apply);
        return apply;
    }

    /// <summary>The slot named <paramref name="name"/> created for <paramref name="var"/>, or null.</summary>
    public Variable? get_slot(Variable var, string name) =>
        _slots.TryGetValue(name, out var named) && named.TryGetValue(var.op, out var slot) ? slot : null;

    /// <summary>Names of the slots this optimizer created, sorted.</summary>
    public IEnumerable<string> get_slot_names() => _slots.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Slot and non-slot variables of the default graph, sorted by name.</summary>
    public List<Variable> variables()
    {
        var g = tf.get_default_graph();
        return _nonSlot.Values.Concat(_slots.Values.SelectMany(d => d.Values))
            .Where(v => v.graph == g).OrderBy(v => v.name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates the slots the algorithm needs for each variable.</summary>
    private protected virtual void CreateSlots(List<Variable> varList) { }

    /// <summary>Creates the hyper-parameter tensors, inside the optimizer's name scope.</summary>
    private protected virtual void Prepare() { }

    /// <summary>The op that applies a dense gradient to one variable.</summary>
    private protected abstract Operation ApplyDense(Tensor grad, Variable var);

    /// <summary>Groups the update ops (Adam also advances its β powers here).</summary>
    private protected virtual Operation Finish(List<Operation> updateOps, string name) =>
        tf.group(updateOps.Cast<ITensorOrOperation>(), name);

    /// <summary>A learning-rate-like hyper-parameter as a tensor: the given tensor, or a float32 constant.</summary>
    private protected static Tensor HyperParameter(double value, Tensor? tensor, string name) =>
        tensor ?? tf.constant((float)value, name: name);

    /// <summary>A hyper-parameter cast to the variable's dtype (no op when it already matches).</summary>
    private protected static Tensor Cast(Tensor t, Variable var) => tf.cast(t, var.dtype);

    /// <summary>A slot initialised to zeros, named <c>var/opName</c>.</summary>
    private protected Variable ZerosSlot(Variable var, string slotName, string opName) =>
        GetOrMakeSlot(var, tf.zeros_initializer(), var.dtype, slotName, opName);

    /// <summary>The slot of <paramref name="var"/> named <paramref name="slotName"/>, created from an initializer on first use.</summary>
    private protected Variable GetOrMakeSlot(Variable var, Initializer initializer, DType dtype, string slotName, string opName)
    {
        if (!_slots.TryGetValue(slotName, out var named)) _slots[slotName] = named = [];
        if (!named.TryGetValue(var.op, out var slot))
            named[var.op] = slot = SlotCreator.Create(var, initializer, dtype, opName);
        return slot;
    }

    /// <summary>An extra variable shared by all variables of one graph (Adam's <c>beta1_power</c>).</summary>
    private protected Variable NonSlotVariable(double initialValue, string name, Graph graph)
    {
        if (!_nonSlot.TryGetValue((name, graph), out var v))
        {
            using (graph.as_default())
            using (graph.control_dependencies(null))
                v = tf.Variable(initialValue, name: name, trainable: false);
            _nonSlot[(name, graph)] = v;
        }
        return v;
    }

    /// <summary>The non-slot variable <paramref name="name"/> of <paramref name="graph"/>.</summary>
    private protected Variable GetNonSlotVariable(string name, Graph graph) => _nonSlot[(name, graph)];

    static readonly string[] ValidDtypes = ["tf.float16", "tf.bfloat16", "tf.float32", "tf.float64"];

    static void AssertValidDtypes(IEnumerable<Tensor> tensors)
    {
        // TF parity: optimizer.py, _assert_valid_dtypes.
        foreach (var t in tensors)
            if (!t.dtype.is_floating)
                throw new ValueError($"Invalid type tf.{t.dtype} for {t.name}, expected: [{string.Join(", ", ValidDtypes)}].");
    }

    /// <summary>Python's <c>str</c> of a list of variable strings: <c>["&lt;tf.Variable 'x:0' …&gt;"]</c>.</summary>
    internal static string PyList(IEnumerable<Variable> vars) => "[" + string.Join(", ", vars.Select(v => $"\"{v}\"")) + "]";
}

/// <summary>Creates slot variables named after their primary variable (<c>w/Adam</c>, <c>w/Adam_1</c>).</summary>
/// <remarks>TF parity: python/training/slot_creator.py (a <c>get_variable</c> in a uniquely named scope).</remarks>
internal static class SlotCreator
{
    internal static Variable Create(Tensor primary, Initializer initializer, DType dtype, string name)
    {
        var g = primary.graph;
        using var graphScope = g.as_default();
        using var noDeps = g.control_dependencies(null);
        var current = g.Variables.Current.name;
        var prefix = current.Length > 0 ? current + "/" : "";
        var unique = g.Variables.UniqueScopeName(prefix + primary.op.name + "/" + name)[prefix.Length..];
        var shape = primary.get_shape();
        if (!shape.is_fully_defined())
            throw new ValueError($"Shape of a new variable ({unique}) must be fully defined, but instead was {shape}.");
        return tf.get_variable(unique, shape: shape, dtype: dtype, initializer: initializer, trainable: false);
    }
}
