using System.Runtime.ExceptionServices;

namespace SharpFlow.Kernels.Cpu;

/// <summary>
/// The one parallel loop that CPU kernels use. The calling thread takes part, so a pool that is
/// busy (or starved) only costs speed, never a deadlock: indices no helper has claimed yet are run
/// by the caller itself.
/// </summary>
internal static class CpuParallel
{
    /// <summary>Runs <paramref name="body"/>(0 … count−1) on up to <paramref name="threads"/> threads; returns when all have run.</summary>
    public static void For(int count, int threads, Action<int> body)
    {
        int workers = Math.Min(Math.Min(count, threads), Environment.ProcessorCount);
        if (workers <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        var job = new Job(count, body);
        for (int w = 1; w < workers; w++) ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        job.Execute();
        job.WaitAll();
    }

    /// <summary>Shared state of one <see cref="For"/> call; helpers and the caller claim indices from one counter.</summary>
    private sealed class Job(int count, Action<int> body) : IThreadPoolWorkItem
    {
        private int _next = -1, _done;
        private ExceptionDispatchInfo? _error;

        public void Execute()
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

        /// <summary>Waits for indices claimed by helpers. Chunks are sized to finish together, so spin briefly before blocking.</summary>
        public void WaitAll()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < count && !spin.NextSpinWillYield) spin.SpinOnce();
            if (Volatile.Read(ref _done) < count)
                lock (this)
                    while (Volatile.Read(ref _done) < count) Monitor.Wait(this);
            _error?.Throw();
        }
    }
}
