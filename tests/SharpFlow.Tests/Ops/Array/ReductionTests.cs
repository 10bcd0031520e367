using static SharpFlow.Tests.Ops.Arrays.ArrayAssert;

namespace SharpFlow.Tests.Ops.Arrays;

public sealed class ReductionTests
{
    // Values from the tf.reduce_sum docstring: x = [[1, 1, 1], [1, 1, 1]].
    [Fact]
    public void ReduceSum_DocstringExamples()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1, 1, 1 }, { 1, 1, 1 } });
        var all = tf.reduce_sum(x);
        Assert.Equal("Sum", all.op.name);
        Assert.Equal("Const_1", all.op.inputs[1].op.name);
        var s1 = tf.reduce_sum(x, 1);
        Assert.Equal("Sum_1/reduction_indices", s1.op.inputs[1].op.name);
        using var sess = tf.Session();
        Exact(sess.run(all), [], new[] { 6 });
        Exact(sess.run(tf.reduce_sum(x, 0)), [3], new[] { 2, 2, 2 });
        Exact(sess.run(s1), [2], new[] { 3, 3 });
        Exact(sess.run(tf.reduce_sum(x, 1, keepdims: true)), [2, 1], new[] { 3, 3 });
        Exact(sess.run(tf.reduce_sum(x, 1, keep_dims: true)), [2, 1], new[] { 3, 3 });
        Exact(sess.run(tf.reduce_sum(x, [0, 1])), [], new[] { 6 });
        Exact(sess.run(tf.reduce_sum(x, reduction_indices: new[] { 0 })), [3], new[] { 2, 2, 2 });
    }

    // Values from the tf.reduce_mean docstring.
    [Fact]
    public void ReduceMean_DocstringExamples_IntegerMeanFloors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1.0f, 1.0f }, { 2.0f, 2.0f } });
        using var sess = tf.Session();
        Exact(sess.run(tf.reduce_mean(x)), [], new[] { 1.5f });
        Exact(sess.run(tf.reduce_mean(x, 0)), [2], new[] { 1.5f, 1.5f });
        Exact(sess.run(tf.reduce_mean(x, 1)), [2], new[] { 1f, 2f });
        Exact(sess.run(tf.reduce_mean(tf.constant(new[,] { { 1, 0 }, { 1, 0 } }))), [], new[] { 0 });
    }

    [Fact]
    public void MaxMinProd_Values()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1.0, -2.0, 3.0 }, { 4.0, 5.0, -6.0 } });
        using var sess = tf.Session();
        Exact(sess.run(tf.reduce_max(x)), [], new[] { 5.0 });
        Exact(sess.run(tf.reduce_max(x, 0)), [3], new[] { 4.0, 5.0, 3.0 });
        Exact(sess.run(tf.reduce_min(x, 1)), [2], new[] { -2.0, -6.0 });
        Exact(sess.run(tf.reduce_prod(x, 1)), [2], new[] { -6.0, -120.0 });
        Exact(sess.run(tf.reduce_prod(tf.constant(new long[] { 2, 3, 4 }))), [], new long[] { 24 });
        Exact(sess.run(tf.reduce_max(tf.constant(new[] { 3, 9, 2 }))), [], new[] { 9 });
    }

    [Fact]
    public void Reductions_EmptyAxis_GiveIdentityValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 0, 3 });
        using var sess = tf.Session();
        Exact(sess.run(tf.reduce_sum(x, 0)), [3], new float[3]);
        Exact(sess.run(tf.reduce_prod(x, 0)), [3], new[] { 1f, 1f, 1f });
        Exact(sess.run(tf.reduce_max(x, 0)), [3], new[] { float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity });
        Exact(sess.run(tf.reduce_min(tf.zeros(new[] { 0 }, tf.int32))), [], new[] { int.MaxValue });
    }

    // Every subset of axes of a rank-4 tensor, against a direct index loop.
    [Theory]
    [InlineData("Sum")]
    [InlineData("Mean")]
    [InlineData("Max")]
    [InlineData("Min")]
    [InlineData("Prod")]
    public void Reductions_EveryAxisSubset_MatchReference(string kind)
    {
        int[] shape = [2, 3, 4, 5];
        var data = Enumerable.Range(0, 120).Select(i => 0.9 + ((i * 37) % 120) / 400.0).ToArray();
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(NDArray.FromFlat(data, shape));
        using var sess = tf.Session();
        for (int mask = 0; mask < 16; mask++)
        {
            var axes = Enumerable.Range(0, 4).Where(a => (mask >> a & 1) != 0).ToArray();
            var t = kind switch
            {
                "Sum" => tf.reduce_sum(x, axes, keepdims: true),
                "Mean" => tf.reduce_mean(x, axes, keepdims: true),
                "Max" => tf.reduce_max(x, axes, keepdims: true),
                "Min" => tf.reduce_min(x, axes, keepdims: true),
                _ => tf.reduce_prod(x, axes, keepdims: true),
            };
            var got = sess.run(t);
            var oShape = shape.Select((d, a) => axes.Contains(a) ? 1 : d).ToArray();
            Assert.Equal(oShape, got.shape);
            var acc = new List<double>[got.size];
            for (int k = 0; k < acc.Length; k++) acc[k] = [];
            for (int i = 0; i < 120; i++)
            {
                int rem = i, o = 0, stride = 1;
                var idx = new int[4];
                for (int a = 3; a >= 0; a--) { idx[a] = rem % shape[a]; rem /= shape[a]; }
                for (int a = 3; a >= 0; a--) { o += (axes.Contains(a) ? 0 : idx[a]) * stride; stride *= oShape[a]; }
                acc[o].Add(data[i]);
            }
            var expected = acc.Select(l => kind switch
            {
                "Sum" => l.Sum(),
                "Mean" => l.Sum() / l.Count,
                "Max" => l.Max(),
                "Min" => l.Min(),
                _ => l.Aggregate(1.0, (p, v) => p * v),
            }).ToArray();
            Close(got, oShape, DType.Float64, expected, 1e-12);
        }
    }

    [Fact]
    public void ReduceSum_Axis0Of150By10_IsFastAndExact()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var data = Enumerable.Range(0, 1500).Select(i => (float)((i % 17) - 8)).ToArray();
        var x = tf.placeholder(tf.float32, shape: (150, 10));
        var s = tf.reduce_sum(x, 0);
        var m = tf.reduce_mean(x, 1);
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = NDArray.FromFlat(data, 150, 10) };
        var expected = new float[10];
        for (int i = 0; i < 150; i++) for (int j = 0; j < 10; j++) expected[j] += data[i * 10 + j];
        Exact(sess.run(s, feed), [10], expected);
        var means = Enumerable.Range(0, 150).Select(i => Enumerable.Range(0, 10).Sum(j => (double)data[i * 10 + j]) / 10).ToArray();
        Close(sess.run(m, feed), [150], DType.Float32, means, 1e-6);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 1000; i++) sess.run(s, feed);
        Assert.True(sw.ElapsedMilliseconds < 5000, $"1000 runs took {sw.ElapsedMilliseconds} ms");
    }

    // Tall arrays with few columns take the blocked column path (1000 rows: 31 blocks of 32 and a remainder).
    [Fact]
    public void ColumnReductions_TallAndNarrow_MatchReference()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var data = Enumerable.Range(0, 3000).Select(i => (double)((i * 7919) % 1009) - 500).ToArray();
        var x = tf.constant(NDArray.FromFlat(data, 1000, 3));
        using var sess = tf.Session();
        var cols = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 1000).Select(i => data[i * 3 + j]).ToArray()).ToArray();
        Close(sess.run(tf.reduce_sum(x, 0)), [3], DType.Float64, cols.Select(c => c.Sum()).ToArray(), 1e-12);
        Close(sess.run(tf.reduce_max(x, 0)), [3], DType.Float64, cols.Select(c => c.Max()).ToArray(), 0);
        Close(sess.run(tf.reduce_min(x, 0)), [3], DType.Float64, cols.Select(c => c.Min()).ToArray(), 0);
        Close(sess.run(tf.reduce_mean(x, 0)), [3], DType.Float64, cols.Select(c => c.Average()).ToArray(), 1e-12);
    }

    // Reducing only size-1 axes passes the elements on (TensorFlow shares the buffer); the input stays intact.
    [Fact]
    public void Reductions_OverSizeOneAxesOnly_GiveTheInputValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var data = new[] { 1.5f, -0f, float.NaN, 7f, -2.25f, 3f };
        var x = tf.placeholder(tf.float32, shape: (-1, 1, 3));
        var t = tf.reduce_sum(x, 1);
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = NDArray.FromFlat(data, 2, 1, 3) };
        foreach (var r in new[] { t, tf.reduce_sum(x, 1, keepdims: true), tf.reduce_max(x, 1), tf.reduce_prod(x, 1), tf.reduce_mean(x, 1) })
        {
            var got = sess.run(r, feed).ToArray<float>();
            Assert.Equal(data.Select(BitConverter.SingleToInt32Bits), got.Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal([2, 1, 3], sess.run(tf.reduce_sum(x, 1, keepdims: true), feed).shape);
        // A consumer of the passed-on elements, run twice: the second run sees the same values.
        var y = t * 2f;
        for (int i = 0; i < 2; i++) Assert.Equal(new[] { 3f, -0f, float.NaN, 14f, -4.5f, 6f }, sess.run(y, feed).ToArray<float>());
        Assert.Equal(data.Select(BitConverter.SingleToInt32Bits), feed[x].ToArray<float>().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Reduce_InvalidAxis_ThrowsTensorFlowErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 3 });
        var e = Assert.Throws<ValueError>(() => tf.reduce_sum(x, 2));
        Assert.Equal("Invalid reduction dimension 2 for input with 2 dimensions. for 'Sum' (op: 'Sum') with input shapes: [2,3], [] and with computed input tensors: input[1] = <2>.", e.Message);
        var c = Assert.Throws<ValueError>(() => tf.reduce_sum(x, 1, keepdims: true, keep_dims: true));
        Assert.Equal("Cannot specify both 'keepdims' and 'keep_dims'", c.Message);
        var p = tf.placeholder(tf.float32);
        var r = tf.reduce_max(p, 2);
        Assert.Equal("<unknown>", r.get_shape().ToString());
        Assert.Equal("()", tf.reduce_max(p).get_shape().ToString());
        using var sess = tf.Session();
        var err = Assert.Throws<InvalidArgumentError>(() => sess.run(r, (p, new float[2, 2])));
        Assert.Equal("Invalid reduction dimension (2 for input with 2 dimension(s)", err.Message);
        var dup = tf.reduce_sum(p, new[] { 0, -2 });
        err = Assert.Throws<InvalidArgumentError>(() => sess.run(dup, (p, new float[2, 2])));
        Assert.Equal("Invalid reduction arguments: Axes contains duplicate dimension: 0", err.Message);
    }

    [Fact]
    public void ArgMaxArgMin_IndicesOfExtremes_Int64ByDefault()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1.0f, 5.0f, 3.0f }, { 4.0f, 2.0f, 6.0f } });
        var a = tf.argmax(x, 1);
        Assert.Equal("ArgMax", a.op.name);
        Assert.Equal(tf.int64, a.dtype);
        Assert.Equal("(2,)", a.get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(a), [2], new long[] { 1, 2 });
        Exact(sess.run(tf.argmax(x)), [3], new long[] { 1, 0, 1 });
        Exact(sess.run(tf.argmin(x, 1, output_type: tf.int32)), [2], new[] { 0, 1 });
        Exact(sess.run(tf.argmax(tf.constant(new[] { 3, 7, 7, 1 }), dimension: 0)), [], new long[] { 1 });
        var e = Assert.Throws<ValueError>(() => tf.argmax(x, 2));
        Assert.StartsWith("Dimension (2) must be in the range [-2, 2), where 2 is the number of dimensions in the input.", e.Message);
        var p = tf.placeholder(tf.float32);
        var am = tf.argmax(p, 0);
        var err = Assert.Throws<InvalidArgumentError>(() => sess.run(am, (p, new float[0, 3])));
        Assert.Equal("Reduction axis 0 is empty in shape [0,3]", err.Message);
    }

    // Values from the tf.cumsum and tf.cumprod docstrings ([a, b, c] = [2, 3, 4]).
    [Fact]
    public void CumsumCumprod_ExclusiveAndReverse()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 2, 3, 4 });
        using var sess = tf.Session();
        Exact(sess.run(tf.cumsum(x)), [3], new[] { 2, 5, 9 });
        Exact(sess.run(tf.cumsum(x, exclusive: true)), [3], new[] { 0, 2, 5 });
        Exact(sess.run(tf.cumsum(x, reverse: true)), [3], new[] { 9, 7, 4 });
        Exact(sess.run(tf.cumsum(x, exclusive: true, reverse: true)), [3], new[] { 7, 4, 0 });
        Exact(sess.run(tf.cumprod(x)), [3], new[] { 2, 6, 24 });
        Exact(sess.run(tf.cumprod(x, exclusive: true, reverse: true)), [3], new[] { 12, 4, 1 });
        Exact(sess.run(tf.cumsum(tf.constant(new[,] { { 1, 2 }, { 3, 4 } }), 1)), [2, 2], new[] { 1, 3, 3, 7 });
    }

    [Fact]
    public void MaxGradient_TiesShareTheGradient()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[,] { { 1.0, 3.0, 3.0 }, { 2.0, 0.0, 1.0 } });
        var grad = tf.gradients(tf.reduce_max(x, 1), x)[0]!;
        using var sess = tf.Session();
        Exact(sess.run(grad), [2, 3], new[] { 0, 0.5, 0.5, 1, 0, 0 });
    }

    [Fact]
    public void ProdGradient_WithAZero_IsProductOfTheOthers()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 2.0, 0.0, 5.0 });
        var grad = tf.gradients(tf.reduce_prod(x), x)[0]!;
        using var sess = tf.Session();
        Exact(sess.run(grad), [3], new[] { 0.0, 10.0, 0.0 });
    }

    [Fact]
    public void SumAndMeanGradients_UnknownBatch_BroadcastBack()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float64, shape: (-1, 2));
        var grads = tf.gradients([tf.reduce_mean(x), tf.reduce_sum(x, 0)], [x]);
        using var sess = tf.Session();
        Exact(sess.run(grads[0]!, (x, new double[4, 2])), [4, 2], Enumerable.Repeat(1.125, 8).ToArray());
    }
}
