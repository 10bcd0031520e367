using System.Globalization;
using SharpFlow.Plotting;

namespace SharpFlow.Examples.TheTensorflowWay.Sections;

/// <summary>Chapter 4: minimising y = x² from x = 5 with learning rates 1, 0.001 and an exponentially decaying one.</summary>
internal static class LearningRates
{
    const int PlottedSteps = 30;

    public static void Run(WalkthroughContext c)
    {
        c.Line("Learning rate 1: the gradient 2x overshoots to -x every step, so x oscillates between 5 and -5.");
        var rateOne = Train(c, _ => 1.0, printsRate: false, 10, printEvery: 1, PlottedSteps);
        c.Line();
        c.Line("Learning rate 0.001: x shrinks by 0.2% per step, far too slowly.");
        var rateSmall = Train(c, _ => 0.001, printsRate: false, 10, printEvery: 1, PlottedSteps);
        c.Line();
        c.Line("tf.train.exponential_decay(0.1, global_step, 1, 0.96, staircase: true): fast at first, then careful.");
        var decayed = Train(c, step => tf.train.exponential_decay(0.1, step, 1, 0.96, staircase: true), printsRate: true, 100,
            printEvery: 10, PlottedSteps);

        var path = c.Picture("learning-rates.png");
        Charts.LearningRates(path, "Gradient descent on y = x², starting at x = 5",
        [
            new Series("learning rate 1", Steps(rateOne), rateOne),
            new Series("learning rate 0.001", Steps(rateSmall), rateSmall),
            new Series("exponential decay from 0.1 (×0.96 per step)", Steps(decayed), decayed),
        ], yLabel: "x after the step");
        c.Line();
        c.Line($"Wrote {Path.GetFileName(path)}: x per step for each learning rate (first {PlottedSteps} steps).");
    }

    /// <summary>Runs the document's loop (printing the rate too for a schedule); returns x before the first step and after each of the first <paramref name="keep"/> steps.</summary>
    static double[] Train(WalkthroughContext c, Func<Variable, Tensor> learningRate, bool printsRate, int printedSteps, int printEvery, int keep)
    {
        using var graph = tf.Graph();
        using var _ = graph.as_default();
        var global_step = tf.Variable(0);
        var LEARNING_RATE = learningRate(global_step);
        var x = tf.Variable(tf.constant(5, dtype: tf.float32), name: "x");
        var y = tf.square(x);
        var train_op = tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(y, global_step: global_step);

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var xs = new List<double> { (float)sess.run(x) };
        for (int i = 0; i < Math.Max(printedSteps, keep); i++)
        {
            sess.run(train_op);
            var x_value = (float)sess.run(x);
            if (i < keep) xs.Add(x_value);
            if (i >= printedSteps || i % printEvery != 0) continue;
            // Python's "%f" of the float32 value (widened to double, six decimals).
            var line = $"After {i + 1} iteration(s): x{i + 1} is {F(x_value)}";
            c.Line(printsRate ? $"{line}, learning rate is {F((float)sess.run(LEARNING_RATE))}." : line + ".");
        }
        return [.. xs];
    }

    static string F(float v) => ((double)v).ToString("F6", CultureInfo.InvariantCulture);

    static double[] Steps(double[] values) => Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray();
}
