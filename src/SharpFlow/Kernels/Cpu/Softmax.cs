using System.Numerics;
using System.Numerics.Tensors;

namespace SharpFlow.Kernels.Cpu;

/// <summary>Row-wise softmax and log-softmax over the last axis, stable for any finite input.</summary>
internal static class SoftmaxKernel
{
    /// <summary>
    /// softmax(x) = exp(x − max) / Σ exp(x − max); log-softmax = (x − max) − log Σ exp(x − max).
    /// Subtracting the row maximum keeps every exponent ≤ 0, so nothing overflows.
    /// </summary>
    public static void Run<T>(ReadOnlySpan<T> x, int n, Span<T> o, bool log)
        where T : unmanaged, IExponentialFunctions<T>, ILogarithmicFunctions<T>, INumber<T>
    {
        if (n == 0) return;
        int rows = x.Length / n;
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * n, n);
            var or = o.Slice(r * n, n);
            T max = TensorPrimitives.Max(xr);
            TensorPrimitives.Subtract(xr, max, or);
            TensorPrimitives.Exp(or, or);
            T sum = TensorPrimitives.Sum<T>(or);
            if (log)
            {
                // TF parity: softmax_op_functor.h computes (x − max) − log(sum) for the log form.
                TensorPrimitives.Subtract(xr, max, or);
                TensorPrimitives.Subtract(or, T.Log(sum), or);
            }
            else
            {
                // TF parity: softmax_op_functor.h multiplies by the reciprocal of the sum.
                TensorPrimitives.Multiply(or, T.One / sum, or);
            }
        }
    }
}
