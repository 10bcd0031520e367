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
    readonly PlanMemory _memory;
    readonly bool[] _slotIsBuffer;     // the plan's: per slot, this run's value is a buffer some step made with Output
    readonly bool[] _donatable;        // per input: this step is its slot's only reader, and it is neither fed nor fetched
    readonly OutputKind[] _kinds;      // how each output was made this run
    readonly OutputKind[]? _planned;   // … and in the run the memory plan was made from
    readonly bool[] _sharedBuffer;     // per output: _owned[i]'s array is shared with other steps by the memory plan
    Array? _scratch;

    /// <param name="memory">The plan's slot flags and buffer-sharing switch (a private one when null).</param>
    /// <param name="donatable">Per input, whether the plan lets this step overwrite it (see <see cref="OutputInPlace(int, int, DType, ReadOnlySpan{int})"/>).</param>
    internal KernelContext(Operation op, NDArray?[] values, int[] inputSlots, int[] outputSlots, SessionState state,
        PlanMemory? memory = null, bool[]? donatable = null)
    {
        Op = op;
        _values = values;
        _inputSlots = inputSlots;
        _outputSlots = outputSlots;
        _owned = new NDArray?[op.outputs.Count];
        _cells = op.inputs.Select(t => t.op.type == "VariableV2" ? state.Cell(t.op) : null).ToArray();
        _memory = memory ?? new PlanMemory(values.Length);
        _slotIsBuffer = _memory.SlotIsBuffer;
        _donatable = donatable ?? new bool[inputSlots.Length];
        _kinds = new OutputKind[op.outputs.Count];
        _planned = memory is null ? null : new OutputKind[op.outputs.Count];
        _sharedBuffer = new bool[op.outputs.Count];
        State = state;
    }

    internal int[] InputSlots => _inputSlots;
    internal int[] OutputSlots => _outputSlots;
    internal OutputKind[] Kinds => _kinds;

    /// <summary>The array behind output <paramref name="i"/>'s own buffer, if it has made one.</summary>
    internal Array? OwnedStorage(int i) => _owned[i]?.Data;

    /// <summary>Points output <paramref name="i"/>'s buffer at <paramref name="storage"/>, an array the memory plan shares between steps.</summary>
    internal void ShareStorage(int i, Array storage)
    {
        var own = _owned[i]!;
        if (!ReferenceEquals(own.Data, storage)) _owned[i] = new NDArray(storage, own.shape);
        _sharedBuffer[i] = true;
    }

    /// <summary>Records the run the memory plan was made from; later runs compare themselves with it.</summary>
    internal void FreezeKinds() => _kinds.CopyTo(_planned!, 0);

    // The memory plan holds only while every step makes its outputs as in the planned run.
    void Made(int i, OutputKind kind)
    {
        _kinds[i] = kind;
        if (_planned is not null && _planned[i] != kind && _memory.Sharing) _memory.StopSharing();
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
        Made(i, OutputKind.Buffer);
        var buf = _owned[i];
        if (buf is null || buf.dtype != dtype || !buf.shape.AsSpan().SequenceEqual(shape) || _sharedBuffer[i] && !_memory.Sharing)
        {
            _owned[i] = buf = NDArray.Zeros(dtype, shape.ToArray());
            _sharedBuffer[i] = false;
        }
        _values[_outputSlots[i]] = buf;
        _slotIsBuffer[_outputSlots[i]] = true;
        return buf;
    }

    /// <summary>
    /// A buffer for output <paramref name="i"/> that may be input <paramref name="input"/>'s own array,
    /// overwritten in place: only when that input has this dtype and shape, this step is the only reader
    /// of it, it is neither fed nor fetched nor a variable, and it is a buffer a step made with
    /// <see cref="Output"/> this run (never a constant, a variable or a view that another value shares).
    /// The kernel must read each element before writing the same element, as element-wise loops do.
    /// </summary>
    public NDArray OutputInPlace(int i, int input, DType dtype, ReadOnlySpan<int> shape) =>
        Donation(input, dtype, shape) is { } x ? Adopt(i, input, x) : Output(i, dtype, shape);

    /// <summary><see cref="OutputInPlace(int, int, DType, ReadOnlySpan{int})"/> trying input <paramref name="first"/>, then <paramref name="second"/>.</summary>
    public NDArray OutputInPlace(int i, int first, int second, DType dtype, ReadOnlySpan<int> shape) =>
        Donation(first, dtype, shape) is { } x ? Adopt(i, first, x) :
        Donation(second, dtype, shape) is { } y ? Adopt(i, second, y) : Output(i, dtype, shape);

    /// <summary>Input <paramref name="input"/>'s array when this step may overwrite it (see <see cref="OutputInPlace"/>), else null.</summary>
    internal NDArray? Donation(int input, DType dtype, ReadOnlySpan<int> shape)
    {
        if (!_donatable[input] || !_slotIsBuffer[_inputSlots[input]]) return null;
        var x = _values[_inputSlots[input]];
        return x is not null && x.dtype == dtype && x.shape.AsSpan().SequenceEqual(shape) ? x : null;
    }

    /// <summary>Makes <paramref name="buffer"/>, input <paramref name="input"/>'s donated array, output <paramref name="i"/>.</summary>
    internal NDArray Adopt(int i, int input, NDArray buffer)
    {
        Made(i, (OutputKind)((int)OutputKind.AdoptedInput0 + input));
        _values[_outputSlots[i]] = buffer;
        _slotIsBuffer[_outputSlots[i]] = true;
        return buffer;
    }

    /// <summary>A buffer for output <paramref name="i"/> shaped like <paramref name="like"/>.</summary>
    public NDArray OutputLike(int i, NDArray like, DType? dtype = null) => Output(i, dtype ?? like.dtype, like.shape);

    /// <summary>Sets output <paramref name="i"/> to an existing array (no copy); it must not be written later.</summary>
    public void SetOutput(int i, NDArray value)
    {
        Made(i, OutputKind.Existing);
        _values[_outputSlots[i]] = value;
        _slotIsBuffer[_outputSlots[i]] = false;   // a constant, a variable or a view of an input: never overwritten
    }

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

/// <summary>How a step made one of its outputs in a run.</summary>
internal enum OutputKind : byte
{
    /// <summary>Not made (a fused step's inner sum).</summary>
    None,
    /// <summary>Its own buffer, from <see cref="KernelContext.Output"/>.</summary>
    Buffer,
    /// <summary>An existing array: a constant, a variable, or an input or a view of one.</summary>
    Existing,
    /// <summary>Input 0's buffer, overwritten in place; input j is AdoptedInput0 + j.</summary>
    AdoptedInput0,
}
