using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>What a kernel sees while it runs: its inputs, attributes, output buffers and session state.</summary>
/// <remarks>One context per plan step, reused across runs; output buffers are reused when the shape repeats.</remarks>
internal sealed class KernelContext
{
    readonly NDArray?[] _values;
    readonly int[] _inputSlots;
    readonly int[] _outputSlots;
    readonly NDArray?[] _owned;
    readonly VariableCell?[] _cells;   // inputs that are variables are read live, as TensorFlow's refs are
    Array? _scratch;

    internal KernelContext(Operation op, NDArray?[] values, int[] inputSlots, int[] outputSlots, SessionState state)
    {
        Op = op;
        _values = values;
        _inputSlots = inputSlots;
        _outputSlots = outputSlots;
        _owned = new NDArray?[op.outputs.Count];
        _cells = op.inputs.Select(t => t.op.type == "VariableV2" ? state.Cell(t.op) : null).ToArray();
        State = state;
    }

    /// <summary>The operation being run.</summary>
    public Operation Op { get; }

    /// <summary>The session's variables, random generators and settings.</summary>
    public SessionState State { get; }

    public int InputCount => _inputSlots.Length;

    public NDArray Input(int i) => (_cells[i] is { } cell ? cell.Value : _values[_inputSlots[i]]) ?? throw Missing(i);

    // A variable without a value yields no output; only readers fail, so Assign can still initialise it.
    OpError Missing(int i)
    {
        var producer = Op.inputs[i].op;
        return producer.type == "VariableV2"
            ? new FailedPreconditionError($"Attempting to use uninitialized value {producer.name}", Op)
            : new InternalError($"Input {i} of '{Op.name}' was not computed.", Op);
    }

    public T Get<T>(AttrKey<T> key) => Op.Attrs.Get(key);

    /// <summary>A buffer for output <paramref name="i"/>; contents are unspecified (may hold the last run's values).</summary>
    public NDArray Output(int i, DType dtype, ReadOnlySpan<int> shape)
    {
        var buf = _owned[i];
        if (buf is null || buf.dtype != dtype || !buf.shape.AsSpan().SequenceEqual(shape))
            _owned[i] = buf = NDArray.Zeros(dtype, shape.ToArray());
        _values[_outputSlots[i]] = buf;
        return buf;
    }

    /// <summary>A buffer for output <paramref name="i"/> shaped like <paramref name="like"/>.</summary>
    public NDArray OutputLike(int i, NDArray like, DType? dtype = null) => Output(i, dtype ?? like.dtype, like.shape);

    /// <summary>Sets output <paramref name="i"/> to an existing array (no copy); it must not be written later.</summary>
    public void SetOutput(int i, NDArray value) => _values[_outputSlots[i]] = value;

    /// <summary>
    /// A small array that this step's kernel reuses on every run (for per-run bookkeeping such as its
    /// input buffers), so the steady state allocates nothing; contents are whatever the last run left.
    /// </summary>
    public T[] Scratch<T>(int length)
    {
        if (_scratch is T[] a && a.Length == length) return a;
        var fresh = new T[length];
        _scratch = fresh;
        return fresh;
    }

    /// <summary>Threads kernels may use (ConfigProto's intra-op setting).</summary>
    public int IntraOpThreads => State.IntraOpThreads;
}
