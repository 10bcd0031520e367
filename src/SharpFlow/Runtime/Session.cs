namespace SharpFlow;

/// <summary>Runs parts of a graph and holds the values of its variables.</summary>
/// <remarks>
/// Mirrors <c>tf.Session</c>. While alive and not closed it is this thread's default session and
/// its graph the default graph, as Python's <c>with tf.Session() as sess:</c> makes them.
/// </remarks>
public class Session : IDisposable
{
    readonly Dictionary<string, ExecutionPlan> _plans = [];
    readonly RecentRun?[] _recent = new RecentRun?[4];   // the last call shapes, checked before the keyed cache
    int _recentNext;
    readonly SessionState _state;
    readonly IDisposable _defaultScope;
    readonly HashSet<Operation> _logged = [];
    readonly object _runLock = new();
    bool _closed;

    /// <summary>Creates a session on <paramref name="graph"/> (default: the default graph).</summary>
    public Session(string target = "", Graph? graph = null, ConfigProto? config = null)
    {
        this.graph = graph ?? tf.get_default_graph();
        this.config = config ?? new ConfigProto();
        int threads = this.config.intra_op_parallelism_threads > 0 ? this.config.intra_op_parallelism_threads : Environment.ProcessorCount;
        // 0 lets the runtime choose, as in TensorFlow: one, since the document's graphs are chains of small ops.
        int interOp = Math.Max(1, this.config.inter_op_parallelism_threads);
        _state = new SessionState(threads, interOp);
        _defaultScope = DefaultStacks.PushSession(this);
    }

    /// <summary>The graph this session runs.</summary>
    public Graph graph { get; }

    /// <summary>The options it was created with.</summary>
    public ConfigProto config { get; }

    internal SessionState State => _state;

    /// <summary>Plans the session holds (for tests of the plan cache).</summary>
    internal int PlanCount
    {
        get { lock (_runLock) return _plans.Count; }
    }

    /// <summary>Makes this the default session (and its graph the default graph) inside the scope.</summary>
    public IDisposable as_default() => DefaultStacks.PushSession(this);

    /// <summary>Frees the session's state; later runs throw <see cref="RuntimeError"/>.</summary>
    public void close()
    {
        if (_closed) return;
        _closed = true;
        DefaultStacks.Remove(this);
        lock (_runLock)
        {
            _plans.Clear();
            _shapeKeys.Clear();
            Array.Clear(_recent);
        }
    }

    /// <summary>Same as <see cref="close"/>.</summary>
    public void Dispose()
    {
        close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Evaluates one tensor.</summary>
    public NDArray run(Tensor fetch, FeedDict? feed_dict = null) => RunCore([fetch], feed_dict)![0]!;

    /// <summary>Evaluates one tensor with (tensor, value) feeds.</summary>
    public NDArray run(Tensor fetch, params FeedItem[] feeds) => run(fetch, new FeedDict(feeds));

    /// <summary>Runs one operation.</summary>
    public void run(Operation fetch, FeedDict? feed_dict = null) => RunCore([fetch], feed_dict, wantResults: false);

    /// <summary>Runs one operation with (tensor, value) feeds.</summary>
    public void run(Operation fetch, params FeedItem[] feeds) => run(fetch, new FeedDict(feeds));

    /// <summary>Evaluates several tensors.</summary>
    public NDArray[] run(Tensor[] fetches, FeedDict? feed_dict = null) => RunCore((ITensorOrOperation[])fetches, feed_dict)!;

    /// <summary>Evaluates a list of tensors.</summary>
    public NDArray[] run(IReadOnlyList<Tensor> fetches, FeedDict? feed_dict = null) => RunCore([.. fetches], feed_dict)!;

    /// <summary>Runs a mix of tensors and operations; an operation's slot is null.</summary>
    public NDArray?[] run(ITensorOrOperation[] fetches, FeedDict? feed_dict = null) => RunCore(fetches, feed_dict)!;

    /// <summary>Runs a pair of fetches (Python's <c>sess.run([train_op, loss])</c>).</summary>
    public (NDArray?, NDArray?) run((ITensorOrOperation, ITensorOrOperation) fetches, FeedDict? feed_dict = null)
    {
        var r = RunCore([fetches.Item1, fetches.Item2], feed_dict)!;
        return (r[0], r[1]);
    }

    /// <summary>Runs three fetches.</summary>
    public (NDArray?, NDArray?, NDArray?) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict? feed_dict = null)
    {
        var r = RunCore([fetches.Item1, fetches.Item2, fetches.Item3], feed_dict)!;
        return (r[0], r[1], r[2]);
    }

    /// <summary>Runs four fetches.</summary>
    public (NDArray?, NDArray?, NDArray?, NDArray?) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedDict? feed_dict = null)
    {
        var r = RunCore([fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4], feed_dict)!;
        return (r[0], r[1], r[2], r[3]);
    }

    // Null only when wantResults is false (run(Operation) discards them).
    NDArray?[]? RunCore(ReadOnlySpan<ITensorOrOperation> fetches, FeedDict? feed_dict, bool wantResults = true)
    {
        if (_closed) throw new RuntimeError("Attempted to use a closed Session.");
        if (graph.version == 0) throw new RuntimeError("The Session graph is empty.  Add operations to the graph before calling run().");
        bool seen = false;
        lock (_runLock)
        {
            foreach (var recent in _recent)
                if (recent is not null && recent.Matches(fetches, feed_dict))
                {
                    var outcome = recent.TryRun(feed_dict, wantResults, out var fast);
                    if (outcome == RecentRun.Outcome.Ran) return fast;
                    // Other feed shapes may have an entry of their own; a value that needs converting
                    // (or is wrong) goes to the full path below, which handles it.
                    if (outcome == RecentRun.Outcome.NeedsFullPath)
                    {
                        seen = true;
                        break;
                    }
                }
        }
        var tensors = new List<Tensor>();
        var targets = new List<Operation>();
        foreach (var f in fetches)
        {
            if (f is null) throw new TypeError("Fetch argument None has invalid type <class 'NoneType'>");
            var op = f.AsOperation;
            if (op.graph != graph)
                throw new ValueError($"Fetch argument {Repr(f)} cannot be interpreted as a Tensor. ({Describe(f)} is not an element of this graph.)");
            if (f.AsTensor is { } t) tensors.Add(t); else if (!targets.Contains(op)) targets.Add(op);
        }
        var (feedTensors, feedValues) = FeedValidator.Validate(graph, feed_dict);
        var uniqueFetches = tensors.Distinct().OrderBy(t => t.name, StringComparer.Ordinal).ToArray();
        var (call, key) = PlanKey(feedTensors, feedValues, uniqueFetches, targets);
        NDArray[] values;
        lock (_runLock)
        {
            if (!_plans.TryGetValue(key, out var plan) && (plan = PlanOfManyShapes(call)) is null)
            {
                plan = ExecutionPlan.Build(feedTensors, uniqueFetches, [.. targets], _state);
                Placer.Place(plan.Steps, graph, config, _logged);
                _plans[key] = plan;
                if (!_shapeKeys.TryGetValue(call, out var keys)) _shapeKeys[call] = keys = [];
                keys.Add(key);
            }
            if (!seen)
            {
                _recent[_recentNext] = new RecentRun(fetches.ToArray(), feed_dict, feedTensors, feedValues, uniqueFetches, plan);
                _recentNext = (_recentNext + 1) % _recent.Length;
            }
            values = plan.Run(feedValues);
        }
        if (!wantResults) return null;
        var result = new NDArray?[fetches.Length];
        for (int i = 0; i < fetches.Length; i++)
            if (fetches[i].AsTensor is { } t) result[i] = values[Array.IndexOf(uniqueFetches, t)];
        return result;
    }

    // Python's repr of the fetch, as TensorFlow's error shows it.
    static string Repr(ITensorOrOperation f) => f.AsTensor is { } t
        ? $"<tf.Tensor '{t.name}' shape={t.get_shape()} dtype={t.dtype}>"
        : $"<tf.Operation '{f.AsOperation.name}' type={f.AsOperation.type}>";

    static string Describe(ITensorOrOperation f) => f.AsTensor is { } t ? $"Tensor {t}" : $"Operation {f.AsOperation.name}";

    // Feeds and fetches arrive sorted by name, so equal keys mean equal slot orders. The call key names
    // the feeds, fetches and targets; the plan key adds the feed shapes, since a plan's buffers and their
    // sharing are sized for one set of shapes.
    static (string call, string plan) PlanKey(Tensor[] feeds, NDArray[] values, Tensor[] fetches, List<Operation> targets)
    {
        string call = string.Join(",", feeds.Select(t => t.name)) + "->" + string.Join(",", fetches.Select(t => t.name)) + "//" +
            string.Join(",", targets.Select(o => o.name).Order(StringComparer.Ordinal));
        return (call, call + "@" + string.Join(";", values.Select(v => string.Join(",", v.shape))));
    }

    /// <summary>Plans kept per call key: one per set of feed shapes, up to this many.</summary>
    const int ShapesPerCall = 8;

    readonly Dictionary<string, List<string>> _shapeKeys = [];   // per call key, its plan keys in creation order

    // A call that has met more feed shapes than that (sequences of many lengths) runs them all on its
    // latest plan, which sizes its buffers to each run, rather than building a plan per call.
    ExecutionPlan? PlanOfManyShapes(string call) =>
        _shapeKeys.TryGetValue(call, out var keys) && keys.Count >= ShapesPerCall ? _plans[keys[^1]] : null;
}

/// <summary>A session that makes itself the default for the rest of the thread's work (for shells and notebooks).</summary>
/// <remarks>Mirrors <c>tf.InteractiveSession</c>.</remarks>
public sealed class InteractiveSession(string target = "", Graph? graph = null, ConfigProto? config = null)
    : Session(target, graph, config);
