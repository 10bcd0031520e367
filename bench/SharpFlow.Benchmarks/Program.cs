using SharpFlow;
using SharpFlow.Benchmarks;

// SharpFlow's side of issue 6's benchmark. Prints one JSON line per measurement on stdout (progress
// on stderr); bench/run.sh runs it next to the peers and bench/report.py turns both into the table.
//   --quick           shorter warm-up and batches (a smoke run, not numbers to quote)
//   --only=W1,W4,EW   a subset (W1 W2 W3 W4 EW PROFILE; MEM alone: W3's peak memory)
//   --threads=1,2     intra-op thread counts
//   --sizes=256,1024  GEMM sizes for W4
var only = new HashSet<string>(["W1", "W2", "W3", "W4", "EW", "PROFILE"], StringComparer.OrdinalIgnoreCase);
int[] threadCounts = [1, 2];
int[] sizes = [256, 1024, 2048];
foreach (var arg in args)
{
    if (arg == "--quick") { Timing.WarmupSeconds = 0.3; Timing.BatchSeconds = 0.01; Timing.Repetitions = 5; }
    else if (arg.StartsWith("--only=", StringComparison.Ordinal)) only = new(arg[7..].Split(','), StringComparer.OrdinalIgnoreCase);
    else if (arg.StartsWith("--threads=", StringComparison.Ordinal)) threadCounts = [.. arg[10..].Split(',').Select(int.Parse)];
    else if (arg.StartsWith("--sizes=", StringComparison.Ordinal)) sizes = [.. arg[8..].Split(',').Select(int.Parse)];
    else { Console.Error.WriteLine($"unknown argument {arg}"); return 2; }
}

Console.Error.WriteLine($"SharpFlow benchmarks: .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
    $"Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");

void Emit(Measurement m) => Console.WriteLine(m.ToJson());
Console.WriteLine($"{{\"impl\": \"SharpFlow\", \"bench\": \"version\", \"dotnet_runtime\": \"{Environment.Version}\", " +
    $"\"vector512\": {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "true" : "false")}}}");

if (only.Contains("MEM"))
{
    // Peak resident memory of a process that trains W3 for 200 steps at 1 thread (the peer does the same).
    long baseKib = Memory.PeakRssKib();
    using (var w = Workloads.W3(1))
        for (int i = 0; i < 200; i++) w.Step();
    Console.WriteLine($"{{\"impl\": \"SharpFlow\", \"bench\": \"MEM\", \"case\": \"W3 peak RSS\", \"threads\": 1, \"peak_kib\": {Memory.PeakRssKib()}, \"base_kib\": {baseKib}}}");
    return 0;
}

foreach (var (name, build) in new (string, Func<int, Workload>)[] { ("W1", Workloads.W1), ("W2", Workloads.W2), ("W3", Workloads.W3) })
{
    if (!only.Contains(name)) continue;
    foreach (int t in threadCounts)
    {
        using var w = build(t);
        var m = Timing.Measure("SharpFlow", name, "step", t, w.Step);
        Emit(m);
        if (only.Contains("PROFILE") && name != "W2")
        {
            var (rows, kernels, step) = StepProfile.Run(w, steps: name == "W1" ? 2000 : 50);
            Console.Error.WriteLine($"  profile {name} t={t}: kernels {Timing.Format(kernels)} of a {Timing.Format(step)} step");
            foreach (var line in StepProfile.ToJson(name, t, rows, kernels, step)) Console.WriteLine(line);
        }
    }
}

if (only.Contains("W4"))
    foreach (var m in KernelBenchmarks.GemmCases(sizes, threadCounts)) Emit(m);

if (only.Contains("EW"))
    foreach (var m in KernelBenchmarks.ElementwiseCases(1 << 20)) Emit(m);

return 0;
