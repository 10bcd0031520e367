using SharpFlow.Ops;

namespace SharpFlow.Autodiff;

/// <summary>
/// Builds the gradient subgraph of <c>tf.gradients</c>: reverse-mode differentiation over the ops between
/// <c>xs</c> and <c>ys</c>, visited so that every op's output gradients are complete before its own gradient runs.
/// </summary>
/// <remarks>TF parity: python/ops/gradients_util.py, <c>_GradientsHelper</c> (no control flow, no IndexedSlices).</remarks>
internal static class Gradients
{
    /// <summary>The gradients of <c>sum(ys)</c> with respect to each of <paramref name="xs"/> (null where unconnected).</summary>
    internal static Tensor?[] Build(IReadOnlyList<Tensor> ys, IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor?>? gradYs,
        string? name, IReadOnlyList<Tensor>? stopGradients)
    {
        stopGradients ??= [];
        var all = ys.Concat(xs).Concat(stopGradients).Concat(gradYs?.OfType<Tensor>() ?? []).ToList();
        var g = all.Count > 0 ? all[0].graph : tf.get_default_graph();
        foreach (var t in all)
            if (t.graph != g)
                throw new ValueError($"Tensor(\"{t.name}\", shape={t.get_shape()}, dtype={t.dtype}) must be from the same graph as Tensor(\"{all[0].name}\", shape={all[0].get_shape()}, dtype={all[0].dtype}).");
        if (gradYs is not null && gradYs.Count != ys.Count)
            throw new ValueError($"Passed {gradYs.Count} grad_ys for {ys.Count} ys");

        using var graphScope = g.as_default();
        using var scope = g.name_scope(string.IsNullOrEmpty(name) ? "gradients" : name);
        var seeds = DefaultGradYs(gradYs, ys);
        var toOps = ys.Select(y => y.op).ToList();
        var fromOps = xs.Select(x => x.op).ToList();
        var (reachableTo, pending) = PendingCount(toOps, fromOps);
        var state = new GradState();
        for (int i = 0; i < ys.Count; i++) state.Add(ys[i], seeds[i]);

        var queue = new Queue<Operation>();
        var queued = new HashSet<Operation>();
        foreach (var op in toOps)
            if (Pending(pending, op) == 0 && reachableTo.Contains(op) && queued.Add(op)) queue.Enqueue(op);

        var stopOps = StopOps(fromOps, stopGradients.Select(t => t.op), pending);
        while (queue.TryDequeue(out var op))
        {
            var outGrads = state.Aggregate(op);
            var inGrads = new Tensor?[op.inputs.Count];
            if (outGrads.Any(t => t is not null) && !stopOps.Contains(op) && op.Def.IsDifferentiable)
            {
                // TF parity: an output that got no gradient but could carry one receives zeros.
                for (int i = 0; i < outGrads.Length; i++)
                    if (outGrads[i] is null && IsTrainable(op.outputs[i])) outGrads[i] = tf.zeros_like(op.outputs[i]);
                using (g.name_scope(op.name + "_grad"))
                    inGrads = op.Def.Gradient(op, outGrads);
                if (inGrads.Length != op.inputs.Count)
                    throw new ValueError($"Num gradients {inGrads.Length} generated for op {op.name} do not match num inputs {op.inputs.Count}");
            }
            for (int i = 0; i < inGrads.Length; i++)
            {
                if (inGrads[i] is not { } grad) continue;
                var input = op.inputs[i];
                try { grad.set_shape(input.get_shape()); }
                catch (ValueError)
                {
                    throw new ValueError("Incompatible shapes between op input and calculated input gradient.  " +
                        $"Forward operation: {op.name}.  Input index: {i}. Original input shape: {input.get_shape()}.  " +
                        $"Calculated input gradient shape: {grad.get_shape()}");
                }
                state.Add(input, grad);
            }
            foreach (var input in op.inputs)
            {
                int left = pending[input.op] = Pending(pending, input.op) - 1;
                if (left == 0) queue.Enqueue(input.op);
            }
        }
        return [.. xs.Select(state.Result)];
    }

    static int Pending(Dictionary<Operation, int> pending, Operation op) => pending.TryGetValue(op, out int n) ? n : 0;

    /// <summary>Gradients flow only through floating-point tensors.</summary>
    internal static bool IsTrainable(Tensor t) => t.dtype.is_floating;

    static List<Tensor> DefaultGradYs(IReadOnlyList<Tensor?>? gradYs, IReadOnlyList<Tensor> ys)
    {
        var result = new List<Tensor>(ys.Count);
        for (int i = 0; i < ys.Count; i++)
        {
            var y = ys[i];
            var gy = gradYs?[i];
            if (gy is null)
            {
                // TF parity: gradients_util._DefaultGradYs fills ones shaped like y.
                result.Add(tf.fill(tf.shape(y), tf.constant(1, y.dtype, name: $"grad_ys_{i}")));
                continue;
            }
            if ((y.dtype.is_floating || y.dtype.is_integer) && !(gy.dtype.is_floating || gy.dtype.is_integer))
                throw new TypeError($"Gradient type {gy.dtype} generated for real or integer-valued tensor {y} with type {y.dtype} must be real or integer");
            result.Add(tf.identity(gy, name: $"grad_ys_{i}"));
        }
        return result;
    }

    /// <summary>The ys reachable from the xs, and for each op between them how many between-ops consume it.</summary>
    static (HashSet<Operation> reachableTo, Dictionary<Operation, int> pending) PendingCount(List<Operation> toOps, List<Operation> fromOps)
    {
        // Forward: everything reachable from the xs through floating-point tensors.
        var reached = new HashSet<Operation>();
        var work = new Queue<Operation>(fromOps);
        while (work.TryDequeue(out var op))
        {
            if (!reached.Add(op)) continue;
            foreach (var output in op.outputs)
                if (IsTrainable(output))
                    foreach (var consumer in output.consumers()) work.Enqueue(consumer);
        }
        var reachableTo = toOps.Where(reached.Contains).ToHashSet();

        // Backward from the ys: the reached ops on a path to them.
        var between = new List<Operation>();
        var betweenSet = new HashSet<Operation>();
        work = new Queue<Operation>(toOps);
        while (work.TryDequeue(out var op))
        {
            if (!reached.Remove(op)) continue;
            between.Add(op);
            betweenSet.Add(op);
            foreach (var input in op.inputs) work.Enqueue(input.op);
        }
        var pending = new Dictionary<Operation, int>();
        foreach (var op in between)
            foreach (var input in op.inputs)
                if (betweenSet.Contains(input.op)) pending[input.op] = Pending(pending, input.op) + 1;
        return (reachableTo, pending);
    }

    /// <summary>Ops whose gradient is not needed: xs with no x upstream, and the user's stop ops.</summary>
    static HashSet<Operation> StopOps(List<Operation> fromOps, IEnumerable<Operation> stopGradientOps, Dictionary<Operation, int> pending)
    {
        var stop = fromOps.Where(op => op.inputs.All(i => Pending(pending, i.op) <= 0)).ToHashSet();
        stop.UnionWith(stopGradientOps);
        return stop;
    }

    /// <summary>Gradients received per op output: lists until the op is visited, then their sum.</summary>
    sealed class GradState
    {
        readonly Dictionary<Operation, List<Tensor>[]> _received = [];
        readonly Dictionary<Operation, Tensor?[]> _summed = [];

        public void Add(Tensor t, Tensor grad)
        {
            if (!_received.TryGetValue(t.op, out var lists))
                _received[t.op] = lists = [.. t.op.outputs.Select(_ => new List<Tensor>())];
            lists[t.value_index].Add(grad);
        }

        /// <summary>One gradient per output: the single one received, the <c>AddN</c> of several, or null.</summary>
        public Tensor?[] Aggregate(Operation op)
        {
            if (_summed.TryGetValue(op, out var done)) return [.. done];
            var result = new Tensor?[op.outputs.Count];
            if (_received.TryGetValue(op, out var lists))
                for (int i = 0; i < result.Length; i++)
                    result[i] = lists[i].Count switch { 0 => null, 1 => lists[i][0], _ => tf.add_n(lists[i]) };
            _summed[op] = result;
            return [.. result];
        }

        public Tensor? Result(Tensor x) =>
            _summed.ContainsKey(x.op) || _received.ContainsKey(x.op) ? Aggregate(x.op)[x.value_index] : null;
    }
}
