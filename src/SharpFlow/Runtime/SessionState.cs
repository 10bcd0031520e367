namespace SharpFlow;

/// <summary>State that lives in one session: variable values and per-op generator state.</summary>
internal sealed class SessionState
{
    readonly Dictionary<Operation, NDArray> _variables = [];
    readonly Dictionary<Operation, object> _opState = [];

    internal SessionState(int intraOpThreads) => IntraOpThreads = intraOpThreads;

    public int IntraOpThreads { get; }

    public bool TryGetVariable(Operation varOp, out NDArray value) => _variables.TryGetValue(varOp, out value!);

    public void SetVariable(Operation varOp, NDArray value) => _variables[varOp] = value;

    /// <summary>Per-op state (e.g. a random generator), created on first use.</summary>
    public T GetOrCreate<T>(Operation op, Func<T> create) where T : class
    {
        if (!_opState.TryGetValue(op, out var s)) _opState[op] = s = create();
        return (T)s;
    }
}
