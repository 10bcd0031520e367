using Spectre.Console;

namespace SharpFlow.Examples.TheTensorflowWay;

/// <summary>Reports how far a training loop has come, and prints the loop's own lines without garbling the report.</summary>
internal interface IProgressSink
{
    /// <summary>Tells the reporter that <paramref name="done"/> steps have run.</summary>
    void Step(int done);

    /// <summary>Prints a line of the training's own output.</summary>
    void WriteLine(string line);
}

/// <summary>A live progress bar on a terminal, a few plain lines anywhere else (files, pipes, CI logs).</summary>
internal abstract class TrainingProgress
{
    /// <summary>The reporter that fits <paramref name="output"/>: a bar only on an interactive console.</summary>
    public static TrainingProgress For(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? new LiveBar()
            : new PlainLines(output);

    /// <summary>Runs <paramref name="body"/>, which trains for <paramref name="total"/> steps and reports through the sink.</summary>
    public abstract void Run(string description, int total, Action<IProgressSink> body);

    sealed class LiveBar : TrainingProgress
    {
        public override void Run(string description, int total, Action<IProgressSink> body) =>
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(description), maxValue: total);
                    body(new Sink(task));
                    task.Value = total;
                });

        sealed class Sink(ProgressTask task) : IProgressSink
        {
            public void Step(int done) => task.Value = done;

            // Writing through AnsiConsole lets the live display redraw itself below the line.
            public void WriteLine(string line) => AnsiConsole.Console.WriteLine(line);
        }
    }

    sealed class PlainLines(TextWriter output) : TrainingProgress
    {
        const int Reports = 4;

        public override void Run(string description, int total, Action<IProgressSink> body) =>
            body(new Sink(output, description, total));

        sealed class Sink(TextWriter output, string description, int total) : IProgressSink
        {
            int _reported;

            public void Step(int done)
            {
                // One line per quarter of the run: enough to show life in a CI log without flooding it.
                int quarter = (int)((long)done * Reports / total);
                if (quarter <= _reported) return;
                _reported = quarter;
                output.WriteLine($"  [{description}: {done}/{total} steps, {100L * done / total}%]");
            }

            public void WriteLine(string line) => output.WriteLine(line);
        }
    }
}
