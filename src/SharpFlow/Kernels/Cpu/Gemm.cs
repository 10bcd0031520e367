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
    /// <summary>Up to this many multiply-adds packing does not pay off (Zen 3: Direct wins below ~24³ with B transposed, ~48³ without).</summary>
    private const long DirectWork = 32 * 32 * 32;

    /// <summary>Below this many multiply-adds a second thread costs more (fork, join, shared packing) than it saves.</summary>
    private const long ParallelWork = 96 * 96 * 96;

    /// <summary>C[m×n] = op(A)[m×k] · op(B)[k×n]; C is overwritten.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int threads) where T : unmanaged, INumber<T>
        => Multiply(GemmPath.Auto, transA, transB, m, n, k, a, b, c, threads);

    /// <summary>
    /// <see cref="Multiply{T}(bool, bool, int, int, int, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/>
    /// with the path forced, so tests cover every kernel on any machine (vector types are emulated
    /// where the hardware lacks them). A positive <paramref name="blockCap"/> shrinks the cache blocks
    /// and lifts the parallel threshold, so small operands cross every block and thread boundary.
    /// </summary>
    internal static void Multiply<T>(GemmPath path, bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int threads, int blockCap = 0) where T : unmanaged, INumber<T>
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
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) path = GemmPath.Reference;
        if (path == GemmPath.Auto)
            path = !Vector256.IsHardwareAccelerated ? GemmPath.Reference
                : (long)m * n * k <= DirectWork ? GemmPath.Direct
                : Vector512.IsHardwareAccelerated ? GemmPath.Blocked512 : GemmPath.Blocked256;
        if (path == GemmPath.Reference)
        {
            Reference(transA, transB, m, n, k, a, b, c);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            var p = new Problem<T>(transA, transB, m, n, k, pa, pb, pc, transC: false);
            if (path == GemmPath.Direct) Direct(p);
            else if (path == GemmPath.Blocked512) Blocked<T, Kernel512<T>>(Orient<T, Kernel512<T>>(p), threads, blockCap);
            else Blocked<T, Kernel256<T>>(Orient<T, Kernel256<T>>(p), threads, blockCap);
        }
    }

    /// <summary>
    /// Operands as pointers, with op(A)(i,p) = A[i·RowStrideA + p·ColStrideA] and
    /// C(i,j) = C[i·RowStrideC + j·ColStrideC]; TransC marks C stored transposed (see <see cref="Orient"/>).
    /// </summary>
    private readonly struct Problem<T>(bool transA, bool transB, int m, int n, int k, T* a, T* b, T* c, bool transC)
        where T : unmanaged
    {
        public readonly bool TransA = transA, TransB = transB, TransC = transC;
        public readonly int M = m, N = n, K = k;
        public readonly T* A = a, B = b, C = c;
        public nint RowStrideA => TransA ? 1 : K;
        public nint ColStrideA => TransA ? M : 1;
        public nint RowStrideC => TransC ? 1 : N;
        public nint ColStrideC => TransC ? M : 1;
    }

    /// <summary>
    /// Computes Cᵀ = op(B)ᵀ·op(A)ᵀ instead when that pads less: tiles are MR×NR, so a product with few
    /// columns (n = 3 against NR = 16) wastes most of each tile, while its transpose puts the few
    /// columns against MR. The roles of A and B swap and so do their transpose flags; C is then
    /// written through the scratch tile, column-wise.
    /// </summary>
    private static Problem<T> Orient<T, TK>(Problem<T> p) where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        static long Padded(int rows, int cols) => (long)((rows + TK.MR - 1) / TK.MR * TK.MR) * ((cols + TK.NR - 1) / TK.NR * TK.NR);
        // Transposed writes cost a little, so swap only for a clear (20 %) saving.
        return 5 * Padded(p.N, p.M) < 4 * Padded(p.M, p.N)
            ? new Problem<T>(!p.TransB, !p.TransA, p.N, p.M, p.K, p.B, p.A, p.C, transC: true)
            : p;
    }

    // ---------------------------------------------------------------- blocked (packed) path

    /// <summary>
    /// The Goto loop nest: columns of C by NC, k by KC (pack a kc×nc panel of op(B), kept in L3),
    /// rows by slabs (pack slab×kc of op(A)), then MR×NR tiles. Alone, a slab is one MC-row L2 block.
    /// With helpers, a slab is larger and each slab × k-block is two fork-joins over shared packed
    /// panels (<see cref="SharedStep"/>): nothing is packed twice, and with many small tasks claimed
    /// dynamically a thread that starts late or runs slow (a busy sibling vCPU) just takes fewer.
    /// </summary>
    private static void Blocked<T, TK>(Problem<T> p, int threads, int blockCap) where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        int mr = TK.MR, nr = TK.NR, kcMax = TK.KC, mcMax = TK.MC, ncMax = TK.NC;
        if (blockCap > 0)
        {
            kcMax = Math.Min(kcMax, blockCap);
            mcMax = Math.Min(mcMax, Math.Max(mr, blockCap / mr * mr));
            ncMax = Math.Min(ncMax, Math.Max(nr, blockCap / nr * nr));
        }
        if (threads < 2 || (blockCap == 0 && (long)p.M * p.N * p.K < ParallelWork)) threads = 1;
        // Equal-sized blocks rather than full blocks plus a sliver: a sliver runs at the packing-bound
        // speed of a small product.
        int kc = Balance(p.K, kcMax, 1), nc = Balance(p.N, ncMax, nr);
        int slab = Balance(p.M, threads == 1 ? mcMax : blockCap > 0 ? 2 * mcMax : SlabBytes / (kc * sizeof(T)), mr);
        int mc = Balance(slab, mcMax, mr);
        T* packA = PackBuffers<T>(slab * kc, nc * kc, out T* packB);
        for (int jc = 0; jc < p.N; jc += nc)
        {
            int ncCur = Math.Min(nc, p.N - jc);
            for (int pc = 0; pc < p.K; pc += kc)
            {
                int kcCur = Math.Min(kc, p.K - pc);
                for (int ic = 0; ic < p.M; ic += slab)
                {
                    int slabCur = Math.Min(slab, p.M - ic);
                    if (threads > 1)
                    {
                        SharedStep<T, TK>(p, packA, packB, ic, slabCur, mc, jc, ncCur, pc, kcCur, ic == 0, threads);
                        continue;
                    }
                    if (ic == 0) PackB(p, pc, kcCur, jc, ncCur, nr, packB);
                    PackA(p, ic, slabCur, pc, kcCur, mr, packA);
                    Macro<T, TK>(p, packA, packB, ic, slabCur, jc, ncCur, kcCur, pc > 0);
                }
            }
        }
    }

    /// <summary>
    /// One slab × k-block on several threads (a separate method so that the single-threaded path
    /// allocates no closure). Phase 1 packs `threads` row ranges of the A slab and, for the first slab
    /// of a k-block, as many column ranges of B; phase 2 runs row block × column group tasks in
    /// row-major order, so consecutive tasks of a thread mostly share an A block.
    /// </summary>
    private static void SharedStep<T, TK>(Problem<T> p, T* packA, T* packB, int ic, int rows, int mc, int jc, int nc,
        int pc, int kc, bool packingB, int threads) where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        int mr = TK.MR, nr = TK.NR, aPanels = (rows + mr - 1) / mr, bPanels = (nc + nr - 1) / nr;
        CpuParallel.For(packingB ? 2 * threads : threads, threads, t =>
        {
            if (t < threads)
            {
                int lo = aPanels * t / threads * mr, hi = Math.Min(aPanels * (t + 1) / threads * mr, rows);
                if (hi > lo) PackA(p, ic + lo, hi - lo, pc, kc, mr, packA + (nint)lo * kc);
            }
            else
            {
                t -= threads;
                int lo = bPanels * t / threads * nr, hi = Math.Min(bPanels * (t + 1) / threads * nr, nc);
                if (hi > lo) PackB(p, pc, kc, jc + lo, hi - lo, nr, packB + (nint)lo * kc);
            }
        });
        int rowBlocks = (rows + mc - 1) / mc;
        int groups = Math.Clamp((TasksPerThread * threads + rowBlocks - 1) / rowBlocks, 1, bPanels);
        int groupWidth = (bPanels + groups - 1) / groups * nr;
        groups = (nc + groupWidth - 1) / groupWidth;
        CpuParallel.For(rowBlocks * groups, threads, t =>
        {
            int r = t / groups * mc, g = t % groups * groupWidth;
            Macro<T, TK>(p, packA + (nint)r * kc, packB + (nint)g * kc, ic + r, Math.Min(mc, rows - r),
                jc + g, Math.Min(groupWidth, nc - g), kc, pc > 0);
        });
    }

    /// <summary>Packed A rows per slab when threads share work: ~1 MiB, enough rows for several tasks per thread.</summary>
    private const int SlabBytes = 1 << 20;

    /// <summary>
    /// Compute tasks per thread and k-block. Each fork-join ends with one thread idling for part of a
    /// task, so tasks are small; 16 measured best against 4 and 32 (a thread mostly takes consecutive
    /// tasks of one row block, so their A block stays in its L2).
    /// </summary>
    private const int TasksPerThread = 16;

    /// <summary>
    /// C[ic:ic+mc, jc:jc+nc] (+)= packed A block · packed B panel, tile by tile. The inner loop walks
    /// down the rows so one kc×NR panel of B stays in L1 while the A block streams from L2.
    /// </summary>
    private static void Macro<T, TK>(Problem<T> p, T* packA, T* packB, int ic, int mc, int jc, int nc, int kc, bool accumulate)
        where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        int mr = TK.MR, nr = TK.NR;
        nint rs = p.RowStrideC, cs = p.ColStrideC;
        T* edge = stackalloc T[mr * nr];
        for (int jr = 0; jr < nc; jr += nr)
        {
            int nrCur = Math.Min(nr, nc - jr);
            T* bp = packB + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int mrCur = Math.Min(mr, mc - ir);
                T* ap = packA + (nint)ir * kc, cp = p.C + (ic + ir) * rs + (jc + jr) * cs;
                if (mrCur == mr && nrCur == nr && !p.TransC)
                {
                    TK.Run(kc, ap, bp, cp, p.N, accumulate);
                    continue;
                }
                // Edge or transposed tile: the zero-padded panels let the kernel run unchanged into a scratch tile.
                TK.Run(kc, ap, bp, edge, nr, false);
                for (int r = 0; r < mrCur; r++)
                for (int j = 0; j < nrCur; j++)
                {
                    T* e = cp + r * rs + j * cs;
                    *e = accumulate ? Add(*e, edge[r * nr + j]) : edge[r * nr + j];
                }
            }
        }
    }

    /// <summary>Splits <paramref name="total"/> into equal blocks of at most <paramref name="max"/>, rounded up to <paramref name="unit"/>.</summary>
    private static int Balance(int total, int max, int unit)
    {
        int blocks = (total + max - 1) / max, size = (total + blocks - 1) / blocks;
        return (size + unit - 1) / unit * unit;
    }

    /// <summary>Packs op(A)[i0:i0+mc, p0:p0+kc] as MR-row panels, each stored k-major (MR values per k).</summary>
    private static void PackA<T>(Problem<T> p, int i0, int mc, int p0, int kc, int mr, T* dst) where T : unmanaged
        => Pack(p.A + i0 * p.RowStrideA + p0 * p.ColStrideA, p.RowStrideA, p.ColStrideA, mc, kc, mr, dst);

    /// <summary>Packs op(B)[p0:p0+kc, j0:j0+nc] as NR-column panels, each stored k-major.</summary>
    private static void PackB<T>(Problem<T> p, int p0, int kc, int j0, int nc, int nr, T* dst) where T : unmanaged
    {
        nint laneStride = p.TransB ? p.K : 1, kStride = p.TransB ? 1 : p.N;
        Pack(p.B + j0 * laneStride + p0 * kStride, laneStride, kStride, nc, kc, nr, dst);
    }

    /// <summary>
    /// Packs lanes (rows of op(A) or columns of op(B)), element (l, q) at src[l·laneStride + q·kStride],
    /// into panels of <paramref name="width"/> lanes stored k-major: panel[q·width + l]. Lanes past
    /// the edge are zero, so the micro-kernel never needs a partial form. Operands have unit stride
    /// along one of the two axes: along the lanes a panel row is a plain copy, along k it is a transpose.
    /// </summary>
    private static void Pack<T>(T* src, nint laneStride, nint kStride, int count, int kc, int width, T* dst) where T : unmanaged
    {
        for (int l0 = 0; l0 < count; l0 += width, src += width * laneStride, dst += (nint)width * kc)
        {
            int lanes = Math.Min(width, count - l0);
            if (kStride == 1) Transpose(src, laneStride, lanes, kc, dst, width);
            else
                for (int q = 0; q < kc; q++) Copy(src + q * kStride, dst + (nint)q * width, lanes);
            if (lanes < width)
                for (int q = 0; q < kc; q++) new Span<T>(dst + (nint)q * width + lanes, width - lanes).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* src, T* dst, int count) where T : unmanaged
    {
        int i = 0;
        for (; i + Vector256<T>.Count <= count; i += Vector256<T>.Count) Vector256.Load(src + i).Store(dst + i);
        if (i + Vector128<T>.Count <= count)
        {
            Vector128.Load(src + i).Store(dst + i);
            i += Vector128<T>.Count;
        }
        for (; i < count; i++) dst[i] = src[i];
    }

    /// <summary>
    /// dst[q·ld + r] = src[r·stride + q] for r &lt; rows, q &lt; kc. With AVX, blocks of 8×8 floats
    /// (4×4 doubles) are transposed in registers: the scalar loop's strided stores ran at ~1.7
    /// cycles per element and dominated skinny products.
    /// </summary>
    private static void Transpose<T>(T* src, nint stride, int rows, int kc, T* dst, int ld) where T : unmanaged
    {
        int done = 0;
        if (Avx.IsSupported && typeof(T) == typeof(float)) done = Transpose8((float*)src, stride, rows, kc, (float*)dst, ld);
        else if (Avx.IsSupported && typeof(T) == typeof(double)) done = Transpose4((double*)src, stride, rows, kc, (double*)dst, ld);
        for (int r = 0; r < rows; r++)
        for (int q = done; q < kc; q++) dst[(nint)q * ld + r] = src[r * stride + q];
    }

    /// <summary>The whole 8-column blocks of <see cref="Transpose"/> for float; returns the columns done.</summary>
    private static int Transpose8(float* src, nint stride, int rows, int kc, float* dst, int ld)
    {
        int end = kc & ~7;
        for (int r0 = 0; r0 < rows; r0 += 8)
        {
            // Past the last row, lanes re-read it; those lanes are never stored.
            int n = Math.Min(8, rows - r0);
            float* s0 = src + r0 * stride;
            nint o1 = Math.Min(1, n - 1) * stride, o2 = Math.Min(2, n - 1) * stride, o3 = Math.Min(3, n - 1) * stride;
            nint o4 = Math.Min(4, n - 1) * stride, o5 = Math.Min(5, n - 1) * stride, o6 = Math.Min(6, n - 1) * stride, o7 = Math.Min(7, n - 1) * stride;
            for (int q = 0; q < end; q += 8)
            {
                float* s = s0 + q;
                var t0 = Avx.UnpackLow(Avx.LoadVector256(s), Avx.LoadVector256(s + o1));   // a0 b0 a1 b1 | a4 b4 a5 b5
                var t1 = Avx.UnpackHigh(Avx.LoadVector256(s), Avx.LoadVector256(s + o1));  // a2 b2 a3 b3 | a6 b6 a7 b7
                var t2 = Avx.UnpackLow(Avx.LoadVector256(s + o2), Avx.LoadVector256(s + o3));
                var t3 = Avx.UnpackHigh(Avx.LoadVector256(s + o2), Avx.LoadVector256(s + o3));
                var t4 = Avx.UnpackLow(Avx.LoadVector256(s + o4), Avx.LoadVector256(s + o5));
                var t5 = Avx.UnpackHigh(Avx.LoadVector256(s + o4), Avx.LoadVector256(s + o5));
                var t6 = Avx.UnpackLow(Avx.LoadVector256(s + o6), Avx.LoadVector256(s + o7));
                var t7 = Avx.UnpackHigh(Avx.LoadVector256(s + o6), Avx.LoadVector256(s + o7));
                var u0 = Avx.Shuffle(t0, t2, 0x44); // a0 b0 c0 d0 | a4 b4 c4 d4
                var u1 = Avx.Shuffle(t0, t2, 0xEE); // a1 b1 c1 d1 | a5 b5 c5 d5
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44); // e0 f0 g0 h0 | e4 f4 g4 h4
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);
                float* d = dst + (nint)q * ld + r0;
                StoreLanes(Avx.Permute2x128(u0, u4, 0x20), d, n);
                StoreLanes(Avx.Permute2x128(u1, u5, 0x20), d + ld, n);
                StoreLanes(Avx.Permute2x128(u2, u6, 0x20), d + 2 * ld, n);
                StoreLanes(Avx.Permute2x128(u3, u7, 0x20), d + 3 * ld, n);
                StoreLanes(Avx.Permute2x128(u0, u4, 0x31), d + 4 * ld, n);
                StoreLanes(Avx.Permute2x128(u1, u5, 0x31), d + 5 * ld, n);
                StoreLanes(Avx.Permute2x128(u2, u6, 0x31), d + 6 * ld, n);
                StoreLanes(Avx.Permute2x128(u3, u7, 0x31), d + 7 * ld, n);
            }
        }
        return end;
    }

    /// <summary>The whole 4-column blocks of <see cref="Transpose"/> for double; returns the columns done.</summary>
    private static int Transpose4(double* src, nint stride, int rows, int kc, double* dst, int ld)
    {
        int end = kc & ~3;
        for (int r0 = 0; r0 < rows; r0 += 4)
        {
            int n = Math.Min(4, rows - r0);
            double* s0 = src + r0 * stride;
            nint o1 = Math.Min(1, n - 1) * stride, o2 = Math.Min(2, n - 1) * stride, o3 = Math.Min(3, n - 1) * stride;
            for (int q = 0; q < end; q += 4)
            {
                double* s = s0 + q;
                var t0 = Avx.UnpackLow(Avx.LoadVector256(s), Avx.LoadVector256(s + o1));       // a0 b0 | a2 b2
                var t1 = Avx.UnpackHigh(Avx.LoadVector256(s), Avx.LoadVector256(s + o1));      // a1 b1 | a3 b3
                var t2 = Avx.UnpackLow(Avx.LoadVector256(s + o2), Avx.LoadVector256(s + o3));  // c0 d0 | c2 d2
                var t3 = Avx.UnpackHigh(Avx.LoadVector256(s + o2), Avx.LoadVector256(s + o3)); // c1 d1 | c3 d3
                double* d = dst + (nint)q * ld + r0;
                StoreLanes(Avx.Permute2x128(t0, t2, 0x20), d, n);
                StoreLanes(Avx.Permute2x128(t1, t3, 0x20), d + ld, n);
                StoreLanes(Avx.Permute2x128(t0, t2, 0x31), d + 2 * ld, n);
                StoreLanes(Avx.Permute2x128(t1, t3, 0x31), d + 3 * ld, n);
            }
        }
        return end;
    }

    /// <summary>
    /// Stores the first <paramref name="n"/> lanes of <paramref name="v"/> with whole-vector stores
    /// where possible: 6-row float panels (6 = 4 + 2 lanes) are the common partial case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLanes<T>(Vector256<T> v, T* d, int n) where T : unmanaged
    {
        if (n == Vector256<T>.Count)
        {
            v.Store(d);
            return;
        }
        var part = v.GetLower();
        if (n >= Vector128<T>.Count)
        {
            part.Store(d);
            d += Vector128<T>.Count;
            n -= Vector128<T>.Count;
            part = v.GetUpper();
        }
        if (n * sizeof(T) == sizeof(ulong)) *(ulong*)d = part.AsUInt64().ToScalar();
        else
            for (int i = 0; i < n; i++) d[i] = part.GetElement(i);
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

    // ---------------------------------------------------------------- tiny products and the reference

    /// <summary>
    /// Unpacked path for tiny products, where packing would cost more than it saves. With op(B)
    /// row-major each row of C is a sum of scaled rows of B, vectorised along n; with B transposed each
    /// element is a dot product of two rows, vectorised along k when A's rows are contiguous too.
    /// Several accumulators per loop keep independent FMA chains in flight (one chain is bound by
    /// FMA latency, a quarter of the throughput).
    /// </summary>
    private static void Direct<T>(Problem<T> p) where T : unmanaged
    {
        int m = p.M, n = p.N, k = p.K, w = Vector256<T>.Count;
        nint rs = p.RowStrideA, cs = p.ColStrideA;
        for (int i = 0; i < m; i++)
        {
            T* ai = p.A + i * rs, ci = p.C + (nint)i * n;
            if (p.TransB)
            {
                for (int j = 0; j < n; j++) ci[j] = Dot(ai, cs, p.B + (nint)j * k, k);
                continue;
            }
            int jv = 0;
            for (; jv + 4 * w <= n; jv += 4 * w)
            {
                Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
                T* bq = p.B + jv;
                for (int q = 0; q < k; q++, bq += n)
                {
                    var x = Vector256.Create(ai[q * cs]);
                    s0 = Fma(x, Vector256.Load(bq), s0);
                    s1 = Fma(x, Vector256.Load(bq + w), s1);
                    s2 = Fma(x, Vector256.Load(bq + 2 * w), s2);
                    s3 = Fma(x, Vector256.Load(bq + 3 * w), s3);
                }
                s0.Store(ci + jv);
                s1.Store(ci + jv + w);
                s2.Store(ci + jv + 2 * w);
                s3.Store(ci + jv + 3 * w);
            }
            for (; jv + w <= n; jv += w)
            {
                // Even and odd k in separate chains.
                Vector256<T> s0 = default, s1 = default;
                T* bq = p.B + jv;
                int q = 0;
                for (; q + 2 <= k; q += 2, bq += 2 * (nint)n)
                {
                    s0 = Fma(Vector256.Create(ai[q * cs]), Vector256.Load(bq), s0);
                    s1 = Fma(Vector256.Create(ai[(q + 1) * cs]), Vector256.Load(bq + n), s1);
                }
                if (q < k) s0 = Fma(Vector256.Create(ai[q * cs]), Vector256.Load(bq), s0);
                (s0 + s1).Store(ci + jv);
            }
            if (jv == n) continue;
            // Under one vector of columns left: k-outer order keeps one independent chain per column.
            for (int j = jv; j < n; j++) ci[j] = default;
            for (int q = 0; q < k; q++)
            {
                T x = ai[q * cs];
                T* bq = p.B + (nint)q * n;
                for (int j = jv; j < n; j++) ci[j] = MulAdd(x, bq[j], ci[j]);
            }
        }
    }

    /// <summary>Σ a[q·stride]·b[q] over q &lt; k, in vectors when a is contiguous.</summary>
    private static T Dot<T>(T* a, nint stride, T* b, int k) where T : unmanaged
    {
        int w = Vector256<T>.Count, q = 0;
        T s = default;
        if (stride == 1 && k >= w)
        {
            Vector256<T> s0 = default, s1 = default;
            for (; q + 2 * w <= k; q += 2 * w)
            {
                s0 = Fma(Vector256.Load(a + q), Vector256.Load(b + q), s0);
                s1 = Fma(Vector256.Load(a + q + w), Vector256.Load(b + q + w), s1);
            }
            if (q + w <= k)
            {
                s0 = Fma(Vector256.Load(a + q), Vector256.Load(b + q), s0);
                q += w;
            }
            s = Vector256.Sum(s0 + s1);
        }
        for (; q < k; q++) s = MulAdd(a[q * stride], b[q], s);
        return s;
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

/// <summary>Implementations inside <see cref="Gemm"/>; Auto picks by element type, size and hardware.</summary>
internal enum GemmPath
{
    Auto,
    /// <summary>Plain loops (integer types, or no 256-bit vectors).</summary>
    Reference,
    /// <summary>Unpacked vector loops for tiny products.</summary>
    Direct,
    /// <summary>Packed, blocked, 6×16 (float) AVX2/FMA micro-kernel.</summary>
    Blocked256,
    /// <summary>Packed, blocked, 12×32 (float) AVX-512 micro-kernel.</summary>
    Blocked512,
}
