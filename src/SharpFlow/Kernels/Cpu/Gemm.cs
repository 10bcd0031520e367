using System.Numerics;

namespace SharpFlow.Kernels.Cpu;

/// <summary>General matrix multiply: C = op(A) · op(B), row-major, op = optional transpose.</summary>
internal static class Gemm
{
    /// <summary>C[m×n] = op(A)[m×k] · op(B)[k×n]; C is overwritten.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int threads) where T : unmanaged, INumber<T>
    {
        c.Clear();
        for (int i = 0; i < m; i++)
        {
            var crow = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                T av = transA ? a[p * m + i] : a[i * k + p];
                if (!transB)
                {
                    var brow = b.Slice(p * n, n);
                    for (int j = 0; j < n; j++) crow[j] += av * brow[j];
                }
                else
                {
                    for (int j = 0; j < n; j++) crow[j] += av * b[j * k + p];
                }
            }
        }
    }
}
