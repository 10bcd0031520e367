using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SharpFlow.Benchmarks;

/// <summary>One measured case: the median time of one call and every batch's per-call time.</summary>
internal sealed record Measurement(string Impl, string Bench, string Case, int Threads, double MedianSeconds, double[] Samples, long BytesPerCall)
{
    /// <summary>One JSON line, the format run.sh's report reads (the peers print the same keys).</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"impl\": \"{Impl}\", \"bench\": \"{Bench}\", \"case\": \"{Case}\", \"threads\": {Threads}, ");
        sb.Append(CultureInfo.InvariantCulture, $"\"median_s\": {MedianSeconds:R}, \"bytes_per_call\": {BytesPerCall}, \"samples_s\": [");
        sb.Append(string.Join(", ", Samples.Select(s => s.ToString("R", CultureInfo.InvariantCulture))));
        sb.Append("]}");
        return sb.ToString();
    }
}

/// <summary>
/// The timing loop shared by every workload: warm up (so tiered JIT has promoted the hot methods),
/// size a batch to a target duration, then time several batches and keep the median per-call time.
/// </summary>
internal static class Timing
{
    /// <summary>Least warm-up, seconds per timed batch, number of batches; --quick shrinks them.</summary>
    // Many short batches: on a shared 2-core machine a long batch nearly always contains a preemption
    // by someone else's process, while the median of short ones does not.
    public static double WarmupSeconds = 1, BatchSeconds = 0.02, WarmupRoundSeconds = 0.1, MaxWarmupSeconds = 8;
    public static int Repetitions = 31;

    public static Measurement Measure(string impl, string bench, string @case, int threads, Action body)
    {
        // Warm-up: tiered JIT replaces tier-0 code (slow SIMD) in the background, so warm up in rounds
        // until WarmupSeconds have passed and a round is no faster than the best one before it.
        var sw = Stopwatch.StartNew();
        double best = double.MaxValue;
        while (sw.Elapsed.TotalSeconds < MaxWarmupSeconds)
        {
            long calls = 0, start = Stopwatch.GetTimestamp();
            do { body(); calls++; } while (Stopwatch.GetElapsedTime(start).TotalSeconds < WarmupRoundSeconds);
            double perCall = Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
            if (sw.Elapsed.TotalSeconds >= WarmupSeconds && perCall >= 0.97 * best) break;
            best = Math.Min(best, perCall);
        }

        // Calibrate: double the iteration count until one batch lasts BatchSeconds.
        long iterations = 1;
        while (true)
        {
            double t = TimeBatch(body, iterations);
            if (t >= BatchSeconds || iterations >= 1L << 30) break;
            iterations = t <= 0 ? iterations * 8 : Math.Max(iterations * 2, (long)(iterations * BatchSeconds / t * 1.1));
        }

        var samples = new double[Repetitions];
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < Repetitions; r++) samples[r] = TimeBatch(body, iterations) / iterations;
        long bytes = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / (iterations * Repetitions);
        var m = new Measurement(impl, bench, @case, threads, Median(samples), samples, bytes);
        Console.Error.WriteLine($"  {impl,-16} {bench,-4} {@case,-22} t={threads}  median {Format(m.MedianSeconds)}  ({iterations} calls/batch, {bytes} B/call)");
        return m;
    }

    static double TimeBatch(Action body, long iterations)
    {
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < iterations; i++) body();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public static double Median(double[] values)
    {
        var s = (double[])values.Clone();
        Array.Sort(s);
        int n = s.Length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static string Format(double seconds) => seconds switch
    {
        < 1e-6 => $"{seconds * 1e9:F1} ns",
        < 1e-3 => $"{seconds * 1e6:F2} µs",
        < 1 => $"{seconds * 1e3:F3} ms",
        _ => $"{seconds:F3} s",
    };
}
