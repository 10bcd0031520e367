using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace SharpFlow.Kernels.Cpu;

/// <summary>
/// The work of one <see cref="CpuParallel.For{TBody}"/> call as a struct that carries its own state,
/// so a call allocates no closure. Several threads invoke one shared copy at once: no mutation.
/// </summary>
internal interface IParallelBody
{
    /// <summary>Runs task <paramref name="index"/>.</summary>
    void Invoke(int index);
}

/// <summary>
/// The one parallel loop that CPU kernels use (intra-op parallelism).
/// Helpers are a few dedicated background threads rather than the shared thread pool: a kernel
/// forks and joins several times per op (GEMM: twice per k-block), and a thread-pool worker that
/// has gone to sleep took 1–2.5 ms to wake on a 2-vCPU VM, longer than a whole 256³ product.
/// Helpers therefore spin for a short while after their last task before they block.
/// The calling thread takes part and claims indices too, so a busy or late helper only costs
/// speed, never a deadlock, and concurrent callers simply share or skip the helpers.
/// In steady state a call allocates nothing: bodies are structs and each calling thread reuses its
/// job objects (<see cref="Job{TBody}.Rent"/> says why reuse is safe with late helpers).
/// </summary>
internal static class CpuParallel
{
    /// <summary>How long an idle helper keeps polling before it blocks (~1 ms: a few op dispatches).</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private static volatile Helper[] s_helpers = [];
    private static readonly Lock s_grow = new();

    /// <summary>
    /// Most threads one call uses, helpers plus caller: the processor count, since a helper without a
    /// core of its own only delays the join. Tests raise it on one-CPU machines to exercise the
    /// parallel path; any value is correct, only the speed depends on it.
    /// </summary>
    internal static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Runs <paramref name="body"/>.Invoke(0 … count−1) on up to <paramref name="threads"/> threads; returns when all have run.</summary>
    public static void For<TBody>(int count, int threads, in TBody body) where TBody : struct, IParallelBody
    {
        int helpers = Math.Min(Math.Min(count, threads), MaxThreads) - 1;
        if (helpers <= 0)
        {
            var local = body;
            for (int i = 0; i < count; i++) local.Invoke(i);
            return;
        }
        var pool = Helpers(helpers);
        var job = Job<TBody>.Rent(helpers);
        job.Start(count, body);
        for (int h = 0; h < helpers; h++) pool[h].TryPost(job);
        job.Run();
        job.Wait();
        // A helper that has not taken its post yet must not get this job later, when it may be reused.
        for (int h = 0; h < helpers; h++) pool[h].Retract(job);
        job.Finish();
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

    /// <summary>What a helper's mailbox holds: a job of any body type.</summary>
    private abstract class Job
    {
        /// <summary>
        /// Posts to helpers that are neither retracted nor finished: raised before each post, lowered by
        /// a successful retraction or by the helper after its last access to the job.
        /// </summary>
        public int Holders;

        /// <summary>Claims and runs indices until none are left.</summary>
        public abstract void Run();
    }

    /// <summary>One <see cref="For{TBody}"/> call: indices are claimed from a shared counter by whoever runs.</summary>
    private sealed class Job<TBody> : Job where TBody : struct, IParallelBody
    {
        /// <summary>This thread's jobs for this body type: one more than the helpers it has posted to.</summary>
        [ThreadStatic] private static Job<TBody>[]? t_jobs;

        private TBody _body;
        private int _count, _next, _done;
        private bool _rented;
        private ExceptionDispatchInfo? _error;

        /// <summary>
        /// A job of this thread that nobody holds, for a call posting to <paramref name="helpers"/> helpers.
        /// A helper may take a post just before the join ends and touch the job after the call has
        /// returned (it then claims an index past the end and leaves); such a job is skipped until that
        /// helper lets go, so a new call's indices never reach a helper acting on an old one. A helper
        /// holds one job at a time, so with one job more than helpers one is always free, and after
        /// the first call the list never grows (unless a body itself calls <see cref="For{TBody}"/>).
        /// </summary>
        public static Job<TBody> Rent(int helpers)
        {
            var jobs = t_jobs;
            if (jobs == null || jobs.Length <= helpers)
            {
                var grown = new Job<TBody>[helpers + 1];
                jobs?.CopyTo(grown, 0);
                for (int i = jobs?.Length ?? 0; i < grown.Length; i++) grown[i] = new Job<TBody>();
                t_jobs = jobs = grown;
            }
            foreach (var j in jobs)
                if (!j._rented && Volatile.Read(ref j.Holders) == 0)
                {
                    j._rented = true;
                    return j;
                }
            // Only when a body calls For itself: every free job is rented further up this thread's stack.
            var fresh = new Job<TBody> { _rented = true };
            t_jobs = [.. jobs, fresh];
            return fresh;
        }

        /// <summary>Prepares a call; the interlocked post that follows publishes these fields to the helpers.</summary>
        public void Start(int count, in TBody body)
        {
            _body = body;
            _count = count;
            _next = -1;
            _done = 0;
            _error = null;
        }

        public override void Run()
        {
            int i, count = _count;
            while ((i = Interlocked.Increment(ref _next)) < count)
            {
                try { _body.Invoke(i); }
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
            while (Volatile.Read(ref _done) < _count && Stopwatch.GetTimestamp() < until) spin.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref _done) < _count)
                lock (this)
                    while (Volatile.Read(ref _done) < _count) Monitor.Wait(this);
        }

        /// <summary>Returns the job to this thread's list and rethrows the first exception of a task.</summary>
        public void Finish()
        {
            var error = _error;
            _error = null;
            if (RuntimeHelpers.IsReferenceOrContainsReferences<TBody>()) _body = default;
            _rented = false;
            error?.Throw();
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
            Interlocked.Increment(ref job.Holders);
            if (Interlocked.CompareExchange(ref _mailbox, job, null) != null)
            {
                Interlocked.Decrement(ref job.Holders);
                return;
            }
            // Both sides use interlocked operations, so either the helper's re-check sees the job or
            // this read sees _sleeping = 1 (no lost wake-up).
            if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        /// <summary>Takes <paramref name="job"/> back if it is still in the mailbox, untaken.</summary>
        public void Retract(Job job)
        {
            if (Volatile.Read(ref _mailbox) == job && Interlocked.CompareExchange(ref _mailbox, null, job) == job)
                Interlocked.Decrement(ref job.Holders);
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
                    // The last access: from here on the caller may reuse the job.
                    Interlocked.Decrement(ref job.Holders);
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
