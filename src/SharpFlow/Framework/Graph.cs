using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>A dataflow graph: operations, their names, scopes and collections.</summary>
/// <remarks>Mirrors <c>tf.Graph</c>. Append-only: ops are never removed, so cached execution plans stay valid.</remarks>
public sealed class Graph : IDisposable
{
    readonly List<Operation> _ops = [];
    readonly Dictionary<string, Operation> _byName = [];
    readonly Dictionary<string, int> _namesInUse = [];
    readonly Dictionary<string, List<object>> _collections = [];
    readonly Dictionary<Tensor, List<Operation>> _consumers = [];
    bool _finalized;

    internal string NameStack { get; set; } = "";
    internal string DeviceScope { get; set; } = "";
    internal List<Operation>? ControlDependencies { get; set; }
    internal VariableStore Variables { get; } = new();

    /// <summary>Graph-level random seed (<c>tf.set_random_seed</c>), or null.</summary>
    public int? seed { get; set; }

    /// <summary>Increments whenever an op is added.</summary>
    public int version => _ops.Count;

    /// <summary>True once <see cref="finalize"/> has been called.</summary>
    public bool finalized => _finalized;

    /// <summary>Makes this graph the default graph of this thread until the scope is disposed.</summary>
    public IDisposable as_default() => DefaultStacks.PushGraph(this);

    /// <summary>Pins ops created in the scope to a device (<c>/gpu:0</c> becomes <c>/device:GPU:0</c>).</summary>
    public IDisposable device(string? device_name)
    {
        var saved = DeviceScope;
        DeviceScope = device_name is null ? "" : DeviceSpec.Merge(saved, DeviceSpec.Normalize(device_name));
        return new Scope(() => DeviceScope = saved);
    }

    /// <summary>Opens a name scope; re-entering a name gives <c>name_1</c>. A name ending in '/' is used as is.</summary>
    public IDisposable name_scope(string? name)
    {
        var saved = NameStack;
        if (string.IsNullOrEmpty(name)) NameStack = "";
        else if (name.EndsWith('/')) NameStack = name.TrimEnd('/');
        else NameStack = UniqueName(name);
        return new Scope(() => NameStack = saved);
    }

    /// <summary>Ops created in the scope run after <paramref name="control_inputs"/>; null clears the dependencies.</summary>
    public IDisposable control_dependencies(IEnumerable<ITensorOrOperation>? control_inputs)
    {
        var saved = ControlDependencies;
        if (control_inputs is null) ControlDependencies = null;
        else
        {
            var list = new List<Operation>(saved ?? []);
            foreach (var c in control_inputs)
            {
                var op = c.AsOperation;
                if (op.graph != this) throw new ValueError($"Control input {op.name} must be from the same graph.");
                if (!list.Contains(op)) list.Add(op);
            }
            ControlDependencies = list;
        }
        return new Scope(() => ControlDependencies = saved);
    }

    /// <summary>A name not yet used in this graph, prefixed with the current name scope.</summary>
    public string unique_name(string name, bool mark_as_used = true) => UniqueName(name, mark_as_used);

    internal string UniqueName(string name, bool markAsUsed = true)
    {
        if (NameStack.Length > 0) name = NameStack + "/" + name;
        // TF parity: names compare case-insensitively (python/framework/ops.py, Graph.unique_name).
        var key = name.ToLowerInvariant();
        _namesInUse.TryGetValue(key, out int i);
        if (markAsUsed) _namesInUse[key] = i + 1;
        if (i > 0)
        {
            var baseKey = key;
            while (_namesInUse.ContainsKey(key)) key = $"{baseKey}_{i++}";
            if (markAsUsed) _namesInUse[key] = 1;
            name = $"{name}_{i - 1}";
        }
        return name;
    }

    /// <summary>The one funnel through which every op enters the graph.</summary>
    internal Operation CreateOp(OpDef def, Tensor[] inputs, AttrMap attrs, string? name, string defaultName, bool keepRefs = false)
    {
        if (_finalized) throw new RuntimeError("Graph is finalized and cannot be modified.");
        string opName;
        if (name is not null && name.EndsWith('/')) opName = name.TrimEnd('/');
        else opName = UniqueName(string.IsNullOrEmpty(name) ? defaultName : name);
        inputs = PrepareInputs(def, inputs, keepRefs, opName);
        var control = ControlDependencies ?? [];
        var op = new Operation(this, def, opName, inputs, attrs, control.Where(c => !inputs.Any(t => t.op == c)), _ops.Count)
        {
            device = DeviceScope,
        };
        var specs = def.Infer(new InferContext(op));
        op.SetOutputs(specs.Select((s, i) => new Tensor(op, i, s.dtype, s.shape)).ToArray());
        _ops.Add(op);
        _byName[opName] = op;
        foreach (var t in inputs)
        {
            if (!_consumers.TryGetValue(t, out var list)) _consumers[t] = list = [];
            list.Add(op);
        }
        return op;
    }

    Tensor[] PrepareInputs(OpDef def, Tensor[] inputs, bool keepRefs, string opName)
    {
        var result = new Tensor[inputs.Length];
        var refs = def.RefInputs;
        for (int i = 0; i < inputs.Length; i++)
            result[i] = inputs[i] ?? throw new ValueError($"None values not supported (input {i} of {def.Type}).");
        LiteralCoercion.Apply(this, def, result);
        var first = result.FirstOrDefault(t => t.graph == this && !t.op.IsDetached);
        for (int i = 0; i < result.Length; i++)
        {
            var t = result[i];
            if (t.op.IsDetached) t = result[i] = AddLiteral(t, opName, i < def.InputNames.Length ? def.InputNames[i] : $"input_{i}");
            if (t.graph != this)
                throw new ValueError($"{t} must be from the same graph as {first?.ToString() ?? "the other inputs"}.");
            // TF parity: a variable used as a plain input reads its snapshot (Variable._AsTensor).
            result[i] = t is Variable v && !keepRefs && !refs.Contains(i) && v.HasSnapshot ? v.value() : t;
        }
        return result;
    }

    // TF parity: Python numbers become constants inside the consuming op's name scope (Maximum/y).
    Tensor AddLiteral(Tensor literal, string opName, string inputName)
    {
        var saved = NameStack;
        NameStack = opName;
        try
        {
            return CreateOp(literal.op.Def, [], literal.op.Attrs, inputName, "Const").outputs[0];
        }
        finally
        {
            NameStack = saved;
        }
    }

    /// <summary>Prevents any further change to the graph.</summary>
    public void finalize() => _finalized = true;

    /// <summary>All operations, in creation order.</summary>
    public Operation[] get_operations() => [.. _ops];

    internal IReadOnlyList<Operation> Ops => _ops;

    /// <summary>The operation with this name; throws <see cref="KeyNotFoundException"/> if none.</summary>
    public Operation get_operation_by_name(string name) =>
        _byName.TryGetValue(name, out var op) ? op : throw new KeyNotFoundException($"The name '{name}' refers to an Operation not in the graph.");

    /// <summary>The tensor named <c>op:index</c>.</summary>
    public Tensor get_tensor_by_name(string name)
    {
        int colon = name.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(name[(colon + 1)..], out int index))
            throw new ValueError($"The name '{name}' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".");
        if (!_byName.TryGetValue(name[..colon], out var op))
            throw new KeyNotFoundException($"The name '{name}' refers to a Tensor which does not exist. The operation, '{name[..colon]}', does not exist in the graph.");
        if (index >= op.outputs.Count)
            throw new KeyNotFoundException($"The name '{name}' refers to a Tensor which does not exist. The operation, '{op.name}', exists but only has {op.outputs.Count} outputs.");
        return op.outputs[index];
    }

    internal Operation[] ConsumersOf(Tensor t) => _consumers.TryGetValue(t, out var l) ? [.. l] : [];

    /// <summary>Adds a value to the named collection.</summary>
    public void add_to_collection(string name, object value)
    {
        if (!_collections.TryGetValue(name, out var list)) _collections[name] = list = [];
        list.Add(value);
    }

    /// <summary>A copy of the named collection (empty if it does not exist).</summary>
    public List<object> get_collection(string name) => _collections.TryGetValue(name, out var l) ? [.. l] : [];

    /// <summary>The items of the named collection that are of type <typeparamref name="T"/>.</summary>
    public List<T> get_collection<T>(string name) => get_collection(name).OfType<T>().ToList();

    /// <summary>The live list of a collection, created if missing.</summary>
    public List<object> get_collection_ref(string name)
    {
        if (!_collections.TryGetValue(name, out var list)) _collections[name] = list = [];
        return list;
    }

    /// <summary>Names of the collections in this graph.</summary>
    public IEnumerable<string> get_all_collection_keys() => _collections.Keys;

    /// <summary>Releases nothing (graphs hold managed memory only); present for <c>using</c> blocks.</summary>
    public void Dispose() { }

    internal static Graph InferGraph(Tensor[] inputs)
    {
        Graph? g = null;
        foreach (var t in inputs)
        {
            if (t is null) continue;
            if (t.LiteralValue is null) { g = t.graph; break; }
            g ??= t.graph;
        }
        return g ?? tf.get_default_graph();
    }

    sealed class Scope(Action restore) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            restore();
        }
    }
}
