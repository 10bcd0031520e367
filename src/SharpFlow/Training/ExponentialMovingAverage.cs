namespace SharpFlow;

/// <summary>Keeps shadow copies of variables that follow them with exponential decay.</summary>
/// <remarks>
/// Mirrors <c>tf.train.ExponentialMovingAverage</c>: <c>shadow −= (shadow − value) · (1 − decay)</c>, with
/// <c>decay = min(decay, (1 + n) / (10 + n))</c> when <c>num_updates</c> is given. Shadows of variables start
/// at the variable's initial value and are named <c>v/ExponentialMovingAverage</c>.
/// </remarks>
public sealed class ExponentialMovingAverage
{
    readonly double _decay;
    readonly Tensor? _numUpdates;
    readonly bool _zeroDebias;
    readonly Dictionary<Tensor, Variable> _averages = [];
    readonly HashSet<Variable> _debiased = [];

    /// <summary>Creates the averager; <paramref name="num_updates"/> (e.g. the global step) lowers the decay early on.</summary>
    public ExponentialMovingAverage(double decay, Tensor? num_updates = null, bool zero_debias = false, string name = "ExponentialMovingAverage")
    {
        _decay = decay;
        _numUpdates = num_updates;
        _zeroDebias = zero_debias;
        this.name = name;
    }

    /// <summary>The name of the averager, used for shadow variables and ops.</summary>
    public string name { get; }

    /// <summary>Creates shadows for <paramref name="var_list"/> (default: the trainable variables) and returns the op that updates them.</summary>
    public Operation apply(IEnumerable<Tensor>? var_list = null)
    {
        var list = var_list?.ToList() ?? tf.trainable_variables().Cast<Tensor>().ToList();
        var g = list.Count > 0 ? list[0].graph : tf.get_default_graph();
        using var graphScope = g.as_default();
        foreach (var v in list)
        {
            if (!v.dtype.is_floating)
                throw new TypeError($"The variables must be half, float, or double: {v.name}");
            if (_averages.ContainsKey(v)) continue;
            using (g.control_dependencies(null))
            {
                Variable avg;
                if (v is Variable variable)
                {
                    avg = SlotCreator.Create(variable, new TensorInitializer(variable.initialized_value), v.dtype, name);
                    g.add_to_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES, variable);
                }
                else
                {
                    avg = SlotCreator.Create(v, tf.zeros_initializer(), v.dtype, name);
                    if (_zeroDebias) _debiased.Add(avg);
                }
                _averages[v] = avg;
            }
        }
        using var scope = g.name_scope(name);
        var scopeName = g.NameStack;
        Tensor decay = tf.constant((float)_decay, name: "decay");
        if (_numUpdates is not null)
        {
            var n = tf.cast(_numUpdates, tf.float32, name: "num_updates");
            decay = tf.minimum(decay, (1.0 + n) / (10.0 + n));
        }
        var updates = list.Select(v => (ITensorOrOperation)AssignMovingAverage(_averages[v], v, decay, _debiased.Contains(_averages[v]))).ToList();
        return tf.group(updates, scopeName + "/");
    }

    /// <summary>The shadow variable of <paramref name="var"/>.</summary>
    /// <remarks>TensorFlow returns None for a variable that was never applied; here that is a <see cref="KeyNotFoundException"/>.</remarks>
    public Variable average(Tensor var) =>
        _averages.TryGetValue(var, out var avg) ? avg : throw new KeyNotFoundException($"No moving average has been created for {var.name}.");

    /// <summary>The name the shadow of <paramref name="var"/> has (or would get): <c>v/ExponentialMovingAverage</c>.</summary>
    public string average_name(Tensor var) =>
        _averages.TryGetValue(var, out var avg) ? avg.op.name : var.graph.unique_name(var.op.name + "/" + name, mark_as_used: false);

    /// <summary>A map from checkpoint names to variables that restores each shadow into its variable (and other variables as themselves).</summary>
    public Dictionary<string, Variable> variables_to_restore(IEnumerable<Variable>? moving_avg_variables = null)
    {
        var averaged = (moving_avg_variables?.ToList() ?? [.. tf.trainable_variables(), .. tf.moving_average_variables()]).Distinct().ToList();
        var map = new Dictionary<string, Variable>();
        foreach (var v in averaged) map[average_name(v)] = v;
        var averagedNames = averaged.Select(v => v.name).ToHashSet();
        foreach (var v in tf.global_variables().Distinct())
            if (!averagedNames.Contains(v.name) && !map.ContainsKey(v.op.name)) map[v.op.name] = v;
        return map;
    }

    static Tensor AssignMovingAverage(Variable shadow, Tensor value, Tensor decay, bool zeroDebias)
    {
        // TF parity: python/training/moving_averages.py, assign_moving_average.
        using var scope = tf.name_scope(null, "AssignMovingAvg");
        var scopeName = tf.get_default_graph().NameStack;
        var oneMinus = tf.cast(1.0 - decay, shadow.dtype);
        var delta = zeroDebias ? ZeroDebias(shadow, value, oneMinus) : (shadow - value) * oneMinus;
        return tf.assign_sub(shadow, delta, name: scopeName + "/");
    }

    static Tensor ZeroDebias(Variable unbiased, Tensor value, Tensor oneMinusDecay)
    {
        // TF parity: moving_averages.py, _zero_debias: a biased EMA and a step count give the unbiased delta.
        using var scope = tf.variable_scope(unbiased.op.name);
        var scopeName = tf.get_default_graph().NameStack;
        Variable biased, localStep;
        using (tf.control_dependencies(null))
        {
            biased = tf.get_variable("biased", shape: unbiased.get_shape(), dtype: unbiased.dtype, initializer: tf.zeros_initializer(), trainable: false);
            localStep = tf.get_variable("local_step", shape: TensorShape.Scalar, dtype: unbiased.dtype, initializer: tf.zeros_initializer(), trainable: false);
        }
        var updateBiased = tf.assign_sub(biased, (biased - value) * oneMinusDecay, name: scopeName + "/");
        var updateStep = localStep.assign_add(1.0);
        using (tf.control_dependencies([updateBiased, updateStep]))
            return unbiased - biased.read_value() / (1.0 - tf.pow(1.0 - oneMinusDecay, localStep.read_value()));
    }

    /// <summary>An initializer that returns a given tensor (the shadow starts at the variable's initial value).</summary>
    sealed class TensorInitializer(Func<Tensor> make) : Initializer
    {
        public override Tensor Call(TensorShape shape, DType dtype) => make();
    }
}
