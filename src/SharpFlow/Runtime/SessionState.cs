namespace SharpFlow;

/// <summary>State that lives in one session: variable values and per-op generator state.</summary>
internal sealed class SessionState
{
    readonly Dictionary<Operation, VariableCell> _variables = [];
    readonly Dictionary<Operation, object> _opState = [];

    internal SessionState(int intraOpThreads) => IntraOpThreads = intraOpThreads;

    public int IntraOpThreads { get; }

    /// <summary>The cell holding a variable's value; kernels resolve it once per plan and read it live, as refs.</summary>
    public VariableCell Cell(Operation varOp)
    {
        if (!_variables.TryGetValue(varOp, out var cell)) _variables[varOp] = cell = new VariableCell();
        return cell;
    }

    public bool TryGetVariable(Operation varOp, out NDArray value)
    {
        value = _variables.TryGetValue(varOp, out var cell) ? cell.Value! : null!;
        return value is not null;
    }

    public void SetVariable(Operation varOp, NDArray value) => Cell(varOp).Value = value;

    /// <summary>Per-op state (e.g. a random generator), created on first use.</summary>
    public T GetOrCreate<T>(Operation op, Func<T> create) where T : class
    {
        if (!_opState.TryGetValue(op, out var s)) _opState[op] = s = create();
        return (T)s;
    }
}

/// <summary>A variable's current value in one session (null until initialised).</summary>
internal sealed class VariableCell
{
    public NDArray? Value;
}
