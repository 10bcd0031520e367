namespace SharpFlow.Tests.Training;

/// <summary>
/// Learning-rate schedules evaluated at several steps; expected values are TensorFlow's documented formulas
/// (python/training/learning_rate_decay_test.py computes them the same way in NumPy), here in double.
/// </summary>
public sealed class LearningRateScheduleTests
{
    static void AtSteps(Func<Tensor, Tensor> schedule, Func<int, double> expected, params int[] steps)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var step = tf.placeholder(tf.int32, shape: TensorShape.Scalar, name: "step");
        var lr = schedule(step);
        Assert.Equal(tf.float32, lr.dtype);
        using var sess = tf.Session();
        foreach (var s in steps)
            Assert.Equal(expected(s), (float)sess.run(lr, (step, s)), 6);
    }

    [Fact]
    public void ExponentialDecay_Continuous() =>
        AtSteps(s => tf.train.exponential_decay(0.1, s, 3, 0.96), s => 0.1 * Math.Pow(0.96, s / 3.0), 0, 1, 2, 3, 7, 100);

    [Fact]
    public void ExponentialDecay_Staircase() =>
        AtSteps(s => tf.train.exponential_decay(0.1, s, 3, 0.96, staircase: true), s => 0.1 * Math.Pow(0.96, s / 3), 0, 2, 3, 5, 6, 100);

    [Fact]
    public void ExponentialDecay_IsNamedAndNeedsAStep()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var lr = tf.train.exponential_decay(0.1, tf.constant(1), 1, 0.96);
        Assert.Equal("ExponentialDecay:0", lr.name);
        Assert.Equal("global_step is required for exponential_decay.",
            Assert.Throws<ValueError>(() => tf.train.exponential_decay(0.1, null!, 1, 0.96)).Message);
    }

    [Fact]
    public void InverseTimeDecay_ContinuousAndStaircase()
    {
        AtSteps(s => tf.train.inverse_time_decay(0.1, s, 5, 0.5), s => 0.1 / (1 + 0.5 * s / 5.0), 0, 3, 10, 17);
        AtSteps(s => tf.train.inverse_time_decay(0.1, s, 5, 0.5, staircase: true), s => 0.1 / (1 + 0.5 * (s / 5)), 0, 3, 10, 17);
    }

    [Fact]
    public void NaturalExpDecay_ContinuousAndStaircase()
    {
        AtSteps(s => tf.train.natural_exp_decay(0.1, s, 5, 0.5), s => 0.1 * Math.Exp(-0.5 * s / 5.0), 0, 3, 10, 17);
        AtSteps(s => tf.train.natural_exp_decay(0.1, s, 5, 0.5, staircase: true), s => 0.1 * Math.Exp(-0.5 * (s / 5)), 0, 3, 10, 17);
    }

    [Fact]
    public void PolynomialDecay_CapsAtDecaySteps()
    {
        // (lr − end)·(1 − min(step, 10)/10)^power + end.
        AtSteps(s => tf.train.polynomial_decay(0.1, s, 10, end_learning_rate: 0.01, power: 0.5),
            s => (0.1 - 0.01) * Math.Pow(1 - Math.Min(s, 10) / 10.0, 0.5) + 0.01, 0, 1, 5, 10, 25);
    }

    [Fact]
    public void PolynomialDecay_Cycle_StretchesTheHorizon()
    {
        // decay_steps becomes 10·ceil(step/10) (1 at step 0).
        AtSteps(s => tf.train.polynomial_decay(0.1, s, 10, end_learning_rate: 0.01, cycle: true),
            s =>
            {
                double steps = 10 * (s == 0 ? 1 : Math.Ceiling(s / 10.0));
                return (0.1 - 0.01) * (1 - s / steps) + 0.01;
            }, 0, 4, 10, 15, 20, 21);
    }

    [Fact]
    public void PiecewiseConstant_PicksTheIntervalClosedOnTheRight()
    {
        AtSteps(s => tf.train.piecewise_constant(s, [100, 110, 120], [1.0, 0.1, 0.01, 0.001]),
            s => s <= 100 ? 1.0 : s <= 110 ? 0.1 : s <= 120 ? 0.01 : 0.001, 0, 100, 101, 110, 111, 120, 121, 1000);
    }

    [Fact]
    public void PiecewiseConstant_BadArguments_RaiseTensorFlowsErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(1.5f);
        Assert.Equal("The length of boundaries should be 1 less than the length of values",
            Assert.Throws<ValueError>(() => tf.train.piecewise_constant(x, [1.0], [1.0])).Message);
        Assert.Equal("Boundaries (int32) must have the same dtype as x (float32).",
            Assert.Throws<ValueError>(() => tf.train.piecewise_constant(x, [1], [1.0, 2.0])).Message);
        var step64 = tf.constant(5L);
        using var sess = tf.Session();
        Assert.Equal(2f, (float)sess.run(tf.train.piecewise_constant(step64, [3], [1.0, 2.0])));   // int32 boundaries promote to int64
    }
}
