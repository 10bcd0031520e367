using System.Numerics.Tensors;
using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Benchmarks;

/// <summary>W4 (GEMM called directly) and the element-wise kernels against TensorPrimitives.</summary>
internal static class KernelBenchmarks
{
    /// <summary>C = A·B for square float32 matrices, our managed GEMM; the report turns the time into GFLOP/s.</summary>
    public static IEnumerable<Measurement> GemmCases(int[] sizes, int[] threadCounts)
    {
        var rng = new Random(3);
        foreach (int n in sizes)
        {
            var a = new float[n * n];
            var b = new float[n * n];
            var c = new float[n * n];
            for (int i = 0; i < a.Length; i++) { a[i] = rng.NextSingle() - 0.5f; b[i] = rng.NextSingle() - 0.5f; }
            foreach (int t in threadCounts)
                yield return Timing.Measure("SharpFlow", "W4", $"sgemm n={n}", t,
                    () => Gemm.Multiply<float>(false, false, n, n, n, a, b, c, t));
        }
    }

    /// <summary>One element-wise case: a graph op run through its kernel, and TensorPrimitives doing the same.</summary>
    sealed record Case(string Name, Func<Tensor, Tensor, Tensor> Build, bool Binary, Action<float[], float[], float[]> Reference);

    static readonly Case[] Cases =
    [
        new("Add", (a, b) => tf.add(a, b), true, (a, b, o) => TensorPrimitives.Add(a, b, o)),
        new("Mul", (a, b) => tf.multiply(a, b), true, (a, b, o) => TensorPrimitives.Multiply(a, b, o)),
        new("Neg", (a, _) => tf.negative(a), false, (a, _, o) => TensorPrimitives.Negate(a, o)),
        new("Relu", (a, _) => tf.nn.relu(a), false, (a, _, o) => TensorPrimitives.Max(a, 0f, o)),
        new("Exp", (a, _) => tf.exp(a), false, (a, _, o) => TensorPrimitives.Exp(a, o)),
        new("Sigmoid", (a, _) => tf.sigmoid(a), false, (a, _, o) => TensorPrimitives.Sigmoid(a, o)),
        new("Tanh", (a, _) => tf.tanh(a), false, (a, _, o) => TensorPrimitives.Tanh(a, o)),
    ];

    /// <summary>
    /// Each op's kernel on 1 M floats, called through its <c>Compute</c> with a plan-style context
    /// (dispatch and output-buffer reuse included, session overhead excluded), next to TensorPrimitives.
    /// </summary>
    public static IEnumerable<Measurement> ElementwiseCases(int length)
    {
        var rng = new Random(4);
        var x = new float[length];
        var y = new float[length];
        var o = new float[length];
        for (int i = 0; i < length; i++) { x[i] = 4 * rng.NextSingle() - 2; y[i] = 4 * rng.NextSingle() - 2; }
        foreach (var c in Cases)
        {
            var g = tf.Graph();
            using (g.as_default())
            {
                var pa = tf.placeholder(tf.float32, shape: new[] { length });
                var pb = tf.placeholder(tf.float32, shape: new[] { length });
                var op = c.Build(pa, pb).op;
                var values = new NDArray?[3];
                values[0] = NDArray.FromFlat(x, length);
                values[1] = NDArray.FromFlat(y, length);
                int[] inputs = c.Binary ? [0, 1] : [0];
                var ctx = new KernelContext(op, values, inputs, [2], new SessionState(1));
                yield return Timing.Measure("SharpFlow", "EW", c.Name, 1, () => op.Def.Compute(ctx));
            }
            yield return Timing.Measure("TensorPrimitives", "EW", c.Name, 1, () => c.Reference(x, y, o));
        }
    }
}
