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
internal static unsafe partial class Gemm
{
    /// <summary>
    /// Up to this many multiply-adds packing does not pay off (Zen 3: at 16³ Direct took 0.5–0.6 µs
    /// against 0.8 µs; at 24³ and at 150×5×10 the packed path was already faster).
    /// </summary>
    private const long DirectWork = 16 * 16 * 16;

    /// <summary>
    /// With k ≤ 4 a product is a rank-k update that streams C; Direct does that without packing and
    /// stays ahead up to about this size (200×200×2: 4.5 µs against 8 µs packed).
    /// </summary>
    private const long DirectShallowWork = 1 << 18;

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
        {
            path = !Vector256.IsHardwareAccelerated ? GemmPath.Reference
                : (long)m * n * k <= (k <= 4 ? DirectShallowWork : DirectWork) ? GemmPath.Direct
                : IsThin(m, n, k) && (threads < 2 || (long)m * n * k < ParallelWork) ? GemmPath.Thin256
                : Vector512.IsHardwareAccelerated ? GemmPath.Blocked512 : GemmPath.Blocked256;
            // Small and narrow products (the document's networks): unpacked register-blocked rows, with the
            // rounding of the path just chosen (Direct: multiply then add; the packed kernels: FMA).
            if (path != GemmPath.Reference && blockCap == 0)
                fixed (T* pa = a, pb = b, pc = c)
                    if (TryTiny(path != GemmPath.Direct, transA, transB, m, n, k, pa, pb, pc)) return;
        }
        if (path == GemmPath.Reference)
        {
            Reference(transA, transB, m, n, k, a, b, c);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            var p = new Problem<T>(transA, transB, m, n, k, pa, pb, pc, transC: false);
            if (path == GemmPath.Direct) Direct(p);
            else if (path == GemmPath.Thin256) Thin(p, blockCap);
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
                    if (slabCur == p.M)
                    {
                        // One slab: each part of B is used once, so it is packed right before its use, in
                        // column groups that stay in L2 next to the A block instead of the whole panel
                        // going out to L3 and back; A is packed first so B is the one still in L1
                        // (W3's 100×500×784 product went from 0.90 to 0.93 of OpenBLAS's speed).
                        PackA(p, ic, slabCur, pc, kcCur, mr, packA);
                        int group = Math.Max(nr, GroupBytes / (kcCur * sizeof(T)) / nr * nr);
                        if (blockCap > 0) group = Math.Min(group, ncMax);
                        for (int jg = 0; jg < ncCur; jg += group)
                        {
                            int width = Math.Min(group, ncCur - jg);
                            PackB(p, pc, kcCur, jc + jg, width, nr, packB);
                            Macro<T, TK>(p, packA, packB, ic, slabCur, jc + jg, width, kcCur, pc > 0);
                        }
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
    /// One slab × k-block on several threads. Phase 1 packs `threads` row ranges of the A slab and,
    /// for the first slab of a k-block, as many column ranges of B; phase 2 runs row block × column
    /// group tasks in row-major order, so consecutive tasks of a thread mostly share an A block.
    /// </summary>
    private static void SharedStep<T, TK>(Problem<T> p, T* packA, T* packB, int ic, int rows, int mc, int jc, int nc,
        int pc, int kc, bool packingB, int threads) where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        var pack = new PackTasks<T>(p, packA, packB, ic, rows, jc, nc, pc, kc, threads, TK.MR, TK.NR);
        CpuParallel.For(packingB ? 2 * threads : threads, threads, pack);
        int bPanels = (nc + TK.NR - 1) / TK.NR, rowBlocks = (rows + mc - 1) / mc;
        int groups = Math.Clamp((TasksPerThread * threads + rowBlocks - 1) / rowBlocks, 1, bPanels);
        int groupWidth = (bPanels + groups - 1) / groups * TK.NR;
        groups = (nc + groupWidth - 1) / groupWidth;
        var compute = new MacroTasks<T, TK>(p, packA, packB, ic, rows, mc, jc, nc, kc, groups, groupWidth, accumulate: pc > 0);
        CpuParallel.For(rowBlocks * groups, threads, compute);
    }

    /// <summary>
    /// Phase 1 of <see cref="SharedStep"/>: task t &lt; threads packs the t-th row range of the A slab,
    /// task threads + t the t-th column range of the B panel (whole MR / NR panels each).
    /// </summary>
    private readonly struct PackTasks<T>(Problem<T> p, T* packA, T* packB, int ic, int rows, int jc, int nc, int pc, int kc,
        int threads, int mr, int nr) : IParallelBody where T : unmanaged
    {
        private readonly Problem<T> _p = p;
        private readonly T* _packA = packA, _packB = packB;
        private readonly int _ic = ic, _rows = rows, _jc = jc, _nc = nc, _pc = pc, _kc = kc, _threads = threads, _mr = mr, _nr = nr;

        public void Invoke(int t)
        {
            if (t < _threads)
            {
                int panels = (_rows + _mr - 1) / _mr;
                int lo = panels * t / _threads * _mr, hi = Math.Min(panels * (t + 1) / _threads * _mr, _rows);
                if (hi > lo) PackA(_p, _ic + lo, hi - lo, _pc, _kc, _mr, _packA + (nint)lo * _kc);
            }
            else
            {
                t -= _threads;
                int panels = (_nc + _nr - 1) / _nr;
                int lo = panels * t / _threads * _nr, hi = Math.Min(panels * (t + 1) / _threads * _nr, _nc);
                if (hi > lo) PackB(_p, _pc, _kc, _jc + lo, hi - lo, _nr, _packB + (nint)lo * _kc);
            }
        }
    }

    /// <summary>Phase 2 of <see cref="SharedStep"/>: task t is row block t / groups × column group t % groups.</summary>
    private readonly struct MacroTasks<T, TK>(Problem<T> p, T* packA, T* packB, int ic, int rows, int mc, int jc, int nc, int kc,
        int groups, int groupWidth, bool accumulate) : IParallelBody where T : unmanaged where TK : struct, IMicroKernel<T>
    {
        private readonly Problem<T> _p = p;
        private readonly T* _packA = packA, _packB = packB;
        private readonly int _ic = ic, _rows = rows, _mc = mc, _jc = jc, _nc = nc, _kc = kc, _groups = groups, _groupWidth = groupWidth;
        private readonly bool _accumulate = accumulate;

        public void Invoke(int t)
        {
            int r = t / _groups * _mc, g = t % _groups * _groupWidth;
            Macro<T, TK>(_p, _packA + (nint)r * _kc, _packB + (nint)g * _kc, _ic + r, Math.Min(_mc, _rows - r),
                _jc + g, Math.Min(_groupWidth, _nc - g), _kc, _accumulate);
        }
    }

    /// <summary>Packed A rows per slab when threads share work: ~1 MiB, enough rows for several tasks per thread.</summary>
    private const int SlabBytes = 1 << 20;

    /// <summary>
    /// Packed B per column group on the one-slab path: with the A block (≤ 256 KiB) it fits a 512 KiB
    /// L2; 64 to 256 columns at kc = 256 measured alike.
    /// </summary>
    private const int GroupBytes = 128 << 10;

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

    // ---------------------------------------------------------------- tiny products and the reference

    /// <summary>
    /// Unpacked path for tiny products, where packing would cost more than it saves. Each row of C is
    /// a sum of scaled rows of op(B), vectorised along n (a transposed B is first transposed into the
    /// packing buffer). It adds in k order with separate multiply and add, exactly like
    /// <see cref="Reference"/>: the document's examples are this small, and their printed values
    /// come from TensorFlow builds without FMA (3.957578 for its 1×2·2×3·3×1 forward pass; one FMA
    /// prints 3.9575782). Vectors of C are independent add chains, so no FMA is needed for speed.
    /// </summary>
    private static void Direct<T>(Problem<T> p) where T : unmanaged
    {
        int m = p.M, n = p.N, k = p.K, w = Vector256<T>.Count;
        if (p.TransB)
        {
            T* bt = PackBuffers<T>(k * n, 0, out _);
            Transpose(p.B, k, n, k, bt, n);
            p = new Problem<T>(p.TransA, false, m, n, k, p.A, bt, p.C, transC: false);
        }
        nint rs = p.RowStrideA, cs = p.ColStrideA;
        // Under one vector of columns left (n = 2, 3, 5 … outputs are common), each row of B is still
        // read as a whole vector: lanes past n hold the next row's values and are never stored. The
        // last few rows, whose vector would run past the end of B, come from a zero-padded copy.
        int rest = n % w, jr = n - rest, direct = k;
        T* tail = stackalloc T[w * w];
        if (rest > 0)
        {
            long room = (long)k * n - jr - w;
            direct = room < 0 ? 0 : (int)Math.Min(k, room / n + 1);
            for (int q = direct; q < k; q++)
            {
                new Span<T>(p.B + (nint)q * n + jr, rest).CopyTo(new Span<T>(tail + (q - direct) * w, w));
                new Span<T>(tail + (q - direct) * w + rest, w - rest).Clear();
            }
        }
        for (int i = 0; i < m; i++)
        {
            T* ai = p.A + i * rs, ci = p.C + (nint)i * n;
            int jv = 0;
            for (; jv + 4 * w <= n; jv += 4 * w)
            {
                Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
                T* bq = p.B + jv;
                for (int q = 0; q < k; q++, bq += n)
                {
                    var x = Vector256.Create(ai[q * cs]);
                    s0 += x * Vector256.Load(bq);
                    s1 += x * Vector256.Load(bq + w);
                    s2 += x * Vector256.Load(bq + 2 * w);
                    s3 += x * Vector256.Load(bq + 3 * w);
                }
                s0.Store(ci + jv);
                s1.Store(ci + jv + w);
                s2.Store(ci + jv + 2 * w);
                s3.Store(ci + jv + 3 * w);
            }
            for (; jv + w <= n; jv += w)
            {
                var s0 = Vector256<T>.Zero;
                T* bq = p.B + jv;
                for (int q = 0; q < k; q++, bq += n) s0 += Vector256.Create(ai[q * cs]) * Vector256.Load(bq);
                s0.Store(ci + jv);
            }
            if (rest == 0) continue;
            var r0 = Vector256<T>.Zero;
            for (int q = 0; q < k; q++)
                r0 += Vector256.Create(ai[q * cs]) * Vector256.Load(q < direct ? p.B + (nint)q * n + jr : tail + (q - direct) * w);
            for (int j = 0; j < rest; j++) ci[jr + j] = r0.GetElement(j);
        }
    }

    /// <summary>Plain loops for integer types and for machines without 256-bit vectors.</summary>
    private static void Reference<T>(bool transA, bool transB, int m, int n, int k,
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
    /// <summary>Blocked256's kernel reading A unpacked and storing partial tiles directly, for thin products.</summary>
    Thin256,
}
