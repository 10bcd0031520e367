namespace SharpFlow.Tests.Ops;

/// <summary>Element-wise comparisons of session results with expected values.</summary>
internal static class ValueAssert
{
    /// <summary>Tolerance of float32 results relative to float64 golden values.</summary>
    public const double Float32 = 1e-6;

    /// <summary>Tolerance of float64 results relative to float64 golden values.</summary>
    public const double Float64 = 1e-14;

    /// <summary>Every element within <paramref name="rtol"/> (relative) of the expected value; NaN matches NaN.</summary>
    public static void Close(double[] expected, NDArray actual, double rtol)
    {
        Assert.Equal(expected.Length, actual.size);
        for (int i = 0; i < expected.Length; i++)
        {
            double a = actual.GetDouble(i), e = expected[i];
            if (double.IsNaN(e)) Assert.True(double.IsNaN(a), $"element {i}: expected NaN, got {a}");
            else if (double.IsInfinity(e)) Assert.Equal(e, a);
            else Assert.True(Math.Abs(a - e) <= rtol * Math.Abs(e) + 1e-300, $"element {i}: expected {e:R}, got {a:R}");
        }
    }

    /// <summary>The result as doubles, for exact comparisons.</summary>
    /// <summary>Builds f(constant x) in a fresh graph, checks it keeps the dtype, and runs it.</summary>
    public static NDArray RunUnary(Func<Tensor, Tensor> f, double[] x, DType dtype)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = f(tf.constant(x, dtype: dtype));
        Assert.Equal(dtype, t.dtype);
        using var sess = tf.Session();
        return sess.run(t);
    }

    public static double[] Doubles(NDArray a) => Enumerable.Range(0, a.size).Select(a.GetDouble).ToArray();
}
