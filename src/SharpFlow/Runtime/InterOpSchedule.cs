using SharpFlow.Kernels.Cpu;

namespace SharpFlow;

/// <summary>
/// How a plan runs with <c>inter_op_parallelism_threads</c> above one: steps are grouped in levels,
/// each step one level after the latest step it reads from or has a control dependency on, and the
/// steps of a level run at once. A step that changes state (Assign, the optimizers' updates, random
/// ops) is a level of its own after everything before it in graph order, and everything after it
/// follows it, so variables are read and written in exactly the order of a one-thread run and the
/// results are the same bits.
/// </summary>
internal sealed class InterOpSchedule
{
    /// <summary>Op types that take a few nanoseconds: handing them to another thread would cost more.</summary>
    static readonly HashSet<string> Cheap =
    [
        "Const", "Identity", "Snapshot", "StopGradient", "NoOp", "VariableV2", "Shape", "ShapeN", "Size", "Rank",
        "Reshape", "ExpandDims", "Squeeze", "BroadcastGradientArgs",
    ];

    readonly PlanStep[] _steps;
    readonly int[][] _inline;           // per level: cheap steps, run in order by the calling thread
    readonly int[][] _concurrent;       // per level: the others, run at once when there are several
    readonly LevelBody[] _bodies;       // per level: runs its concurrent step i (made once, so runs allocate nothing)
    readonly int _threads;
    readonly Action<int> _execute;

    /// <summary>Per step, its level: the plan's unit of time for releasing values and sharing buffers.</summary>
    public int[] Level { get; }

    public int LevelCount => _inline.Length;

    /// <param name="level">Per step, its level (<see cref="Levels"/>).</param>
    /// <param name="execute">Runs step k (with the plan's error reporting and bookkeeping).</param>
    public InterOpSchedule(PlanStep[] steps, int[] level, int threads, Action<int> execute)
    {
        _steps = steps;
        Level = level;
        _threads = threads;
        _execute = execute;
        int levels = level.Length == 0 ? 0 : level.Max() + 1;
        var byLevel = Enumerable.Range(0, steps.Length).ToLookup(k => level[k]);
        _inline = new int[levels][];
        _concurrent = new int[levels][];
        _bodies = new LevelBody[levels];
        for (int l = 0; l < levels; l++)
        {
            _inline[l] = [.. byLevel[l].Where(IsCheap)];
            var concurrent = _concurrent[l] = [.. byLevel[l].Where(k => !IsCheap(k))];
            _bodies[l] = new LevelBody(concurrent, execute);
        }
    }

    bool IsCheap(int k) => _steps[k] is KernelStep && Cheap.Contains(_steps[k].Op.type);

    /// <summary>Per step (the plan's steps, in graph order), the level it runs in.</summary>
    public static int[] Levels(PlanStep[] steps)
    {
        var producer = new Dictionary<int, int>();
        var stepOf = new Dictionary<Operation, int>();
        for (int k = 0; k < steps.Length; k++)
            foreach (var ctx in steps[k].Contexts)
            {
                stepOf[ctx.Op] = k;
                foreach (var slot in ctx.OutputSlots) producer[slot] = k;
            }
        var level = new int[steps.Length];
        int barrier = -1, latest = -1;
        for (int k = 0; k < steps.Length; k++)
        {
            int l = barrier + 1;
            foreach (var ctx in steps[k].Contexts)
            {
                foreach (var slot in ctx.InputSlots)
                    if (producer.TryGetValue(slot, out int p) && p != k) l = Math.Max(l, level[p] + 1);
                foreach (var c in ctx.Op.control_inputs)
                    if (stepOf.TryGetValue(c, out int p) && p != k) l = Math.Max(l, level[p] + 1);
            }
            if (steps[k].Contexts.Any(c => c.Op.Def.IsStateful && c.Op.type != "VariableV2")) barrier = l = latest + 1;
            level[k] = l;
            latest = Math.Max(latest, l);
        }
        return level;
    }

    /// <summary>Runs level <paramref name="l"/>: its cheap steps in order, then the rest at once.</summary>
    public void RunLevel(int l)
    {
        foreach (var k in _inline[l]) _execute(k);
        var concurrent = _concurrent[l];
        if (concurrent.Length == 1) _execute(concurrent[0]);
        else if (concurrent.Length > 1) CpuParallel.For(concurrent.Length, _threads, in _bodies[l]);
    }

    readonly struct LevelBody(int[] steps, Action<int> execute) : IParallelBody
    {
        public void Invoke(int index) => execute(steps[index]);
    }
}
