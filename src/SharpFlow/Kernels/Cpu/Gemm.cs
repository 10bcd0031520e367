using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SharpFlow.Kernels.Cpu;

/// <summary>
/// General matrix multiply: C = op(A) · op(B), row-major, op = optional transpose.
/// float and double use a Goto/BLIS-style blocked algorithm: a k-slice of op(B) and a block of op(A)
/// are packed into contiguous, zero-padded panels sized for the caches, and a register-blocked
/// micro-kernel computes MR×NR tiles of C from them with vector FMAs. Transposes are absorbed by the
/// packing, so no operand is ever transposed as a whole. Tiny products skip packing (its cost would
/// dominate), and types or machines without 256-bit vectors take a plain reference loop.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Below this many multiply-adds packing does not pay off; also the brief's "tiny" bound.</summary>
    private const long DirectWork = 32 * 32 * 32;

    /// <summary>Below this many multiply-adds waking a second thread costs more than it saves.</summary>
    private const long ParallelWork = 96 * 96 * 96;

    /// <summary>C[m×n] = op(A)[m×k] · op(B)[k×n]; C is overwritten.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int threads) where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        // The fast paths index through raw pointers, so the spans' sizes are checked once, here.
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
            throw new ArgumentException($"Gemm operands too small for m={m}, n={n}, k={k}.");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c[..(m * n)].Clear();
            return;
        }
        if ((typeof(T) != typeof(float) && typeof(T) != typeof(double)) || !Vector256.IsHardwareAccelerated)
        {
            Reference(transA, transB, m, n, k, a, b, c);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            var p = new Problem<T>(transA, transB, m, n, k, pa, pb, pc);
            if ((long)m * n * k <= DirectWork) Direct(p);
            else if (Vector512.IsHardwareAccelerated) Blocked<T, Kernel512<T>>(p, threads);
            else Blocked<T, Kernel256<T>>(p, threads);
        }
    }

    /// <summary>Operands as pointers, with op(A)(i,p) = A[i·RowStrideA + p·ColStrideA].</summary>
    private readonly struct Problem<T>(bool transA, bool transB, int m, int n, int k, T* a, T* b, T* c)
        where T : unmanaged
    {
        public readonly bool TransA = transA, TransB = transB;
        public readonly int M = m, N = n, K = k;
        public readonly T* A = a, B = b, C = c;
        public nint RowStrideA => TransA ? 1 : K;
        public nint ColStrideA => TransA ? M : 1;
    }

    // ---------------------------------------------------------------- blocked (packed) path

    /// <summary>
    /// The Goto loop nest: columns of C by NC, k by KC (pack a kc×nc panel of op(B), kept in L3),
    /// rows by slabs (pack slab×kc of op(A)), then MR×NR tiles. Alone, a slab is one MC-row L2 block.
    /// With helpers, each k-block is two fork-joins over shared packed panels: first the packing is
    /// split, then (row block × column group) tasks, several per thread and claimed dynamically, so
    /// nothing is packed twice and a thread that starts late or runs slow (a busy sibling vCPU)
    /// just takes fewer tasks.
    /// </summary>
    private static void Blocked<T, TK>(Problem<T> p, int threads) where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        int mr = TK.MR, nr = TK.NR;
        if (threads < 2 || (long)p.M * p.N * p.K < ParallelWork) threads = 1;
        int kc = Balance(p.K, XKC > 0 ? XKC : TK.KC, 1), nc = Balance(p.N, XNC > 0 ? XNC : TK.NC, nr);
        int mcMax = XMC > 0 ? XMC : TK.MC;
        // Equal-sized blocks rather than full blocks plus a sliver: a sliver runs at the packing-bound
        // speed of a small product.
        int slab = Balance(p.M, threads == 1 ? mcMax : SlabBytes / (kc * sizeof(T)), mr);
        int mc = Balance(slab, mcMax, mr);
        T* packA = PackBuffers<T>(slab * kc, nc * kc, out T* packB);
        for (int jc = 0; jc < p.N; jc += nc)
        {
            int ncCur = Math.Min(nc, p.N - jc), panels = (ncCur + nr - 1) / nr;
            for (int pc = 0; pc < p.K; pc += kc)
            {
                int kcCur = Math.Min(kc, p.K - pc);
                for (int ic = 0; ic < p.M; ic += slab)
                {
                    int slabCur = Math.Min(slab, p.M - ic);
                    bool packingB = ic == 0;
                    if (threads == 1)
                    {
                        if (packingB) PackB(p, pc, kcCur, jc, ncCur, nr, packB);
                        PackA(p, ic, slabCur, pc, kcCur, mr, packA);
                        Macro<T, TK>(p, packA, packB, ic, slabCur, jc, ncCur, kcCur, pc > 0);
                        continue;
                    }
                    // Phase 1: `threads` row ranges of the A slab, then (first slab only) as many column ranges of B.
                    int aPanels = (slabCur + mr - 1) / mr, jcL = jc, pcL = pc, icL = ic;
                    T* packAL = packA, packBL = packB;
                    CpuParallel.For(packingB ? 2 * threads : threads, threads, t =>
                    {
                        if (t < threads)
                        {
                            int lo = aPanels * t / threads * mr, hi = Math.Min(aPanels * (t + 1) / threads * mr, slabCur);
                            if (hi > lo) PackA(p, icL + lo, hi - lo, pcL, kcCur, mr, packAL + (nint)lo * kcCur);
                        }
                        else
                        {
                            t -= threads;
                            int lo = panels * t / threads * nr, hi = Math.Min(panels * (t + 1) / threads * nr, ncCur);
                            if (hi > lo) PackB(p, pcL, kcCur, jcL + lo, hi - lo, nr, packBL + (nint)lo * kcCur);
                        }
                    });
                    // Phase 2: row blocks × column groups, about four tasks per thread.
                    int rowBlocks = (slabCur + mc - 1) / mc;
                    int groups = Math.Clamp((XTPT * threads + rowBlocks - 1) / rowBlocks, 1, panels);
                    int groupWidth = (panels + groups - 1) / groups * nr;
                    groups = (ncCur + groupWidth - 1) / groupWidth;
                    CpuParallel.For(rowBlocks * groups, threads, t =>
                    {
                        int r = t / groups * mc, g = t % groups * groupWidth;
                        Macro<T, TK>(p, packAL + (nint)r * kcCur, packBL + (nint)g * kcCur, icL + r, Math.Min(mc, slabCur - r),
                            jcL + g, Math.Min(groupWidth, ncCur - g), kcCur, pcL > 0);
                    });
                }
            }
        }
    }

    /// <summary>Packed A rows per slab when threads share work: ~1 MiB, enough rows for several tasks per thread.</summary>
    private const int SlabBytes = 1 << 20;

    /// <summary>
    /// C[ic:ic+mc, jc:jc+nc] (+)= packed A block · packed B panel, tile by tile. The inner loop walks
    /// down the rows so one kc×NR panel of B stays in L1 while the A block streams from L2.
    /// </summary>
    private static void Macro<T, TK>(Problem<T> p, T* packA, T* packB, int ic, int mc, int jc, int nc, int kc, bool accumulate)
        where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        int mr = TK.MR, nr = TK.NR;
        T* edge = stackalloc T[mr * nr];
        for (int jr = 0; jr < nc; jr += nr)
        {
            int nrCur = Math.Min(nr, nc - jr);
            T* bp = packB + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int mrCur = Math.Min(mr, mc - ir);
                T* ap = packA + (nint)ir * kc, cp = p.C + (nint)(ic + ir) * p.N + jc + jr;
                if (mrCur == mr && nrCur == nr)
                {
                    TK.Run(kc, ap, bp, cp, p.N, accumulate);
                    continue;
                }
                // Edge tile: the zero-padded panels let the kernel run unchanged into a scratch tile.
                TK.Run(kc, ap, bp, edge, nr, false);
                for (int r = 0; r < mrCur; r++)
                for (int j = 0; j < nrCur; j++)
                    cp[(nint)r * p.N + j] = accumulate ? Add(cp[(nint)r * p.N + j], edge[r * nr + j]) : edge[r * nr + j];
            }
        }
    }

    static readonly int XKC = int.Parse(Environment.GetEnvironmentVariable("GEMM_KC") ?? "0");
    static readonly int XMC = int.Parse(Environment.GetEnvironmentVariable("GEMM_MC") ?? "0");
    static readonly int XNC = int.Parse(Environment.GetEnvironmentVariable("GEMM_NC") ?? "0");
    internal static readonly bool XUN = Environment.GetEnvironmentVariable("GEMM_UN") != "0";
    internal static readonly int XPA = int.Parse(Environment.GetEnvironmentVariable("GEMM_PA") ?? "256");
    internal static readonly int XTPT = int.Parse(Environment.GetEnvironmentVariable("GEMM_TPT") ?? "4");
    internal static readonly bool XPF = Environment.GetEnvironmentVariable("GEMM_PF") != "0";
    /// <summary>Splits <paramref name="total"/> into equal blocks of at most <paramref name="max"/>, rounded up to <paramref name="unit"/>.</summary>
    private static int Balance(int total, int max, int unit)
    {
        int blocks = (total + max - 1) / max, size = (total + blocks - 1) / blocks;
        return (size + unit - 1) / unit * unit;
    }

    /// <summary>
    /// Packs op(A)[i0:i0+mc, p0:p0+kc] as MR-row panels, each stored k-major (MR values per k),
    /// rows past the edge zero-filled.
    /// </summary>
    private static void PackA<T>(Problem<T> p, int i0, int mc, int p0, int kc, int mr, T* dst) where T : unmanaged
    {
        for (int ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (!p.TransA)
            {
                // Source rows are contiguous along k: read them straight, write with stride MR.
                for (int r = 0; r < rows; r++)
                {
                    T* src = p.A + (nint)(i0 + ir + r) * p.K + p0, d = dst + r;
                    for (int q = 0; q < kc; q++) d[(nint)q * mr] = src[q];
                }
            }
            else
            {
                // A is stored k×m: each k contributes MR contiguous values.
                for (int q = 0; q < kc; q++)
                {
                    T* src = p.A + (nint)(p0 + q) * p.M + i0 + ir, d = dst + (nint)q * mr;
                    for (int r = 0; r < rows; r++) d[r] = src[r];
                }
            }
            if (rows < mr)
                for (int q = 0; q < kc; q++)
                for (int r = rows; r < mr; r++) dst[(nint)q * mr + r] = default;
        }
    }

    /// <summary>Packs op(B)[p0:p0+kc, j0:j0+nc] as NR-column panels, each stored k-major, zero-padded.</summary>
    private static void PackB<T>(Problem<T> p, int p0, int kc, int j0, int nc, int nr, T* dst) where T : unmanaged
    {
        for (int jr = 0; jr < nc; jr += nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (p.TransB)
            {
                // B is stored n×k: each column of op(B) is a contiguous source row.
                for (int j = 0; j < cols; j++)
                {
                    T* src = p.B + (nint)(j0 + jr + j) * p.K + p0, d = dst + j;
                    for (int q = 0; q < kc; q++) d[(nint)q * nr] = src[q];
                }
            }
            else if (cols == nr && Vector256<T>.IsSupported)
            {
                for (int q = 0; q < kc; q++)
                {
                    T* src = p.B + (nint)(p0 + q) * p.N + j0 + jr, d = dst + (nint)q * nr;
                    for (int j = 0; j < nr; j += Vector256<T>.Count) Vector256.Store(Vector256.Load(src + j), d + j);
                }
            }
            else
            {
                for (int q = 0; q < kc; q++)
                {
                    T* src = p.B + (nint)(p0 + q) * p.N + j0 + jr, d = dst + (nint)q * nr;
                    for (int j = 0; j < cols; j++) d[j] = src[j];
                }
            }
            if (cols < nr)
                for (int q = 0; q < kc; q++)
                for (int j = cols; j < nr; j++) dst[(nint)q * nr + j] = default;
        }
    }

    [ThreadStatic] private static byte[]? t_pack;

    /// <summary>
    /// Per-thread packing memory, grown on demand and then reused, so steady-state calls allocate nothing.
    /// It lives on the pinned heap so the raw pointers stay valid, and each region starts on a cache
    /// line because a vector load that straddles two lines costs two.
    /// </summary>
    private static T* PackBuffers<T>(int aCount, int bCount, out T* b) where T : unmanaged
    {
        static nint Round(nint bytes) => (bytes + 63) & ~(nint)63;
        nint aBytes = Round((nint)aCount * sizeof(T)), need = aBytes + Round((nint)bCount * sizeof(T)) + 64;
        var buf = t_pack;
        if (buf == null || buf.Length < need) t_pack = buf = GC.AllocateUninitializedArray<byte>((int)need, pinned: true);
        byte* start = (byte*)(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buf)) + 63) & ~(nint)63);
        b = (T*)(start + aBytes);
        return (T*)start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add<T>(T x, T y) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)x + (float)(object)y);
        return (T)(object)((double)(object)x + (double)(object)y);
    }

    // ---------------------------------------------------------------- micro-kernels

    /// <summary>Computes one MR×NR tile of C from packed panels: C = (accumulate ? C : 0) + Ap·Bp.</summary>
    private interface IMicroKernel<T> where T : unmanaged
    {
        static abstract int MR { get; }
        static abstract int NR { get; }
        /// <summary>Depth of a k-block: the kc×NR panel of B (read once per row tile) stays in L1.</summary>
        static abstract int KC { get; }
        /// <summary>Rows of a packed A block: mc×kc stays in L2.</summary>
        static abstract int MC { get; }
        /// <summary>Columns of a packed B panel: kc×nc stays in L3.</summary>
        static abstract int NC { get; }
        static abstract void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector256.MultiplyAddEstimate(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector256.MultiplyAddEstimate(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector512.MultiplyAddEstimate(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return Vector512.MultiplyAddEstimate(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }

    /// <summary>
    /// Requests the C tile while the k loop runs: C blocks exceed L2, so without this each tile's
    /// final read-modify-write waits on L3 or memory (BLIS kernels do the same).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile<T>(T* c, nint ldc, int rows, int rowBytes) where T : unmanaged
    {
        if (!Sse.IsSupported || !XPF) return;
        for (int r = 0; r < rows; r++, c += ldc)
        {
            Sse.Prefetch0(c);
            Sse.Prefetch0((byte*)c + rowBytes - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(T* c, Vector256<T> lo, Vector256<T> hi, bool accumulate) where T : unmanaged
    {
        if (accumulate)
        {
            lo += Vector256.Load(c);
            hi += Vector256.Load(c + Vector256<T>.Count);
        }
        lo.Store(c);
        hi.Store(c + Vector256<T>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(T* c, Vector512<T> lo, Vector512<T> hi, bool accumulate) where T : unmanaged
    {
        if (accumulate)
        {
            lo += Vector512.Load(c);
            hi += Vector512.Load(c + Vector512<T>.Count);
        }
        lo.Store(c);
        hi.Store(c + Vector512<T>.Count);
    }

    /// <summary>
    /// 6 × (2 × 256-bit) tile: 12 accumulators + 2 B vectors + 1 broadcast fill the 16 ymm registers
    /// of AVX2, and 12 independent FMA chains cover the FMA latency × throughput (4 × 2) of Zen.
    /// </summary>
    private struct Kernel256<T> : IMicroKernel<T> where T : unmanaged
    {
        public static int MR => 6;
        public static int NR => 2 * Vector256<T>.Count;
        public static int KC => 256;
        public static int MC => 42 * 6 * 4 / Unsafe.SizeOf<T>();
        public static int NC => 4096 * 4 / Unsafe.SizeOf<T>();

        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
        {
            PrefetchTile(c, ldc, 6, 2 * Vector256<T>.Count * sizeof(T));
            Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            Vector256<T> b0, b1, x;
            int q = 0;
            if (XUN)
                for (; q + 2 <= kc; q += 2, a += 12, b += 4 * Vector256<T>.Count)
                {
                if (XPA > 0) Sse.Prefetch0((byte*)a + XPA);
                b0 = Vector256.Load(b);
                b1 = Vector256.Load(b + 1 * Vector256<T>.Count);
                x = Vector256.Create(a[0]);
                c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector256.Create(a[1]);
                c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector256.Create(a[2]);
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector256.Create(a[3]);
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector256.Create(a[4]);
                c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector256.Create(a[5]);
                c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                b0 = Vector256.Load(b + 2 * Vector256<T>.Count);
                b1 = Vector256.Load(b + 3 * Vector256<T>.Count);
                x = Vector256.Create(a[6]);
                c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector256.Create(a[7]);
                c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector256.Create(a[8]);
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector256.Create(a[9]);
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector256.Create(a[10]);
                c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector256.Create(a[11]);
                c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                }
            for (; q < kc; q++, a += 6, b += 2 * Vector256<T>.Count)
            {
                b0 = Vector256.Load(b);
                b1 = Vector256.Load(b + 1 * Vector256<T>.Count);
                x = Vector256.Create(a[0]);
                c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector256.Create(a[1]);
                c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector256.Create(a[2]);
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector256.Create(a[3]);
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector256.Create(a[4]);
                c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector256.Create(a[5]);
                c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            }
            Put(c, c00, c01, accumulate); c += ldc;
            Put(c, c10, c11, accumulate); c += ldc;
            Put(c, c20, c21, accumulate); c += ldc;
            Put(c, c30, c31, accumulate); c += ldc;
            Put(c, c40, c41, accumulate); c += ldc;
            Put(c, c50, c51, accumulate);
        }
    }

    /// <summary>
    /// 12 × (2 × 512-bit) tile: 24 accumulators of the 32 zmm registers, leaving room for the B
    /// vectors and broadcasts; twice the rows of the AVX2 tile halves B loads per FMA.
    /// </summary>
    private struct Kernel512<T> : IMicroKernel<T> where T : unmanaged
    {
        public static int MR => 12;
        public static int NR => 2 * Vector512<T>.Count;
        public static int KC => 128 * 4 / Unsafe.SizeOf<T>();
        public static int MC => 12 * 20 * 4 / Unsafe.SizeOf<T>();
        public static int NC => 4096 * 4 / Unsafe.SizeOf<T>();

        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
        {
            PrefetchTile(c, ldc, 12, 2 * Vector512<T>.Count * sizeof(T));
            Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
            Vector512<T> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
            for (int q = 0; q < kc; q++, a += 12, b += 2 * Vector512<T>.Count)
            {
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + Vector512<T>.Count);
                var x = Vector512.Create(a[0]);
                c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector512.Create(a[1]);
                c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector512.Create(a[2]);
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector512.Create(a[3]);
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector512.Create(a[4]);
                c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector512.Create(a[5]);
                c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                x = Vector512.Create(a[6]);
                c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
                x = Vector512.Create(a[7]);
                c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
                x = Vector512.Create(a[8]);
                c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
                x = Vector512.Create(a[9]);
                c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
                x = Vector512.Create(a[10]);
                ca0 = Fma(x, b0, ca0); ca1 = Fma(x, b1, ca1);
                x = Vector512.Create(a[11]);
                cb0 = Fma(x, b0, cb0); cb1 = Fma(x, b1, cb1);
            }
            Put(c, c00, c01, accumulate); c += ldc;
            Put(c, c10, c11, accumulate); c += ldc;
            Put(c, c20, c21, accumulate); c += ldc;
            Put(c, c30, c31, accumulate); c += ldc;
            Put(c, c40, c41, accumulate); c += ldc;
            Put(c, c50, c51, accumulate); c += ldc;
            Put(c, c60, c61, accumulate); c += ldc;
            Put(c, c70, c71, accumulate); c += ldc;
            Put(c, c80, c81, accumulate); c += ldc;
            Put(c, c90, c91, accumulate); c += ldc;
            Put(c, ca0, ca1, accumulate); c += ldc;
            Put(c, cb0, cb1, accumulate);
        }
    }

    // ---------------------------------------------------------------- tiny products and the reference

    /// <summary>
    /// Unpacked path for tiny products. With op(B) row-major each row of C is a sum of scaled rows of B
    /// (vectorised along n); with B transposed each element is a dot product of two rows.
    /// </summary>
    private static void Direct<T>(Problem<T> p) where T : unmanaged
    {
        int m = p.M, n = p.N, k = p.K, w = Vector256<T>.Count;
        nint rs = p.RowStrideA, cs = p.ColStrideA;
        for (int i = 0; i < m; i++)
        {
            T* ai = p.A + i * rs, ci = p.C + (nint)i * n;
            if (!p.TransB)
            {
                int j = 0;
                for (; j + w <= n; j += w)
                {
                    var acc = Vector256<T>.Zero;
                    for (int q = 0; q < k; q++) acc = Fma(Vector256.Create(ai[q * cs]), Vector256.Load(p.B + (nint)q * n + j), acc);
                    acc.Store(ci + j);
                }
                for (; j < n; j++)
                {
                    T s = default;
                    for (int q = 0; q < k; q++) s = MulAdd(ai[q * cs], p.B[(nint)q * n + j], s);
                    ci[j] = s;
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    T* bj = p.B + (nint)j * k;
                    int q = 0;
                    T s = default;
                    if (cs == 1 && k >= w)
                    {
                        var acc = Vector256<T>.Zero;
                        for (; q + w <= k; q += w) acc = Fma(Vector256.Load(ai + q), Vector256.Load(bj + q), acc);
                        s = Vector256.Sum(acc);
                    }
                    for (; q < k; q++) s = MulAdd(ai[q * cs], bj[q], s);
                    ci[j] = s;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MulAdd<T>(T x, T y, T z) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)x * (float)(object)y + (float)(object)z);
        return (T)(object)((double)(object)x * (double)(object)y + (double)(object)z);
    }

    /// <summary>Plain loops for integer types and for machines without 256-bit vectors; also the tests' yardstick.</summary>
    internal static void Reference<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var ci = c.Slice(i * n, n);
            if (!transB)
            {
                // i-k-j order: the inner loop walks rows of B and C contiguously.
                ci.Clear();
                for (int q = 0; q < k; q++)
                {
                    T x = transA ? a[q * m + i] : a[i * k + q];
                    var bq = b.Slice(q * n, n);
                    for (int j = 0; j < n; j++) ci[j] += x * bq[j];
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    var bj = b.Slice(j * k, k);
                    T s = T.Zero;
                    for (int q = 0; q < k; q++) s += (transA ? a[q * m + i] : a[i * k + q]) * bj[q];
                    ci[j] = s;
                }
            }
        }
    }
}
