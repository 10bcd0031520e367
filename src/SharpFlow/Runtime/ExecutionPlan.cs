namespace SharpFlow;

/// <summary>
/// A pruned, topologically ordered list of kernel calls for one (feeds, fetches, targets) key,
/// with every tensor assigned a value slot and each slot's last reader known in advance.
/// </summary>
internal sealed class ExecutionPlan
{
    readonly Operation[] _steps;
    readonly KernelContext[] _contexts;
    readonly int[][] _releaseAfter;     // slots whose last reader is step i
    readonly NDArray?[] _values;
    readonly int[] _feedSlots;
    readonly int[] _fetchSlots;
    readonly Tensor[] _fetches;

    ExecutionPlan(Operation[] steps, KernelContext[] contexts, int[][] releaseAfter, NDArray?[] values, int[] feedSlots, int[] fetchSlots, Tensor[] fetches)
    {
        _steps = steps;
        _contexts = contexts;
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

    internal IReadOnlyList<Operation> Steps => _steps;

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
        var steps = needed.OrderBy(o => o.Id).ToArray();

        var slotOf = new Dictionary<Tensor, int>();
        int next = 0;
        int Slot(Tensor t) { if (!slotOf.TryGetValue(t, out int s)) slotOf[t] = s = next++; return s; }
        var feedSlots = feeds.Select(Slot).ToArray();
        // A fed output keeps the feed's slot for its readers; its producer writes to a private slot.
        var outputSlots = steps.Select(op => op.outputs.Select(t => fed.Contains(t) ? next++ : Slot(t)).ToArray()).ToArray();
        var values = new NDArray?[next];
        var lastUse = new Dictionary<int, int>();
        var contexts = new KernelContext[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            var ins = steps[i].inputs.Select(t => slotOf[t]).ToArray();
            foreach (var s in ins) lastUse[s] = i;
            contexts[i] = new KernelContext(steps[i], values, ins, outputSlots[i], state);
        }
        var fetchSlots = fetches.Select(t => slotOf[t]).ToArray();
        var keep = new HashSet<int>(fetchSlots);
        var release = new int[steps.Length][];
        for (int i = 0; i < steps.Length; i++)
            release[i] = lastUse.Where(kv => kv.Value == i && !keep.Contains(kv.Key)).Select(kv => kv.Key).ToArray();
        return new ExecutionPlan(steps, contexts, release, values, feedSlots, fetchSlots, fetches);
    }

    /// <summary>Runs every step; returns the fetched values (copies, so later runs cannot change them).</summary>
    internal NDArray[] Run(NDArray[] feedValues)
    {
        var values = _values;
        try
        {
            for (int i = 0; i < _feedSlots.Length; i++) values[_feedSlots[i]] = feedValues[i];
            for (int i = 0; i < _steps.Length; i++)
            {
                var op = _steps[i];
                try
                {
                    op.Def.Compute(_contexts[i]);
                }
                catch (OpError) { throw; }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InternalError($"{e.GetType().Name}: {e.Message} [[node {op.name} ({op.type})]]", op);
                }
                foreach (var s in _releaseAfter[i]) values[s] = null;
            }
            NDArray[] result = _fetchSlots.Length == 0 ? [] : new NDArray[_fetchSlots.Length];
            for (int i = 0; i < result.Length; i++)
                result[i] = values[_fetchSlots[i]]?.copy() ?? throw Unfetchable(i);
            return result;
        }
        finally
        {
            Array.Clear(values);
        }
    }
}
