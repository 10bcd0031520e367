using System.Diagnostics;
using System.Globalization;

namespace SharpFlow.Benchmarks;

/// <summary>
/// A Stopwatch breakdown of one training step: the plan's kernels are re-run in plan order through
/// their own contexts, each timed, and grouped by op type. The session step time minus the kernels'
/// sum is what the runtime itself costs (feed checks, plan lookup, bookkeeping).
/// </summary>
internal static class StepProfile
{
    internal sealed record Row(string OpType, int Count, double Seconds, long Bytes);

    /// <summary>
    /// Per-op-type kernel times and bytes, plus the medians of the kernels' sum and of a whole session
    /// step, those two measured alternately in one loop so that both see the same machine state.
    /// </summary>
    public static (Row[] rows, double kernelSeconds, double stepSeconds) Run(Workload w, int steps)
    {
        var (feeds, targets) = w.Plan;
        feeds = [.. feeds.OrderBy(t => t.name, StringComparer.Ordinal)];
        // A plan of its own, built as the session builds one (fused steps and in-place buffers included).
        var plan = ExecutionPlan.Build(feeds, [], targets, w.Session.State);
        var feedValues = feeds.Select(f => w.Feed![f]).ToArray();
        var ops = plan.Kernels.ToArray();
        void RunOnce(long[]? ticks, long[]? bytes) { plan.Begin(feedValues); RunSteps(plan, ops.Length, ticks, bytes); }

        var ticks = new long[ops.Length];
        var bytes = new long[ops.Length];
        // Bytes first, in a pass of their own: kernels that cache per-op state in the session would
        // see two sets of buffers if session steps were interleaved, and reallocate.
        for (int warm = 0; warm < 20; warm++) RunOnce(null, null);
        var unused = new long[ops.Length];
        for (int s = 0; s < steps; s++) RunOnce(unused, bytes);
        for (int warm = 0; warm < 20; warm++) { RunOnce(null, null); w.Step(); }
        long overhead = TimerOverhead();
        long instrumentation = InstrumentationCost();
        var kernelTimes = new double[steps];
        var stepTimes = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            long t0 = Stopwatch.GetTimestamp();
            RunOnce(ticks, unused);
            long t1 = Stopwatch.GetTimestamp();
            w.Step();
            long t2 = Stopwatch.GetTimestamp();
            // Take the per-op bookkeeping (timestamps, allocation counters) out of the kernels' sum.
            kernelTimes[s] = Math.Max(0, t1 - t0 - instrumentation * ops.Length) / (double)Stopwatch.Frequency;
            stepTimes[s] = (t2 - t1) / (double)Stopwatch.Frequency;
        }

        var rows = ops.Select((op, i) => (type: op.Label, t: Math.Max(0, ticks[i] - overhead * steps), b: bytes[i]))
            .GroupBy(r => r.type)
            .Select(gr => new Row(gr.Key, gr.Count(), gr.Sum(r => r.t) / (double)Stopwatch.Frequency / steps, gr.Sum(r => r.b) / steps))
            .OrderByDescending(r => r.Seconds)
            .ToArray();
        return (rows, Timing.Median(kernelTimes), Timing.Median(stepTimes));
    }

    static void RunSteps(ExecutionPlan plan, int count, long[]? ticks, long[]? bytes)
    {
        for (int i = 0; i < count; i++)
        {
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            plan.RunStep(i);
            long t1 = Stopwatch.GetTimestamp();
            if (ticks is null || bytes is null) continue;
            ticks[i] += t1 - t0;
            bytes[i] += GC.GetAllocatedBytesForCurrentThread() - b0;
        }
    }

    // Ticks that RunOnce's bookkeeping costs per op, measured around an empty body.
    static long InstrumentationCost()
    {
        const int n = 100_000;
        long sink = 0, start = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            long t1 = Stopwatch.GetTimestamp();
            sink += t1 - t0 + GC.GetAllocatedBytesForCurrentThread() - b0;
        }
        long cost = (Stopwatch.GetTimestamp() - start) / n;
        s_sink = sink;   // keeps the loop's reads observable
        return cost;
    }

    static long s_sink;

    static long TimerOverhead()
    {
        const int n = 100_000;
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sum += Stopwatch.GetTimestamp() - t0;
        }
        return sum / n;
    }

    /// <summary>JSON lines for the report: one per op type, then the medians of the kernels' sum and of the session step.</summary>
    public static IEnumerable<string> ToJson(string bench, int threads, Row[] rows, double kernelSeconds, double stepSeconds)
    {
        var ci = CultureInfo.InvariantCulture;
        string Line(string op, int count, double seconds, long bytes) => string.Create(ci,
            $"{{\"impl\": \"SharpFlow\", \"bench\": \"profile\", \"case\": \"{bench}\", \"threads\": {threads}, \"op\": \"{op}\", \"count\": {count}, \"seconds\": {seconds:R}, \"bytes\": {bytes}}}");
        foreach (var r in rows) yield return Line(r.OpType, r.Count, r.Seconds, r.Bytes);
        yield return Line("(kernels)", rows.Sum(r => r.Count), kernelSeconds, rows.Sum(r => r.Bytes));
        yield return Line("(session step)", 1, stepSeconds, 0);
    }
}
