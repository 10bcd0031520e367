using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>A node of a graph: one op with its inputs, outputs and attributes.</summary>
/// <remarks>Mirrors <c>tf.Operation</c>.</remarks>
public sealed class Operation : ITensorOrOperation
{
    readonly Tensor[] _inputs;
    readonly List<Operation> _controlInputs;
    Tensor[] _outputs = [];

    internal Operation(Graph graph, OpDef def, string name, Tensor[] inputs, AttrMap attrs, IEnumerable<Operation> controlInputs, int id)
    {
        this.graph = graph;
        Def = def;
        this.name = name;
        _inputs = inputs;
        Attrs = attrs;
        _controlInputs = controlInputs.Distinct().ToList();
        Id = id;
    }

    /// <summary>The graph that holds this op.</summary>
    public Graph graph { get; }

    /// <summary>Unique name within the graph.</summary>
    public string name { get; }

    /// <summary>TensorFlow's op-type string (<c>Add</c>, <c>MatMul</c>).</summary>
    public string type => Def.Type;

    /// <summary>The device this op was pinned to (canonical form), or empty.</summary>
    public string device { get; internal set; } = "";

    /// <summary>Data inputs.</summary>
    public IReadOnlyList<Tensor> inputs => _inputs;

    /// <summary>Outputs.</summary>
    public IReadOnlyList<Tensor> outputs => _outputs;

    /// <summary>Operations that must run before this one.</summary>
    public IReadOnlyList<Operation> control_inputs => _controlInputs;

    internal OpDef Def { get; }
    internal AttrMap Attrs { get; }
    internal int Id { get; }

    /// <summary>True for a C# literal's constant that no op has consumed yet (it is not in the graph).</summary>
    internal bool IsDetached => Id < 0;

    internal T Get<T>(AttrKey<T> key) => Attrs.Get(key);

    internal void SetOutputs(Tensor[] outputs) => _outputs = outputs;

    internal void AddControlInput(Operation op)
    {
        if (!_controlInputs.Contains(op)) _controlInputs.Add(op);
    }

    Operation ITensorOrOperation.AsOperation => this;
    Tensor? ITensorOrOperation.AsTensor => null;

    /// <summary>Runs this op in <paramref name="session"/> (or the default session).</summary>
    public void run(Session? session = null, FeedDict? feed_dict = null) =>
        (session ?? DefaultStacks.SessionFor(graph, "operation")).run(this, feed_dict);

    /// <summary>Python's <c>repr</c>-like summary: <c>name: "add" op: "Add"</c>.</summary>
    public override string ToString() => $"name: \"{name}\"\nop: \"{type}\"" +
        string.Concat(_inputs.Select(t => $"\ninput: \"{(t.value_index == 0 ? t.op.name : t.op.name + ":" + t.value_index)}\"")) +
        string.Concat(_controlInputs.Select(c => $"\ninput: \"^{c.name}\"")) +
        (device.Length > 0 ? $"\ndevice: \"{device}\"" : "");
}

/// <summary>What <c>Session.run</c> can fetch: a tensor or an operation.</summary>
public interface ITensorOrOperation
{
    /// <summary>The operation (itself, or the tensor's producer).</summary>
    Operation AsOperation { get; }

    /// <summary>The tensor, or null for an operation.</summary>
    Tensor? AsTensor { get; }
}
