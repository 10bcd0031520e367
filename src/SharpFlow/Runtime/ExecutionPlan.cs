namespace SharpFlow;

/// <summary>
/// A pruned, topologically ordered list of kernel calls for one (feeds, fetches, targets) key,
/// with every tensor assigned a value slot and each slot's last reader known in advance.
/// Built once: which inputs a kernel may overwrite in place (<see cref="KernelContext.OutputInPlace(int, int, DType, ReadOnlySpan{int})"/>)
/// and which bias-add + activation pairs run as one fused pass (<see cref="Fusion"/>) are decided here.
/// </summary>
internal sealed class ExecutionPlan
{
    readonly Operation[] _ops;           // every op the plan runs, fused ones included (for placement)
    readonly PlanStep[] _steps;
    readonly int[][] _releaseAfter;     // per unit of time (step, or level with a schedule): slots last read then
    readonly int[] _time;               // per step: its step index, or its level with a schedule
    readonly InterOpSchedule? _schedule;
    readonly NDArray?[] _values;
    readonly int[] _feedSlots;
    readonly int[] _fetchSlots;
    readonly Tensor[] _fetches;
    readonly Dictionary<Tensor, int> _slotOf;
    readonly PlanMemory _memory;
    readonly int[] _lastRead;            // per slot: last reading step, _steps.Length when fetched, -1 when unread
    bool _memoryPlanned;
    Array?[]? _recordedStorage;         // during the run the memory plan is made from
    int[]? _recordedStep;

    ExecutionPlan(Operation[] ops, PlanStep[] steps, int[][] releaseAfter, NDArray?[] values, int[] feedSlots, int[] fetchSlots, Tensor[] fetches,
        Dictionary<Tensor, int> slotOf, PlanMemory memory, int[] lastRead, int[] time, int interOpThreads)
    {
        _time = time;
        if (interOpThreads > 1) _schedule = new InterOpSchedule(steps, time, interOpThreads, Execute);
        _slotOf = slotOf;
        _memory = memory;
        _lastRead = lastRead;
        _ops = ops;
        _steps = steps;
        _releaseAfter = releaseAfter;
        _values = values;
        _feedSlots = feedSlots;
        _fetchSlots = fetchSlots;
        _fetches = fetches;
    }

    OpError Unfetchable(int i)
    {
        var op = _fetches[i].op;
        return op.type == "VariableV2"
            ? new FailedPreconditionError($"Attempting to use uninitialized value {op.name}", op)
            : new InternalError($"Fetch {_fetches[i].name} was not computed.", op);
    }

    /// <summary>Every operation the plan runs, in order (a fused pair counts as its two ops).</summary>
    internal IReadOnlyList<Operation> Steps => _ops;

    /// <summary>The kernel calls, in order: one per op, or one per fused pair.</summary>
    internal IReadOnlyList<PlanStep> Kernels => _steps;

    /// <summary>The value a tensor holds at this point of a run driven by <see cref="RunStep"/> (null once released).</summary>
    internal NDArray? ValueOf(Tensor t) => _slotOf.TryGetValue(t, out int s) ? _values[s] : null;

    /// <summary>Builds the plan; <paramref name="feeds"/> cut the graph, fetches and targets are what must run.</summary>
    internal static ExecutionPlan Build(Tensor[] feeds, Tensor[] fetches, Operation[] targets, SessionState state)
    {
        var fed = new HashSet<Tensor>(feeds);
        var needed = new HashSet<Operation>();
        var stack = new Stack<Operation>();
        void Need(Operation op) { if (needed.Add(op)) stack.Push(op); }
        foreach (var t in fetches) if (!fed.Contains(t)) Need(t.op);
        foreach (var op in targets) Need(op);
        while (stack.TryPop(out var op))
        {
            foreach (var t in op.inputs) if (!fed.Contains(t)) Need(t.op);
            foreach (var c in op.control_inputs) Need(c);
        }
        // Graphs are append-only and inputs precede their consumers, so creation order is topological.
        var ops = needed.OrderBy(o => o.Id).ToArray();

        var slotOf = new Dictionary<Tensor, int>();
        int next = 0;
        int Slot(Tensor t) { if (!slotOf.TryGetValue(t, out int s)) slotOf[t] = s = next++; return s; }
        var feedSlots = feeds.Select(Slot).ToArray();
        // A fed output keeps the feed's slot for its readers; its producer writes to a private slot.
        var outputSlots = ops.Select(op => op.outputs.Select(t => fed.Contains(t) ? next++ : Slot(t)).ToArray()).ToArray();
        var inputSlots = ops.Select(op => op.inputs.Select(t => slotOf[t]).ToArray()).ToArray();
        var fetchSlots = fetches.Select(t => slotOf[t]).ToArray();

        // A slot may be overwritten by its reader when that reader is its only one and the slot is
        // neither fed (the caller's array) nor fetched (copied out after the run).
        var readers = new int[next];
        foreach (var ins in inputSlots) foreach (var s in ins) readers[s]++;
        var pinned = new HashSet<int>(feedSlots.Concat(fetchSlots));
        var values = new NDArray?[next];
        var memory = new PlanMemory(next);
        var contexts = new KernelContext[ops.Length];
        for (int i = 0; i < ops.Length; i++)
        {
            var donatable = inputSlots[i].Select(s => readers[s] == 1 && !pinned.Contains(s)).ToArray();
            contexts[i] = new KernelContext(ops[i], values, inputSlots[i], outputSlots[i], state, memory, donatable);
        }

        var steps = Fusion.Plan(ops, contexts, t => readers[slotOf[t]] == 1 && !pinned.Contains(slotOf[t]));
        // Values are released, and buffers shared, by time: the step index, or the level when
        // independent steps run at once (see InterOpSchedule).
        var time = state.InterOpThreads > 1
            ? InterOpSchedule.Levels(steps)
            : Enumerable.Range(0, steps.Length).ToArray();
        int times = steps.Length == 0 ? 0 : time.Max() + 1;
        var opIndex = Enumerable.Range(0, ops.Length).ToDictionary(i => contexts[i]);
        var lastUse = new Dictionary<int, int>();
        for (int k = 0; k < steps.Length; k++)
            foreach (var ctx in steps[k].Contexts)
                foreach (var s in inputSlots[opIndex[ctx]]) lastUse[s] = Math.Max(lastUse.GetValueOrDefault(s, -1), time[k]);
        var keep = new HashSet<int>(fetchSlots);
        var release = new int[times][];
        for (int t = 0; t < times; t++)
            release[t] = lastUse.Where(kv => kv.Value == t && !keep.Contains(kv.Key)).Select(kv => kv.Key).ToArray();
        var lastRead = new int[next];
        Array.Fill(lastRead, -1);
        foreach (var (slot, t) in lastUse) lastRead[slot] = t;
        foreach (var slot in fetchSlots) lastRead[slot] = times;
        return new ExecutionPlan(ops, steps, release, values, feedSlots, fetchSlots, fetches, slotOf, memory, lastRead, time, state.InterOpThreads);
    }

    /// <summary>Runs every step; returns the fetched values (copies, so later runs cannot change them).</summary>
    internal NDArray[] Run(NDArray[] feedValues)
    {
        var values = _values;
        try
        {
            Begin(feedValues);
            if (!_memoryPlanned)
            {
                // This run records what the memory plan needs; the plan applies from the next run.
                _recordedStorage = new Array?[values.Length];
                _recordedStep = new int[values.Length];
            }
            if (_schedule is null)
                for (int i = 0; i < _steps.Length; i++) RunStep(i);
            else
                for (int l = 0; l < _schedule.LevelCount; l++)
                {
                    _schedule.RunLevel(l);
                    foreach (var s in _releaseAfter[l]) values[s] = null;
                }
            if (_recordedStorage is not null)
            {
                MemoryPlan.Apply(_steps, _recordedStorage, _recordedStep!, _lastRead, _memory);
                _memoryPlanned = true;
            }
            NDArray[] result = _fetchSlots.Length == 0 ? [] : new NDArray[_fetchSlots.Length];
            for (int i = 0; i < result.Length; i++)
                result[i] = values[_fetchSlots[i]]?.copy() ?? throw Unfetchable(i);
            return result;
        }
        finally
        {
            Array.Clear(values);
            _recordedStorage = null;
            _recordedStep = null;
        }
    }

    /// <summary>Per step, the level it runs in when independent steps run at once; null when steps run one by one.</summary>
    internal int[]? Levels => _schedule?.Level;

    /// <summary>Whether steps currently share buffers (see <see cref="MemoryPlan"/>).</summary>
    internal bool SharingInForce => _memory.Sharing;

    /// <summary>Bytes of the distinct buffers the plan's steps hold between runs.</summary>
    internal long BufferBytes()
    {
        var seen = new HashSet<Array>(ReferenceEqualityComparer.Instance);
        foreach (var step in _steps)
        foreach (var ctx in step.Contexts)
            for (int i = 0; i < ctx.OutputSlots.Length; i++)
                if (ctx.OwnedStorage(i) is { } a) seen.Add(a);
        return seen.Sum(a => (long)Buffer.ByteLength(a));
    }

    /// <summary>Places the feeds for a run driven step by step (<see cref="RunStep"/>); <see cref="Run"/> does this itself.</summary>
    internal void Begin(NDArray[] feedValues)
    {
        Array.Clear(_values);
        for (int i = 0; i < _feedSlots.Length; i++) _values[_feedSlots[i]] = feedValues[i];
    }

    /// <summary>Runs kernel call <paramref name="i"/> and, when the plan runs one step at a time, drops the values nothing later reads.</summary>
    internal void RunStep(int i)
    {
        Execute(i);
        if (_schedule is null)
            foreach (var s in _releaseAfter[i]) _values[s] = null;
    }

    // One step with TensorFlow's error for a kernel failure, and the memory plan's record when one is being made.
    void Execute(int i)
    {
        var step = _steps[i];
        try
        {
            step.Run();
        }
        catch (OpError) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var op = step.Op;
            throw new InternalError($"{e.GetType().Name}: {e.Message} [[node {op.name} ({op.type})]]", op);
        }
        if (_recordedStorage is not null)
            foreach (var ctx in step.Contexts)
                foreach (var slot in ctx.OutputSlots)
                    if (_values[slot] is { } v)
                    {
                        _recordedStorage[slot] = v.Data;
                        _recordedStep![slot] = _time[i];
                    }
    }
}
