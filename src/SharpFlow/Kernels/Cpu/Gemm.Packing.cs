using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SharpFlow.Kernels.Cpu;

// Gemm, part 2: packing panels of A and B (all transpose combinations) into contiguous buffers.
internal static unsafe partial class Gemm
{
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
        if (laneStride == 1 && kStride != 1)
        {
            CopyRows(src, kStride, count, kc, width, dst);
            return;
        }
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

    /// <summary>
    /// <see cref="Pack"/> for contiguous lanes: a few k rows at a time across all panels, so each source
    /// row is read front to back. Panel by panel, each row gave one 64-byte piece per visit, and at a
    /// power-of-two row stride all of a panel's rows share one L1 set (n = 1024: packing B took 6 %
    /// of the product, now 2 %). Eight rows at a time fit the eight ways of such a set.
    /// </summary>
    private static void CopyRows<T>(T* src, nint kStride, int count, int kc, int width, T* dst) where T : unmanaged
    {
        const int Rows = 8;
        for (int q0 = 0; q0 < kc; q0 += Rows)
        {
            int qEnd = Math.Min(q0 + Rows, kc);
            T* panel = dst;
            for (int l0 = 0; l0 < count; l0 += width, panel += (nint)width * kc)
            {
                int lanes = Math.Min(width, count - l0);
                for (int q = q0; q < qEnd; q++)
                {
                    Copy(src + l0 + q * kStride, panel + (nint)q * width, lanes);
                    if (lanes < width) new Span<T>(panel + (nint)q * width + lanes, width - lanes).Clear();
                }
            }
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
}
