using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace SharpFlow.Kernels.Cpu;

/// <summary>
/// The one parallel loop that CPU kernels use (intra-op parallelism).
/// Helpers are a few dedicated background threads rather than the shared thread pool: a kernel
/// forks and joins several times per op (GEMM: twice per k-block), and a thread-pool worker that
/// has gone to sleep took 1–2.5 ms to wake on a 2-vCPU VM, longer than a whole 256³ product.
/// Helpers therefore spin for a short while after their last task before they block.
/// The calling thread takes part and claims indices too, so a busy or late helper only costs
/// speed, never a deadlock, and concurrent callers simply share or skip the helpers.
/// </summary>
internal static class CpuParallel
{
    /// <summary>How long an idle helper keeps polling before it blocks (~1 ms: a few op dispatches).</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private static volatile Helper[] s_helpers = [];
    private static readonly Lock s_grow = new();

    /// <summary>Runs <paramref name="body"/>(0 … count−1) on up to <paramref name="threads"/> threads; returns when all have run.</summary>
    public static void For(int count, int threads, Action<int> body)
    {
        int helpers = Math.Min(Math.Min(count, threads), Environment.ProcessorCount) - 1;
        if (helpers <= 0)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        var job = new Job(count, body);
        var pool = Helpers(helpers);
        for (int h = 0; h < helpers; h++) pool[h].TryPost(job);
        job.Run();
        job.Wait();
    }

    private static Helper[] Helpers(int count)
    {
        var pool = s_helpers;
        if (pool.Length >= count) return pool;
        lock (s_grow)
        {
            pool = s_helpers;
            if (pool.Length < count)
            {
                var grown = new Helper[count];
                pool.CopyTo(grown, 0);
                for (int h = pool.Length; h < count; h++) grown[h] = new Helper(h);
                s_helpers = pool = grown;
            }
            return pool;
        }
    }

    /// <summary>One <see cref="For"/> call: indices are claimed from a shared counter by whoever runs.</summary>
    private sealed class Job(int count, Action<int> body)
    {
        private int _next = -1, _done;
        private ExceptionDispatchInfo? _error;

        public void Run()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < count)
            {
                try { body(i); }
                catch (Exception e) { Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null); }
                if (Interlocked.Increment(ref _done) == count)
                    lock (this) Monitor.PulseAll(this);
            }
        }

        /// <summary>
        /// Waits for indices still running on helpers. Tasks are sized to end together, so the wait is
        /// normally short and spinning (yielding, never sleeping) beats a block-and-wake round trip.
        /// </summary>
        public void Wait()
        {
            long until = Stopwatch.GetTimestamp() + SpinTicks;
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < count && Stopwatch.GetTimestamp() < until) spin.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref _done) < count)
                lock (this)
                    while (Volatile.Read(ref _done) < count) Monitor.Wait(this);
            _error?.Throw();
        }
    }

    /// <summary>A dedicated helper thread with a one-job mailbox.</summary>
    private sealed class Helper
    {
        private Job? _mailbox;
        private int _sleeping;
        private readonly SemaphoreSlim _wake = new(0);

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"SharpFlow CPU helper {index}" };
            thread.Start();
        }

        /// <summary>Hands over <paramref name="job"/> unless the helper still holds another caller's job.</summary>
        public void TryPost(Job job)
        {
            if (Interlocked.CompareExchange(ref _mailbox, job, null) != null) return;
            // Both sides use interlocked operations, so either the helper's re-check sees the job or
            // this read sees _sleeping = 1 (no lost wake-up).
            if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        private void Loop()
        {
            long idleSince = Stopwatch.GetTimestamp();
            var spin = new SpinWait();
            while (true)
            {
                var job = Interlocked.Exchange(ref _mailbox, null);
                if (job != null)
                {
                    job.Run();
                    idleSince = Stopwatch.GetTimestamp();
                    spin.Reset();
                    continue;
                }
                if (Stopwatch.GetTimestamp() - idleSince < SpinTicks)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping, 1);
                // A job posted after the flag was raised either is seen here or triggers a Release.
                if (Volatile.Read(ref _mailbox) == null || Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.Wait();
                idleSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
