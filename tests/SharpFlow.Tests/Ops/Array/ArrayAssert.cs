namespace SharpFlow.Tests.Ops.Arrays;

/// <summary>Assertions on session results: shape, dtype and values.</summary>
internal static class ArrayAssert
{
    /// <summary>Checks shape and dtype exactly and values within <paramref name="tol"/> (absolute, scaled by magnitude above 1).</summary>
    public static void Close(NDArray actual, int[] shape, DType dtype, double[] expected, double tol = 1e-6)
    {
        Assert.Equal(shape, actual.shape);
        Assert.Equal(dtype, actual.dtype);
        var values = actual.ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= tol * Math.Max(1, Math.Abs(expected[i])) || values[i].Equals(expected[i]),
                $"element {i}: expected {expected[i]}, got {values[i]}");
    }

    /// <summary>Checks shape, dtype and exact values.</summary>
    public static void Exact<T>(NDArray actual, int[] shape, T[] expected) where T : unmanaged
    {
        Assert.Equal(shape, actual.shape);
        Assert.Equal(DType.Of<T>(), actual.dtype);
        Assert.Equal(expected, actual.ToArray<T>());
    }

    /// <summary>float64 values 0, 1, 2, … shaped as given.</summary>
    public static NDArray Iota(params int[] shape)
    {
        int n = 1;
        foreach (var d in shape) n *= d;
        return NDArray.FromFlat(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), shape);
    }

    /// <summary>float32 values 0, 1, 2, … shaped as given.</summary>
    public static NDArray IotaF(params int[] shape) => Iota(shape).astype(DType.Float32);
}
