using System.Runtime.Intrinsics;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// GEMM on the multi-threaded path: threads split rows and columns of C but never k, so every element
/// is summed in the same order as with one thread and the results must match bit for bit. The path
/// must allocate nothing in steady state (issue 6: a training step allocates nothing), and concurrent
/// callers sharing the helper threads must not disturb each other.
/// </summary>
public sealed class GemmParallelTests
{
    /// <summary>A product and its single-threaded result.</summary>
    private sealed record Case(GemmPath Path, bool TransA, bool TransB, int M, int N, int K, int BlockCap, float[] A, float[] B, float[] Expected)
    {
        public void Run(float[] c, int threads) =>
            Gemm.Multiply<float>(Path, TransA, TransB, M, N, K, A, B, c, threads, BlockCap);
    }

    private static Case Make(GemmPath path, bool transA, bool transB, int m, int n, int k, int blockCap, int seed)
    {
        var rnd = new Random(seed);
        var a = new float[m * k];
        var b = new float[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = rnd.NextSingle() - 0.5f;
        for (int i = 0; i < b.Length; i++) b[i] = rnd.NextSingle() - 0.5f;
        var expected = new float[m * n];
        Gemm.Multiply<float>(path, transA, transB, m, n, k, a, b, expected, 1, blockCap);
        return new Case(path, transA, transB, m, n, k, blockCap, a, b, expected);
    }

    /// <summary>
    /// 256³ takes the parallel packed path wherever 256-bit vectors are accelerated (elsewhere the
    /// reference loop); the forced, block-capped product crosses slabs, k-blocks and threads anywhere.
    /// </summary>
    public static TheoryData<string> AllocationCases => new() { "Auto256", "BlockedCapped" };

    [Theory]
    [MemberData(nameof(AllocationCases))]
    public void Two_thread_gemm_allocates_nothing_and_matches_one_thread_bitwise(string name)
    {
        CpuParallelTests.EnsureTwoThreads();
        var kase = name == "Auto256"
            ? Make(GemmPath.Auto, false, false, 256, 256, 256, blockCap: 0, seed: 1)
            : Make(GemmPath.Blocked256, true, false, 50, 45, 37, blockCap: 16, seed: 2);
        CheckAgainstNaive(kase);
        var c = new float[kase.M * kase.N];
        for (int i = 0; i < 3; i++) kase.Run(c, 2);
        int runs = name != "Auto256" ? 40 : Vector256.IsHardwareAccelerated ? 10 : 2;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < runs; i++)
        {
            c.AsSpan().Fill(float.NaN);
            kase.Run(c, 2);
            if (!c.AsSpan().SequenceEqual(kase.Expected)) Assert.Fail($"{name}: run {i} differs from the 1-thread result");
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// Four threads run parallel products of several shapes at once (helpers shared, posts colliding,
    /// jobs reused); each result must equal its single-threaded result exactly.
    /// </summary>
    [Fact]
    public void Concurrent_parallel_gemms_match_one_thread_bitwise()
    {
        CpuParallelTests.EnsureTwoThreads();
        bool fast = Vector256.IsHardwareAccelerated;
        Case[] cases =
        [
            Make(GemmPath.Blocked256, false, true, 40, 33, 50, blockCap: 16, seed: 3),
            Make(GemmPath.Blocked256, true, true, 29, 64, 41, blockCap: 16, seed: 4),
            .. fast
                ? new[]
                {
                    Make(GemmPath.Auto, false, false, 100, 120, 130, blockCap: 0, seed: 5),
                    Make(GemmPath.Auto, true, false, 256, 64, 300, blockCap: 0, seed: 6),
                    Make(GemmPath.Auto, false, true, 97, 300, 50, blockCap: 0, seed: 7),
                }
                : [],
        ];
        const int Callers = 4;
        int rounds = fast ? 10 : 3;
        var failures = new List<string>();
        var threads = Enumerable.Range(0, Callers).Select(caller => new Thread(() =>
        {
            var outputs = cases.Select(k => new float[k.M * k.N]).ToArray();
            for (int round = 0; round < rounds; round++)
            for (int i = 0; i < cases.Length; i++)
            {
                int which = (i + caller) % cases.Length;
                Array.Fill(outputs[which], float.NaN);
                cases[which].Run(outputs[which], 2);
                if (!outputs[which].AsSpan().SequenceEqual(cases[which].Expected))
                    lock (failures) failures.Add($"caller {caller} round {round} case {which}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    /// <summary>The single-threaded result itself against a double-precision triple loop.</summary>
    private static void CheckAgainstNaive(Case k)
    {
        for (int i = 0; i < k.M; i++)
        for (int j = 0; j < k.N; j++)
        {
            double sum = 0, magnitude = 0;
            for (int p = 0; p < k.K; p++)
            {
                double x = k.TransA ? k.A[p * k.M + i] : k.A[i * k.K + p];
                double y = k.TransB ? k.B[j * k.K + p] : k.B[p * k.N + j];
                sum += x * y;
                magnitude += Math.Abs(x * y);
            }
            double got = k.Expected[i * k.N + j];
            Assert.True(Math.Abs(got - sum) <= 1e-5 * k.K * magnitude, $"C[{i},{j}] = {got}, expected {sum}");
        }
    }
}
