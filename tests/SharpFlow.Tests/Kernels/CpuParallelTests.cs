using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// The parallel loop: every index exactly once, task errors rethrown, helper threads really taking
/// part, no allocation in steady state, and reused jobs never reaching a helper that took an old
/// call's post late. On a one-CPU machine the tests lift the thread cap so the parallel path runs.
/// </summary>
public sealed class CpuParallelTests
{
    /// <summary>Counts each index's runs into the call's own array.</summary>
    private readonly struct Count(int[] hits) : IParallelBody
    {
        public void Invoke(int index) => Interlocked.Increment(ref hits[index]);
    }

    /// <summary>Throws at one index.</summary>
    private readonly struct ThrowAt(int bad) : IParallelBody
    {
        public void Invoke(int index)
        {
            if (index == bad) throw new InvalidOperationException($"task {index}");
        }
    }

    /// <summary>Records who ran each index; the first index waits (bounded) for the second to start elsewhere.</summary>
    private readonly struct Rendezvous(int[] started, int[] threadIds) : IParallelBody
    {
        public void Invoke(int index)
        {
            threadIds[index] = Environment.CurrentManagedThreadId;
            if (Interlocked.Increment(ref started[0]) == 1)
            {
                var until = DateTime.UtcNow.AddMilliseconds(500);
                while (Volatile.Read(ref started[0]) < 2 && DateTime.UtcNow < until) Thread.Yield();
            }
        }
    }

    /// <summary>Lets the parallel path run on a one-CPU machine too (any cap is correct; it only sets speed).</summary>
    internal static void EnsureTwoThreads()
    {
        if (CpuParallel.MaxThreads < 2) CpuParallel.MaxThreads = 2;
    }

    [Fact]
    public void For_runs_each_index_once()
    {
        EnsureTwoThreads();
        foreach (int count in new[] { 1, 2, 3, 17, 1000 })
        {
            var hits = new int[count];
            CpuParallel.For(count, 4, new Count(hits));
            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void For_rethrows_a_task_exception_and_stays_usable()
    {
        EnsureTwoThreads();
        var e = Assert.Throws<InvalidOperationException>(() => CpuParallel.For(8, 2, new ThrowAt(5)));
        Assert.Equal("task 5", e.Message);
        var hits = new int[64];
        CpuParallel.For(hits.Length, 2, new Count(hits));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Helper_thread_takes_part()
    {
        EnsureTwoThreads();
        // A helper busy with another test's call may miss a post, so a few tries are allowed.
        for (int attempt = 0; attempt < 40; attempt++)
        {
            int[] started = [0], ids = new int[2];
            CpuParallel.For(2, 2, new Rendezvous(started, ids));
            if (ids[0] != ids[1]) return;
        }
        Assert.Fail("no helper thread ran an index of a 2-thread loop in 40 tries");
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing()
    {
        EnsureTwoThreads();
        var hits = new int[100];
        var body = new Count(hits);
        for (int i = 0; i < 100; i++) CpuParallel.For(hits.Length, 2, body);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++) CpuParallel.For(hits.Length, 2, body);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.All(hits, h => Assert.Equal(2100, h));
    }

    /// <summary>
    /// Several threads issue many small calls at once with more helpers than cores, so posts collide,
    /// helpers are preempted between taking a job and running it, and jobs are reused while helpers
    /// may still hold older ones. Each call counts into its own array: an index run twice, missed,
    /// out of range, or run after its call returned (checked again at the end) fails.
    /// </summary>
    [Fact]
    public void Concurrent_callers_with_reused_jobs_run_each_index_exactly_once()
    {
        const int Callers = 4, Calls = 3000, Threads = 8;
        int cap = CpuParallel.MaxThreads;
        CpuParallel.MaxThreads = Math.Max(cap, Threads);
        try
        {
            var arrays = new int[Callers][][];
            var failures = new List<string>();
            var threads = Enumerable.Range(0, Callers).Select(caller => new Thread(() =>
            {
                var rnd = new Random(caller);
                var mine = arrays[caller] = new int[Calls][];
                for (int call = 0; call < Calls; call++)
                {
                    var hits = mine[call] = new int[rnd.Next(1, 12)];
                    try { CpuParallel.For(hits.Length, rnd.Next(2, Threads + 1), new Count(hits)); }
                    catch (Exception e) { lock (failures) failures.Add($"caller {caller} call {call}: {e.GetType().Name} {e.Message}"); }
                    if (hits.Any(h => h != 1))
                        lock (failures) failures.Add($"caller {caller} call {call}: [{string.Join(",", hits)}]");
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Empty(failures);
            Thread.Sleep(50);
            for (int caller = 0; caller < Callers; caller++)
            for (int call = 0; call < Calls; call++)
                Assert.True(arrays[caller][call].All(h => h == 1), $"caller {caller} call {call} changed after it returned");
        }
        finally
        {
            CpuParallel.MaxThreads = cap;
        }
    }
}
