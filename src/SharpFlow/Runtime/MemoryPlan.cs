namespace SharpFlow;

/// <summary>
/// What a plan's kernel contexts share about memory: which slots hold a step-made buffer this run
/// (only those may be overwritten in place) and whether the plan's buffer sharing is in force.
/// </summary>
internal sealed class PlanMemory(int slots)
{
    public readonly bool[] SlotIsBuffer = new bool[slots];

    /// <summary>False until the plan has shared buffers, and again once a run leaves the planned pattern.</summary>
    public bool Sharing { get; private set; }

    public void StartSharing() => Sharing = true;

    /// <summary>
    /// A step made an output differently from the planned run (a different input aliased or
    /// overwritten, a buffer where there was none), so lifetimes may be longer than planned: every
    /// step that writes a shared buffer from here on gets a private one instead.
    /// </summary>
    public void StopSharing() => Sharing = false;
}

/// <summary>
/// Shares buffers between steps whose values are never alive at the same time. A plan's first
/// complete run records, for every slot, the array behind its value, the step that made it and the
/// step that last reads it; arrays reached through several slots (views, in-place outputs) live until
/// the last of them is read. Buffers that steps made themselves are then packed, first fit by start,
/// into as few arrays of each element type and length as those lifetimes allow.
/// </summary>
internal static class MemoryPlan
{
    /// <param name="storage">Per slot, the array behind the value right after the step that made it.</param>
    /// <param name="made">Per slot, the index of that step.</param>
    /// <param name="lastRead">Per slot, the last step reading it (steps.Length when fetched, -1 when unread).</param>
    public static void Apply(PlanStep[] steps, Array?[] storage, int[] made, int[] lastRead, PlanMemory memory)
    {
        // Lifetime of every array: from the first step that makes a value on it to the last read of any.
        var start = new Dictionary<Array, int>(ReferenceEqualityComparer.Instance);
        var end = new Dictionary<Array, int>(ReferenceEqualityComparer.Instance);
        for (int s = 0; s < storage.Length; s++)
        {
            if (storage[s] is not { } a) continue;
            start[a] = Math.Min(start.GetValueOrDefault(a, int.MaxValue), made[s]);
            end[a] = Math.Max(end.GetValueOrDefault(a, -1), Math.Max(made[s], lastRead[s]));
        }
        // A step that passed an existing array on (Select, Identity, Reshape …) may pass another input
        // next time: every input it has must then live as long as what it passed on did.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var step in steps)
            foreach (var ctx in step.Contexts)
                for (int i = 0; i < ctx.Kinds.Length; i++)
                {
                    if (ctx.Kinds[i] != OutputKind.Existing || storage[ctx.OutputSlots[i]] is not { } passed) continue;
                    foreach (var slot in ctx.InputSlots)
                        if (storage[slot] is { } input && end[input] < end[passed])
                        {
                            end[input] = end[passed];
                            changed = true;
                        }
                }
        }

        // Buffers the steps made this run, each with its owner.
        var owned = new List<(Array array, KernelContext ctx, int output)>();
        foreach (var step in steps)
        foreach (var ctx in step.Contexts)
            for (int i = 0; i < ctx.Kinds.Length; i++)
                if (ctx.Kinds[i] == OutputKind.Buffer && ctx.OwnedStorage(i) is { } a && start.ContainsKey(a))
                    owned.Add((a, ctx, i));

        var pools = new Dictionary<(Type, int), List<Pool>>();
        foreach (var (array, ctx, output) in owned.OrderBy(o => start[o.array]))
        {
            var key = (array.GetType(), array.Length);
            if (!pools.TryGetValue(key, out var list)) pools[key] = list = [];
            var pool = list.FirstOrDefault(p => p.BusyUntil < start[array]);
            if (pool is null) list.Add(pool = new Pool(array));
            pool.BusyUntil = end[array];
            pool.Tenants.Add((ctx, output));
        }
        foreach (var pool in pools.Values.SelectMany(p => p).Where(p => p.Tenants.Count > 1))
            foreach (var (ctx, output) in pool.Tenants) ctx.ShareStorage(output, pool.Array);
        foreach (var step in steps) foreach (var ctx in step.Contexts) ctx.FreezeKinds();
        memory.StartSharing();
    }

    sealed class Pool(Array array)
    {
        public readonly Array Array = array;
        public int BusyUntil;
        public readonly List<(KernelContext ctx, int output)> Tenants = [];
    }
}
