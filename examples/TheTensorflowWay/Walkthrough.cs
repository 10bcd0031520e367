using System.Diagnostics;
using SharpFlow.Examples.TheTensorflowWay.Sections;

namespace SharpFlow.Examples.TheTensorflowWay;

/// <summary>The document's experiments of chapters 3 and 4, in order, each printed under a heading.</summary>
public static class Walkthrough
{
    sealed record Section(string Name, string Title, Action<WalkthroughContext> Run);

    static readonly Section[] Sections =
    [
        new("graphs", "Graphs and tensors", GraphsAndTensors.Run),
        new("sessions", "Sessions and device placement", Sessions.Run),
        new("variables", "Variables and the forward pass", VariablesAndForwardPass.Run),
        new("cross-entropy", "Cross-entropy, softmax and the numerically stable losses", CrossEntropy.Run),
        new("learning-rate", "Learning rates: 1, 0.001 and exponential decay", LearningRates.Run),
        new("circle", "Over-fitting: the circle data set without and with L2 regularisation", CircleData.Run),
        new("moving-averages", "Moving averages", MovingAverages.Run),
    ];

    /// <summary>The names <c>--section</c> accepts, in the order the sections run.</summary>
    public static IReadOnlyList<string> SectionNames { get; } = Sections.Select(s => s.Name).ToArray();

    /// <summary>
    /// Runs the walkthrough with command-line <paramref name="args"/>, printing to <paramref name="output"/>; usage
    /// errors go to <paramref name="error"/> (default: the same writer). Returns the process exit code.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter? error = null)
    {
        error ??= output;
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (OptionsException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine();
            error.WriteLine(Options.Usage);
            return 2;
        }
        if (options.Help)
        {
            output.WriteLine(Options.Usage);
            return 0;
        }

        var clock = Stopwatch.StartNew();
        var context = new WalkthroughContext(output, options.OutDir, options.Steps, TrainingProgress.For(output));
        output.WriteLine($"The Tensorflow Way, chapters 3 and 4, on SharpFlow (TensorFlow {tf.__version__} semantics)");
        int number = 0;
        foreach (var section in Sections)
        {
            number++;
            if (options.Section is not null && options.Section != section.Name) continue;
            output.WriteLine();
            output.WriteLine($"== {number}. {section.Title} (--section {section.Name}) ==");
            output.WriteLine();
            section.Run(context);
        }
        output.WriteLine();
        if (context.Pictures.Count > 0)
        {
            output.WriteLine($"Pictures written to {Path.GetFullPath(options.OutDir)}:");
            foreach (var picture in context.Pictures) output.WriteLine($"  {Path.GetFileName(picture)}");
        }
        output.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}

/// <summary>What every section needs: where to print, where to put pictures, how long to train.</summary>
internal sealed class WalkthroughContext(TextWriter output, string outDir, int steps, TrainingProgress progress)
{
    public TextWriter Out { get; } = output;

    public int Steps { get; } = steps;

    public TrainingProgress Progress { get; } = progress;

    public List<string> Pictures { get; } = [];

    /// <summary>The path of a picture in the output folder (created on first use); the walkthrough lists it at the end.</summary>
    public string Picture(string fileName)
    {
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, fileName);
        Pictures.Add(path);
        return path;
    }

    /// <summary>Prints an expression and its value side by side, as an interactive session would show them.</summary>
    public void Show(string expression, object? value)
    {
        // Continuation lines of a multi-line value (a matrix) line up under its first line.
        var text = (value?.ToString() ?? "").Replace("\n", "\n" + new string(' ', ValueColumn + 1));
        Out.WriteLine($"{expression.PadRight(ValueColumn)} {text}");
    }

    const int ValueColumn = 44;

    public void Line(string text = "") => Out.WriteLine(text);
}
