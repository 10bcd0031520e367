namespace SharpFlow;

/// <summary>
/// Learning-rate schedules as graph compositions over a step tensor (TensorFlow 1.x's
/// <c>learning_rate_decay.py</c>, computed in the dtype of the initial learning rate).
/// </summary>
internal static class LearningRateSchedules
{
    /// <summary>The initial learning rate: a given tensor, or a float32 constant named <c>learning_rate</c>.</summary>
    internal static Tensor Rate(double value, Tensor? tensor) => tensor ?? tf.constant((float)value, name: "learning_rate");

    static Tensor Const(double v, DType dtype) => tf.constant(v, dtype);

    static string ScopeName() => tf.get_default_graph().NameStack + "/";

    static void RequireStep(Tensor? globalStep, string function)
    {
        if (globalStep is null) throw new ValueError($"global_step is required for {function}.");
    }

    /// <summary>lr · rate^(step / steps), the exponent floored when <paramref name="staircase"/>.</summary>
    internal static Tensor Exponential(double lr, Tensor? lrTensor, Tensor? globalStep, double decaySteps, double decayRate, bool staircase, string? name)
    {
        RequireStep(globalStep, "exponential_decay");
        using var scope = tf.name_scope(name, "ExponentialDecay");
        var scopeName = ScopeName();
        var rate = Rate(lr, lrTensor);
        var p = Progress(rate.dtype, globalStep!, decaySteps, staircase);
        return tf.multiply(rate, tf.pow(Const(decayRate, rate.dtype), p), name: scopeName);
    }

    /// <summary>lr / (1 + rate · step / steps).</summary>
    internal static Tensor InverseTime(double lr, Tensor? lrTensor, Tensor? globalStep, double decaySteps, double decayRate, bool staircase, string? name)
    {
        RequireStep(globalStep, "inverse_time_decay");
        using var scope = tf.name_scope(name, "InverseTimeDecay");
        var scopeName = ScopeName();
        var rate = Rate(lr, lrTensor);
        var p = Progress(rate.dtype, globalStep!, decaySteps, staircase);
        var denom = tf.add(Const(1, rate.dtype), tf.multiply(Const(decayRate, rate.dtype), p));
        return tf.div(rate, denom, name: scopeName);
    }

    /// <summary>lr · exp(−rate · step / steps).</summary>
    internal static Tensor NaturalExp(double lr, Tensor? lrTensor, Tensor? globalStep, double decaySteps, double decayRate, bool staircase, string? name)
    {
        RequireStep(globalStep, "natural_exp_decay");
        using var scope = tf.name_scope(name, "NaturalExpDecay");
        var scopeName = ScopeName();
        var rate = Rate(lr, lrTensor);
        var p = Progress(rate.dtype, globalStep!, decaySteps, staircase);
        var exponent = tf.exp(tf.multiply(tf.negative(Const(decayRate, rate.dtype)), p));
        return tf.multiply(rate, exponent, name: scopeName);
    }

    /// <summary>(lr − end) · (1 − step / steps)^power + end, the step capped at (or, cycling, the steps stretched past) the horizon.</summary>
    internal static Tensor Polynomial(double lr, Tensor? lrTensor, Tensor? globalStep, double decaySteps, double endLearningRate,
        double power, bool cycle, string? name)
    {
        RequireStep(globalStep, "polynomial_decay");
        using var scope = tf.name_scope(name, "PolynomialDecay");
        var scopeName = ScopeName();
        var rate = Rate(lr, lrTensor);
        var dtype = rate.dtype;
        var end = Const(endLearningRate, dtype);
        var pow = Const(power, dtype);
        var step = tf.cast(globalStep!, dtype);
        var steps = Const(decaySteps, dtype);
        if (cycle)
        {
            // TF parity: the first multiple of decay_steps above the step; 1 at step 0.
            var ceil = tf.ceil(step / Const(decaySteps, dtype));
            var multiplier = tf.where(tf.equal(step, Const(0, dtype)), tf.ones_like(ceil), ceil);
            steps = tf.multiply(steps, multiplier);
        }
        else step = tf.minimum(step, Const(decaySteps, dtype));
        var p = tf.div(step, steps);
        return tf.add(tf.multiply(rate - end, tf.pow(1.0 - p, pow)), end, name: scopeName);
    }

    /// <summary>values[i] for the i-th interval of <paramref name="boundaries"/> that contains x (intervals closed on the right).</summary>
    internal static Tensor Piecewise(Tensor x, IReadOnlyList<Tensor> boundaries, IReadOnlyList<Tensor> values, string? name)
    {
        if (boundaries.Count != values.Count - 1)
            throw new ValueError("The length of boundaries should be 1 less than the length of values");
        using var scope = tf.name_scope(name, "PiecewiseConstant");
        var b = boundaries.ToArray();
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i].dtype == x.dtype) continue;
            // TF parity: int32 boundaries are promoted to an int64 step; any other mismatch is an error.
            if (b[i].dtype == tf.int32 && x.dtype == tf.int64) b[i] = tf.cast(b[i], tf.int64);
            else throw new ValueError($"Boundaries ({b[i].dtype}) must have the same dtype as x ({x.dtype}).");
        }
        foreach (var v in values.Skip(1))
            if (v.dtype != values[0].dtype)
                throw new ValueError($"Values must have elements all with the same dtype ({values[0].dtype} vs {v.dtype}).");
        // The intervals are disjoint and cover the line, so nested selects give the one value whose interval holds x.
        var result = tf.where(tf.greater(x, b[^1]), values[^1], values[0]);
        for (int i = 0; i < b.Length - 1; i++)
        {
            var inside = tf.logical_and(tf.greater(x, b[i]), tf.less_equal(x, b[i + 1]));
            result = tf.where(inside, values[i + 1], result);
        }
        return result;
    }

    static Tensor Progress(DType dtype, Tensor globalStep, double decaySteps, bool staircase)
    {
        var p = tf.cast(globalStep, dtype) / Const(decaySteps, dtype);
        return staircase ? tf.floor(p) : p;
    }
}
