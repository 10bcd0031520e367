using System.Globalization;

namespace SharpFlow.Examples.TheTensorflowWay;

/// <summary>The walkthrough's command line: <c>--out DIR</c>, <c>--steps N</c>, <c>--section NAME</c>, <c>--help</c>.</summary>
public sealed record Options(string OutDir, int Steps, string? Section, bool Help)
{
    /// <summary>The document's number of training steps for the circle data set.</summary>
    public const int DefaultSteps = 40_000;

    /// <summary>The text <c>--help</c> prints (also printed, to standard error, after a wrong option).</summary>
    public static string Usage =>
        $"""
        Usage: TheTensorflowWay [--out DIR] [--steps N] [--section NAME] [--help]

        Runs every experiment of chapters 3 and 4 of "The Tensorflow Way" in order, prints its results
        and writes its pictures as PNG files.

        Options:
          --out DIR        folder for the PNG files (default: ./out)
          --steps N        training steps for each circle-data training (default: {DefaultSteps})
          --section NAME   run one section only: {string.Join(", ", Walkthrough.SectionNames)}
          --help           print this text
        """;

    /// <summary>Parses the arguments; a wrong option throws <see cref="OptionsException"/> with the reason.</summary>
    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options(Path.Combine(".", "out"), DefaultSteps, null, false);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            options = arg switch
            {
                "--help" or "-h" => options with { Help = true },
                "--out" => options with { OutDir = Value(args, ref i) },
                "--steps" => options with { Steps = PositiveInt(Value(args, ref i)) },
                "--section" => options with { Section = SectionName(Value(args, ref i)) },
                _ => throw new OptionsException($"unknown option '{arg}'"),
            };
        }
        return options;
    }

    static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new OptionsException($"option '{args[i]}' needs a value");
        return args[++i];
    }

    static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new OptionsException($"--steps needs a positive whole number, got '{text}'");

    static string SectionName(string name) =>
        Walkthrough.SectionNames.Contains(name)
            ? name
            : throw new OptionsException($"unknown section '{name}' (sections: {string.Join(", ", Walkthrough.SectionNames)})");
}

/// <summary>A command-line mistake, with the sentence that explains it.</summary>
public sealed class OptionsException(string message) : Exception(message);
