namespace SharpFlow.Benchmarks;

/// <summary>The process's peak resident set size, as Linux reports it.</summary>
internal static class Memory
{
    /// <summary>VmHWM from /proc/self/status in KiB, or -1 where there is no such file.</summary>
    public static long PeakRssKib()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return -1;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return -1;
    }
}
