using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SharpFlow.Kernels.Cpu;

// Gemm, part 3: the register-blocked AVX2 and AVX-512 micro-kernels.
internal static unsafe partial class Gemm
{
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
        if (!Sse.IsSupported) return;
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

    /// <summary>One row of a tile: two FMAs that share a broadcast of A(r, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<T>(T a, Vector256<T> b0, Vector256<T> b1, ref Vector256<T> c0, ref Vector256<T> c1) where T : unmanaged
    {
        var x = Vector256.Create(a);
        c0 = Fma(x, b0, c0);
        c1 = Fma(x, b1, c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<T>(T a, Vector512<T> b0, Vector512<T> b1, ref Vector512<T> c0, ref Vector512<T> c1) where T : unmanaged
    {
        var x = Vector512.Create(a);
        c0 = Fma(x, b0, c0);
        c1 = Fma(x, b1, c1);
    }

    /// <summary>
    /// 6 × (2 × 256-bit) tile: 12 accumulators + 2 B vectors + 1 broadcast fill the 16 ymm registers
    /// of AVX2, and 12 independent FMA chains cover the FMA latency × throughput (4 × 2) of Zen.
    /// The k loop is unrolled twice (fewer loop µops) and prefetches A a few steps ahead: A blocks
    /// stream from L2, and the prefetch measured +2–5 % at n = 2048.
    /// </summary>
    private struct Kernel256<T> : IMicroKernel<T> where T : unmanaged
    {
        public static int MR => 6;
        public static int NR => 2 * Vector256<T>.Count;
        public static int KC => 256;
        public static int MC => 252 * 4 / sizeof(T);
        public static int NC => 4096 * 4 / sizeof(T);

        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
        {
            PrefetchTile(c, ldc, 6, 2 * Vector256<T>.Count * sizeof(T));
            Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            Vector256<T> b0, b1;
            int q = 0;
            for (; q + 2 <= kc; q += 2, a += 12, b += 4 * Vector256<T>.Count)
            {
                if (Sse.IsSupported) Sse.Prefetch0((byte*)a + 256);
                b0 = Vector256.Load(b);
                b1 = Vector256.Load(b + Vector256<T>.Count);
                Row(a[0], b0, b1, ref c00, ref c01);
                Row(a[1], b0, b1, ref c10, ref c11);
                Row(a[2], b0, b1, ref c20, ref c21);
                Row(a[3], b0, b1, ref c30, ref c31);
                Row(a[4], b0, b1, ref c40, ref c41);
                Row(a[5], b0, b1, ref c50, ref c51);
                b0 = Vector256.Load(b + 2 * Vector256<T>.Count);
                b1 = Vector256.Load(b + 3 * Vector256<T>.Count);
                Row(a[6], b0, b1, ref c00, ref c01);
                Row(a[7], b0, b1, ref c10, ref c11);
                Row(a[8], b0, b1, ref c20, ref c21);
                Row(a[9], b0, b1, ref c30, ref c31);
                Row(a[10], b0, b1, ref c40, ref c41);
                Row(a[11], b0, b1, ref c50, ref c51);
            }
            if (q < kc)
            {
                b0 = Vector256.Load(b);
                b1 = Vector256.Load(b + Vector256<T>.Count);
                Row(a[0], b0, b1, ref c00, ref c01);
                Row(a[1], b0, b1, ref c10, ref c11);
                Row(a[2], b0, b1, ref c20, ref c21);
                Row(a[3], b0, b1, ref c30, ref c31);
                Row(a[4], b0, b1, ref c40, ref c41);
                Row(a[5], b0, b1, ref c50, ref c51);
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
    /// vectors and broadcasts; twice the rows of the AVX2 tile halves B loads per FMA. The kc×NR
    /// panel of B is then 32 KiB at kc = 256, more than half of L1, but kc = 128 measured 5–10 %
    /// slower on a Sapphire Rapids host (more C traffic per FMA), and Zen 4 retires 512-bit FMAs at
    /// half that rate, so B loads that miss L1 are hidden there too.
    /// </summary>
    private struct Kernel512<T> : IMicroKernel<T> where T : unmanaged
    {
        public static int MR => 12;
        public static int NR => 2 * Vector512<T>.Count;
        public static int KC => 256;
        public static int MC => 240 * 4 / sizeof(T);
        public static int NC => 4096 * 4 / sizeof(T);

        public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool accumulate)
        {
            PrefetchTile(c, ldc, 12, 2 * Vector512<T>.Count * sizeof(T));
            Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
            Vector512<T> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
            for (int q = 0; q < kc; q++, a += 12, b += 2 * Vector512<T>.Count)
            {
                if (Sse.IsSupported) Sse.Prefetch0((byte*)a + 256);
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + Vector512<T>.Count);
                Row(a[0], b0, b1, ref c00, ref c01);
                Row(a[1], b0, b1, ref c10, ref c11);
                Row(a[2], b0, b1, ref c20, ref c21);
                Row(a[3], b0, b1, ref c30, ref c31);
                Row(a[4], b0, b1, ref c40, ref c41);
                Row(a[5], b0, b1, ref c50, ref c51);
                Row(a[6], b0, b1, ref c60, ref c61);
                Row(a[7], b0, b1, ref c70, ref c71);
                Row(a[8], b0, b1, ref c80, ref c81);
                Row(a[9], b0, b1, ref c90, ref c91);
                Row(a[10], b0, b1, ref ca0, ref ca1);
                Row(a[11], b0, b1, ref cb0, ref cb1);
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

    // ---------------------------------------------------------------- thin products

    /// <summary>
    /// Products whose A is used by only one or two column panels (n ≤ 32, W3's n = 10 outputs) or
    /// whose A is tiny (k ≤ 16): packing A there costs about as much as the FMAs it feeds.
    /// </summary>
    private static bool IsThin(int m, int n, int k) => n >= 8 && (n <= 32 || k <= 16) && m >= 6;

    /// <summary>
    /// Single-threaded blocked product for thin shapes: only op(B) is packed; the 6×(2 vector) kernel
    /// broadcasts A straight from the operand, and partial tiles are stored straight into C (no
    /// scratch tile, no transposed orientation). The k-blocks and each element's FMA chain are those
    /// of <see cref="Blocked"/> with <see cref="Kernel256{T}"/>, so the results are bit-identical.
    /// </summary>
    private static void Thin<T>(Problem<T> p, int blockCap) where T : unmanaged
    {
        int nr = Kernel256<T>.NR, kcMax = Kernel256<T>.KC, ncMax = Kernel256<T>.NC;
        if (blockCap > 0)
        {
            kcMax = Math.Min(kcMax, blockCap);
            ncMax = Math.Min(ncMax, Math.Max(nr, blockCap / nr * nr));
        }
        int kc = Balance(p.K, kcMax, 1), nc = Balance(p.N, ncMax, nr);
        T* packB = PackBuffers<T>(nc * kc, 0, out _);
        nint ars = p.RowStrideA, acs = p.ColStrideA;
        for (int jc = 0; jc < p.N; jc += nc)
        {
            int ncCur = Math.Min(nc, p.N - jc);
            for (int pc = 0; pc < p.K; pc += kc)
            {
                int kcCur = Math.Min(kc, p.K - pc);
                PackB(p, pc, kcCur, jc, ncCur, nr, packB);
                for (int jr = 0; jr < ncCur; jr += nr)
                {
                    T* bp = packB + (nint)jr * kcCur;
                    int cols = Math.Min(nr, ncCur - jr);
                    for (int ir = 0; ir < p.M; ir += 6)
                        RunUnpacked(kcCur, p.A + ir * ars + pc * acs, ars, acs, Math.Min(6, p.M - ir), bp,
                            p.C + (nint)ir * p.N + jc + jr, p.N, cols, pc > 0);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Kernel256{T}.Run"/> with A read in place (element (r, q) at a[r·ars + q·acs]) and
    /// only the first <paramref name="rows"/> × <paramref name="cols"/> of the tile stored. Rows past
    /// the edge re-read the last row, so nothing outside A is touched; they are never stored.
    /// </summary>
    private static void RunUnpacked<T>(int kc, T* a, nint ars, nint acs, int rows, T* b, T* c, nint ldc, int cols,
        bool accumulate) where T : unmanaged
    {
        nint o1 = Math.Min(1, rows - 1) * ars, o2 = Math.Min(2, rows - 1) * ars, o3 = Math.Min(3, rows - 1) * ars;
        nint o4 = Math.Min(4, rows - 1) * ars, o5 = Math.Min(5, rows - 1) * ars;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int q = 0; q < kc; q++, a += acs, b += 2 * Vector256<T>.Count)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + Vector256<T>.Count);
            Row(a[0], b0, b1, ref c00, ref c01);
            Row(a[o1], b0, b1, ref c10, ref c11);
            Row(a[o2], b0, b1, ref c20, ref c21);
            Row(a[o3], b0, b1, ref c30, ref c31);
            Row(a[o4], b0, b1, ref c40, ref c41);
            Row(a[o5], b0, b1, ref c50, ref c51);
        }
        PutPart(c, c00, c01, cols, accumulate);
        if (rows > 1) PutPart(c + ldc, c10, c11, cols, accumulate);
        if (rows > 2) PutPart(c + 2 * ldc, c20, c21, cols, accumulate);
        if (rows > 3) PutPart(c + 3 * ldc, c30, c31, cols, accumulate);
        if (rows > 4) PutPart(c + 4 * ldc, c40, c41, cols, accumulate);
        if (rows > 5) PutPart(c + 5 * ldc, c50, c51, cols, accumulate);
    }

    /// <summary><see cref="Put{T}(T*, Vector256{T}, Vector256{T}, bool)"/> for the first <paramref name="cols"/> lanes only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutPart<T>(T* c, Vector256<T> lo, Vector256<T> hi, int cols, bool accumulate) where T : unmanaged
    {
        int w = Vector256<T>.Count;
        if (cols >= 2 * w)
        {
            Put(c, lo, hi, accumulate);
            return;
        }
        if (cols >= w)
        {
            if (accumulate) lo += Vector256.Load(c);
            lo.Store(c);
            c += w;
            cols -= w;
            lo = hi;
        }
        if (cols == 0) return;
        if (!accumulate)
        {
            StoreLanes(lo, c, cols);
            return;
        }
        for (int j = 0; j < cols; j++) c[j] = Add(c[j], lo.GetElement(j));
    }
}
