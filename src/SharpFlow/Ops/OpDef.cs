namespace SharpFlow.Ops;

/// <summary>Output dtype and static shape that an op's inference rule gives one output.</summary>
internal readonly record struct TensorSpec(DType dtype, TensorShape shape);

/// <summary>
/// The one definition of an op type: its contract (inputs, attributes, type rules), its static
/// shape rule, its gradient and its CPU kernel. One sealed subclass per op, listed in <see cref="OpCatalog"/>.
/// </summary>
internal abstract class OpDef
{
    /// <summary>TensorFlow's op-type string (<c>MatMul</c>).</summary>
    public string Type { get; }

    protected OpDef(string type, params string[] inputNames)
    {
        Type = type;
        InputNames = inputNames;
    }

    /// <summary>TensorFlow's names of the inputs, used in type errors (<c>x</c>, <c>y</c>).</summary>
    public string[] InputNames { get; }

    /// <summary>Inputs that must share one dtype; literal C# scalars among them adopt it.</summary>
    public virtual int[] SameTypeInputs => [];

    /// <summary>Inputs that take a variable's storage itself rather than a snapshot of its value.</summary>
    public virtual int[] RefInputs => [];

    /// <summary>Stateful ops (variables, random) are never folded or deduplicated.</summary>
    public virtual bool IsStateful => false;

    /// <summary>False for ops through which no gradient flows (comparisons, shapes, integer ops).</summary>
    public virtual bool IsDifferentiable => true;

    /// <summary>Dtypes and static shapes of the outputs; throws <see cref="ValueError"/> on mismatch.</summary>
    public abstract TensorSpec[] Infer(InferContext c);

    /// <summary>Gradients with respect to each input, given gradients of each output (null = none).</summary>
    public virtual Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        if (!IsDifferentiable) return new Tensor?[op.inputs.Count];
        throw new LookupError($"No gradient defined for operation '{op.name}' (op type: {Type})");
    }

    /// <summary>Runs the op on the CPU.</summary>
    public abstract void Compute(KernelContext ctx);

    /// <summary>Builds one op of this type in the default graph.</summary>
    /// <remarks>With <paramref name="keepRefs"/>, variables stay refs instead of reading their snapshot (TF's ref-typed Identity).</remarks>
    internal Operation Create(string? name, string defaultName, Tensor[] inputs, AttrMap? attrs = null, Graph? graph = null, bool keepRefs = false) =>
        (graph ?? Graph.InferGraph(inputs)).CreateOp(this, inputs, attrs ?? AttrMap.Empty, name, defaultName, keepRefs);

    /// <inheritdoc/>
    public override string ToString() => Type;
}

/// <summary>A typed attribute name with its default value.</summary>
internal sealed class AttrKey<T>(string name, T defaultValue)
{
    public string Name { get; } = name;
    public T Default { get; } = defaultValue;
    public KeyValuePair<string, object?> With(T value) => new(Name, value);
}

/// <summary>Immutable attribute values of one operation.</summary>
/// <remarks>
/// Kernels read attributes on every run and an op has a handful, so they are kept in two small
/// arrays searched in order (the names are the keys' own strings, so the first compare usually hits)
/// rather than a dictionary that hashes the name on each read.
/// </remarks>
internal sealed class AttrMap
{
    readonly string[] _names;
    readonly object?[] _values;

    public static readonly AttrMap Empty = new([], []);

    AttrMap(string[] names, object?[] values)
    {
        _names = names;
        _values = values;
    }

    public static AttrMap Of(params KeyValuePair<string, object?>[] items)
    {
        var names = items.Select(kv => kv.Key).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"Duplicate attribute in [{string.Join(", ", names)}].");
        return new(names, items.Select(kv => kv.Value).ToArray());
    }

    int IndexOf(string name)
    {
        for (int i = 0; i < _names.Length; i++)
            if (ReferenceEquals(_names[i], name) || string.Equals(_names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    public T Get<T>(AttrKey<T> key) => IndexOf(key.Name) is var i and >= 0 ? (T)_values[i]! : key.Default;

    public bool Has(string name) => IndexOf(name) >= 0;

    public IEnumerable<KeyValuePair<string, object?>> Items => _names.Select((n, i) => new KeyValuePair<string, object?>(n, _values[i]));
}
