using System.Text;

namespace SharpFlow.Tests;

/// <summary>Runs code with Console.Out (and optionally Console.Error) redirected; tests using it join the Serial collection.</summary>
internal static class ConsoleCapture
{
    public static (string stdout, string stderr) Run(Action body)
    {
        var outWriter = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var errWriter = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var (savedOut, savedErr) = (Console.Out, Console.Error);
        Console.SetOut(outWriter);
        Console.SetError(errWriter);
        try { body(); }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedErr);
        }
        return (outWriter.ToString(), errWriter.ToString());
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Tests that touch process-wide state (Console, environment) run one at a time.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public sealed class SerialCollection;
