using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SharpFlow.Kernels.Cpu;

// Gemm, part 4: unpacked, register-blocked kernels for products with at most two vectors of columns.
internal static unsafe partial class Gemm
{
    /// <summary>
    /// Largest product (multiply-adds) <see cref="TryTiny"/> takes. With op(B) at most two vectors wide
    /// its kernels ran 1.3–10× faster than the packed path on one Zen 3 core at every size measured
    /// (150×5×10: 0.43 µs against 2.1; 1000×10×256: 95 µs against 123); the bound keeps products large
    /// enough for a second thread on the blocked path.
    /// </summary>
    private const long TinyWork = 1 << 19;

    /// <summary>Elements of the stack copy of a transposed B (k × padded n): 16 KiB of floats.</summary>
    private const int TinyTransposeElements = 4096;

    /// <summary>
    /// C = op(A)·op(B) for n ≤ two 256-bit vectors, without packing: each row of C is one or two
    /// vector accumulators, rows are register-blocked (all rows at once when op(A) is transposed,
    /// which is backprop's weight gradient, Xᵀ·dY, whose long k makes every element one long
    /// dependency chain), and lanes past n are stored over the next row before that row is written.
    /// Every element is summed in k order from zero, with separate multiply and add when
    /// <paramref name="fused"/> is false (the bits <see cref="Direct"/> gives) or with FMA when it is
    /// true (the bits the packed kernels give while k fits one k-block). Returns false, computing
    /// nothing, for shapes or machines it does not handle. C must not overlap A or B.
    /// </summary>
    [SkipLocalsInit]
    internal static bool TryTiny<T>(bool fused, bool transA, bool transB, int m, int n, int k, T* a, T* b, T* c)
        where T : unmanaged
    {
        if (!Vector256.IsHardwareAccelerated || (typeof(T) != typeof(float) && typeof(T) != typeof(double))) return false;
        int w = Vector256<T>.Count, width = n <= w ? w : 2 * w;
        if (m <= 0 || n <= 0 || k <= 0 || n > 2 * w || (long)m * n * k > TinyWork) return false;
        // The packed kernels sum each element in k order from zero only while k fits one k-block.
        if (fused && k > Math.Min(Kernel256<T>.KC, Kernel512<T>.KC)) return false;
        if (transB && (long)k * width > TinyTransposeElements) return false;

        T* bt = stackalloc T[transB ? k * width : 0];
        T* tail = stackalloc T[width * width], scratch = stackalloc T[13 * width];
        T* bMain = b;
        nint ldb = n;
        int split = k;
        if (transB)
        {
            // op(B) = Bᵀ is at most k × 16: a padded row-major copy is cheaper than strided reads.
            for (int q = 0; q < k; q++)
            {
                T* row = bt + (nint)q * width;
                for (int j = 0; j < n; j++) row[j] = b[(nint)j * k + q];
                for (int j = n; j < width; j++) row[j] = default;
            }
            bMain = bt;
            ldb = width;
        }
        else if (n != width)
        {
            // Rows of B are read as whole vectors (lanes past n hold the next row and are never kept);
            // the last rows, whose vectors would run past the end of B, come from a zero-padded copy.
            long room = (long)k * n - width;
            split = room < 0 ? 0 : (int)Math.Min(k, room / n + 1);
            for (int q = split; q < k; q++)
            {
                T* row = tail + (nint)(q - split) * width;
                for (int j = 0; j < n; j++) row[j] = b[(nint)q * n + j];
                for (int j = n; j < width; j++) row[j] = default;
            }
        }
        if (fused)
        {
            if (width == w) TinyRows<T, TinyFused, TinyOne>(transA, m, n, k, a, bMain, ldb, split, tail, c, scratch);
            else TinyRows<T, TinyFused, TinyTwo>(transA, m, n, k, a, bMain, ldb, split, tail, c, scratch);
        }
        else
        {
            if (width == w) TinyRows<T, TinySeparate, TinyOne>(transA, m, n, k, a, bMain, ldb, split, tail, c, scratch);
            else TinyRows<T, TinySeparate, TinyTwo>(transA, m, n, k, a, bMain, ldb, split, tail, c, scratch);
        }
        return true;
    }

    /// <summary>
    /// Splits the rows of C into near-equal blocks. With op(A) transposed, k is long and each block is
    /// k dependent steps, so a block holds as many rows as registers allow (12 single-vector or 6
    /// double-vector accumulators); otherwise k is short and 8 or 4 rows share each load of B.
    /// </summary>
    private static void TinyRows<T, TS, TV>(bool transA, int m, int n, int k, T* a, T* b, nint ldb, int split, T* tail, T* c, T* scratch)
        where T : unmanaged where TS : struct, ITinyStep where TV : struct, ITinyWidth
    {
        int most = transA ? (TV.Vectors == 1 ? 12 : 6) : (TV.Vectors == 1 ? 8 : 4);
        int blocks = (m + most - 1) / most, small = m / blocks, bigCount = m % blocks;
        nint rs = transA ? 1 : k, cs = transA ? m : 1;
        // bigCount blocks of small + 1 rows, then the rest of small rows.
        TinyBlock<T, TS, TV>(transA, small + 1, bigCount, k, a, rs, cs, b, ldb, split, tail, c, n, (nint)m * n, scratch);
        int i0 = bigCount * (small + 1);
        TinyBlock<T, TS, TV>(transA, small, blocks - bigCount, k, a + i0 * rs, rs, cs, b, ldb, split, tail, c + (nint)i0 * n, n,
            (nint)(m - i0) * n, scratch);
    }

    /// <summary><paramref name="count"/> consecutive blocks of <paramref name="rows"/> rows each.</summary>
    private static void TinyBlock<T, TS, TV>(bool transA, int rows, int count, int k, T* a, nint rs, nint cs, T* b, nint ldb,
        int split, T* tail, T* c, int n, nint room, T* scratch) where T : unmanaged where TS : struct, ITinyStep where TV : struct, ITinyWidth
    {
        if (count == 0) return;
        if (transA) TinyBlock<T, TS, TV, TinyTransA>(rows, count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch);
        else TinyBlock<T, TS, TV, TinyPlainA>(rows, count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch);
    }

    private static void TinyBlock<T, TS, TV, TA>(int rows, int count, int k, T* a, nint rs, nint cs, T* b, nint ldb, int split,
        T* tail, T* c, int n, nint room, T* scratch)
        where T : unmanaged where TS : struct, ITinyStep where TV : struct, ITinyWidth where TA : struct, ITinyFlag
    {
        // Two-vector rows come in blocks of at most 6 (TinyRows), so 7 to 12 rows are single-vector.
        switch (rows)
        {
            case 1: TinyTile<T, TS, TV, TA, TinyR1>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 2: TinyTile<T, TS, TV, TA, TinyR2>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 3: TinyTile<T, TS, TV, TA, TinyR3>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 4: TinyTile<T, TS, TV, TA, TinyR4>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 5: TinyTile<T, TS, TV, TA, TinyR5>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 6: TinyTile<T, TS, TV, TA, TinyR6>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 7: TinyTile<T, TS, TinyOne, TA, TinyR7>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 8: TinyTile<T, TS, TinyOne, TA, TinyR8>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 9: TinyTile<T, TS, TinyOne, TA, TinyR9>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 10: TinyTile<T, TS, TinyOne, TA, TinyR10>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            case 11: TinyTile<T, TS, TinyOne, TA, TinyR11>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
            default: TinyTile<T, TS, TinyOne, TA, TinyR12>(count, k, a, rs, cs, b, ldb, split, tail, c, n, room, scratch); break;
        }
    }

    /// <summary>
    /// <paramref name="count"/> blocks of TR.Rows rows of C (at most 6 when two vectors wide): for q in
    /// order, row r's accumulators take op(A)(r, q) · op(B)(q, :). op(B) row q is at b + q·ldb before
    /// <paramref name="split"/> and in the padded <paramref name="tail"/> after; <paramref name="room"/>
    /// is the number of elements from <paramref name="c"/> to the end of C.
    /// </summary>
    private static void TinyTile<T, TS, TV, TA, TR>(int count, int k, T* a, nint rs, nint cs, T* b, nint ldb, int split, T* tail,
        T* c, int n, nint room, T* scratch)
        where T : unmanaged where TS : struct, ITinyStep where TV : struct, ITinyWidth where TA : struct, ITinyFlag where TR : struct, ITinyRows
    {
        int w = Vector256<T>.Count, rowCount = TR.Rows;
        bool two = TV.Vectors == 2;
        int width = two ? 2 * w : w;
        // With op(A) transposed a block's rows are adjacent in memory, so their offsets are constants.
        nint r1 = TA.Value ? 1 : rs;
        for (int block = 0; block < count; block++, a += rowCount * r1, c += rowCount * n, room -= rowCount * n)
        {
            Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
            Vector256<T> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
            Vector256<T> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default;
            T* aq = a, bq = b;
            nint step = ldb;
            for (int q = 0; q < k; q++, aq += cs, bq += step)
            {
                if (q == split)
                {
                    bq = tail;
                    step = width;
                }
                var b0 = Vector256.Load(bq);
                var b1 = two ? Vector256.Load(bq + w) : default;
                Vector256<T> x = Vector256.Create(aq[0]);
                c0 = TS.Step(c0, x, b0);
                if (two) d0 = TS.Step(d0, x, b1);
                if (rowCount > 1)
                {
                    x = Vector256.Create(aq[1 * r1]);
                    c1 = TS.Step(c1, x, b0);
                    if (two) d1 = TS.Step(d1, x, b1);
                }
                if (rowCount > 2)
                {
                    x = Vector256.Create(aq[2 * r1]);
                    c2 = TS.Step(c2, x, b0);
                    if (two) d2 = TS.Step(d2, x, b1);
                }
                if (rowCount > 3)
                {
                    x = Vector256.Create(aq[3 * r1]);
                    c3 = TS.Step(c3, x, b0);
                    if (two) d3 = TS.Step(d3, x, b1);
                }
                if (rowCount > 4)
                {
                    x = Vector256.Create(aq[4 * r1]);
                    c4 = TS.Step(c4, x, b0);
                    if (two) d4 = TS.Step(d4, x, b1);
                }
                if (rowCount > 5)
                {
                    x = Vector256.Create(aq[5 * r1]);
                    c5 = TS.Step(c5, x, b0);
                    if (two) d5 = TS.Step(d5, x, b1);
                }
                if (rowCount > 6) c6 = TS.Step(c6, Vector256.Create(aq[6 * r1]), b0);
                if (rowCount > 7) c7 = TS.Step(c7, Vector256.Create(aq[7 * r1]), b0);
                if (rowCount > 8) c8 = TS.Step(c8, Vector256.Create(aq[8 * r1]), b0);
                if (rowCount > 9) c9 = TS.Step(c9, Vector256.Create(aq[9 * r1]), b0);
                if (rowCount > 10) c10 = TS.Step(c10, Vector256.Create(aq[10 * r1]), b0);
                if (rowCount > 11) c11 = TS.Step(c11, Vector256.Create(aq[11 * r1]), b0);
            }
            // Rows are stored in increasing order, whole vectors at a time, so lanes spilling past a row's
            // end are overwritten by the next row. A block whose last row would spill past the end of C is
            // stored into the scratch and copied; a call (a partial store) would spill the accumulators.
            bool inPlace = (nint)(rowCount - 1) * n + width <= room;
            T* dst = inPlace ? c : scratch;
            TinyPutRow(dst, c0, d0, two, w);
            if (rowCount > 1) TinyPutRow(dst + n, c1, d1, two, w);
            if (rowCount > 2) TinyPutRow(dst + 2 * n, c2, d2, two, w);
            if (rowCount > 3) TinyPutRow(dst + 3 * n, c3, d3, two, w);
            if (rowCount > 4) TinyPutRow(dst + 4 * n, c4, d4, two, w);
            if (rowCount > 5) TinyPutRow(dst + 5 * n, c5, d5, two, w);
            if (rowCount > 6) c6.Store(dst + 6 * n);
            if (rowCount > 7) c7.Store(dst + 7 * n);
            if (rowCount > 8) c8.Store(dst + 8 * n);
            if (rowCount > 9) c9.Store(dst + 9 * n);
            if (rowCount > 10) c10.Store(dst + 10 * n);
            if (rowCount > 11) c11.Store(dst + 11 * n);
            if (!inPlace)
                for (int i = 0, end = rowCount * n; i < end; i++) c[i] = scratch[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TinyPutRow<T>(T* row, Vector256<T> v0, Vector256<T> v1, bool two, int w) where T : unmanaged
    {
        v0.Store(row);
        if (two) v1.Store(row + w);
    }

    /// <summary>How one k step updates an accumulator: acc + x·y rounded once (FMA) or twice.</summary>
    private interface ITinyStep
    {
        static abstract Vector256<T> Step<T>(Vector256<T> acc, Vector256<T> x, Vector256<T> y) where T : unmanaged;
    }

    private struct TinySeparate : ITinyStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Step<T>(Vector256<T> acc, Vector256<T> x, Vector256<T> y) where T : unmanaged => acc + x * y;
    }

    private struct TinyFused : ITinyStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Step<T>(Vector256<T> acc, Vector256<T> x, Vector256<T> y) where T : unmanaged => Fma(x, y, acc);
    }

    /// <summary>Vectors per row of C.</summary>
    private interface ITinyWidth { static abstract int Vectors { get; } }
    private struct TinyOne : ITinyWidth { public static int Vectors => 1; }
    private struct TinyTwo : ITinyWidth { public static int Vectors => 2; }

    /// <summary>A compile-time flag: whether op(A) is transposed (a block's rows adjacent in memory).</summary>
    private interface ITinyFlag { static abstract bool Value { get; } }
    private struct TinyTransA : ITinyFlag { public static bool Value => true; }
    private struct TinyPlainA : ITinyFlag { public static bool Value => false; }

    /// <summary>Rows per register block.</summary>
    private interface ITinyRows { static abstract int Rows { get; } }
    private struct TinyR1 : ITinyRows { public static int Rows => 1; }
    private struct TinyR2 : ITinyRows { public static int Rows => 2; }
    private struct TinyR3 : ITinyRows { public static int Rows => 3; }
    private struct TinyR4 : ITinyRows { public static int Rows => 4; }
    private struct TinyR5 : ITinyRows { public static int Rows => 5; }
    private struct TinyR6 : ITinyRows { public static int Rows => 6; }
    private struct TinyR7 : ITinyRows { public static int Rows => 7; }
    private struct TinyR8 : ITinyRows { public static int Rows => 8; }
    private struct TinyR9 : ITinyRows { public static int Rows => 9; }
    private struct TinyR10 : ITinyRows { public static int Rows => 10; }
    private struct TinyR11 : ITinyRows { public static int Rows => 11; }
    private struct TinyR12 : ITinyRows { public static int Rows => 12; }
}
