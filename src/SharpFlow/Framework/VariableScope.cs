namespace SharpFlow;

/// <summary>A variable scope: a name prefix for <c>tf.get_variable</c> and whether it reuses existing variables.</summary>
/// <remarks>Mirrors <c>tf.VariableScope</c>.</remarks>
public sealed class VariableScope
{
    internal VariableScope(string name, bool reuse, Initializer? initializer = null, Func<Tensor, Tensor>? regularizer = null)
    {
        this.name = name;
        this.reuse = reuse;
        this.initializer = initializer;
        this.regularizer = regularizer;
    }

    /// <summary>The scope's full name (empty at the top).</summary>
    public string name { get; }

    /// <summary>True when <c>get_variable</c> returns existing variables instead of creating them.</summary>
    public bool reuse { get; }

    /// <summary>Default initializer for variables created in the scope.</summary>
    public Initializer? initializer { get; }

    /// <summary>Default regularizer for variables created in the scope.</summary>
    public Func<Tensor, Tensor>? regularizer { get; }

    /// <summary>The scope's name.</summary>
    public override string ToString() => name;
}

/// <summary>Per-graph store behind <c>tf.get_variable</c>: variables by full name and the scope stack.</summary>
internal sealed class VariableStore
{
    readonly Dictionary<string, Variable> _vars = [];
    readonly Dictionary<string, int> _scopeUses = [];

    internal VariableScope Current { get; set; } = new("", false);

    internal bool TryGet(string name, out Variable v) => _vars.TryGetValue(name, out v!);

    internal void Add(string name, Variable v) => _vars[name] = v;

    /// <summary>Counts how often a scope name was opened, for unique default names.</summary>
    internal string UniqueScopeName(string baseName)
    {
        _scopeUses.TryGetValue(baseName, out int n);
        _scopeUses[baseName] = n + 1;
        return n == 0 ? baseName : $"{baseName}_{n}";
    }
}
