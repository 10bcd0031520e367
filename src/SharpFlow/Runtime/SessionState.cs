namespace SharpFlow;

/// <summary>State that lives in one session: variable values and per-op generator state.</summary>
internal sealed class SessionState
{
    readonly Dictionary<Operation, VariableCell> _variables = [];
    readonly Dictionary<Operation, object> _opState = [];

    internal SessionState(int intraOpThreads, int interOpThreads = 1)
    {
        IntraOpThreads = intraOpThreads;
        InterOpThreads = interOpThreads;
    }

    public int IntraOpThreads { get; }

    /// <summary>Steps that may run at once (ConfigProto's inter-op setting; 1 runs them in graph order).</summary>
    public int InterOpThreads { get; }

    /// <summary>The cell holding a variable's value; kernels resolve it once per plan and read it live, as refs.</summary>
    public VariableCell Cell(Operation varOp)
    {
        lock (_variables)
        {
            if (!_variables.TryGetValue(varOp, out var cell)) _variables[varOp] = cell = new VariableCell();
            return cell;
        }
    }

    public bool TryGetVariable(Operation varOp, out NDArray value)
    {
        lock (_variables) value = _variables.TryGetValue(varOp, out var cell) ? cell.Value! : null!;
        return value is not null;
    }

    public void SetVariable(Operation varOp, NDArray value) => Cell(varOp).Value = value;

    /// <summary>Per-op state (e.g. a random generator), created on first use.</summary>
    /// <remarks>Locked: with inter-op threads, kernels of one level ask for theirs at once.</remarks>
    public T GetOrCreate<T>(Operation op, Func<T> create) where T : class
    {
        lock (_opState)
        {
            if (!_opState.TryGetValue(op, out var s)) _opState[op] = s = create();
            return (T)s;
        }
    }
}

/// <summary>A variable's current value in one session (null until initialised).</summary>
internal sealed class VariableCell
{
    public NDArray? Value;
}
