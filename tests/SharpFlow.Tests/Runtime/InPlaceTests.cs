namespace SharpFlow.Tests.Runtime;

/// <summary>
/// Issue 6: kernels overwrite an input in place only when nothing else can see it — the step is the
/// input's only reader and the input is a buffer made this run, not a feed, fetch, variable,
/// constant or a view another tensor shares. Expected values are computed here with System.Math.
/// </summary>
public sealed class InPlaceTests
{
    static readonly float[] X = [0.5f, -1f, 2f, -0.25f, 1.5f, 3f];

    static NDArray Feed() => np.array(X).reshape(2, 3);

    /// <summary>Runs <paramref name="plan"/> step by step, returning the value of <paramref name="probe"/> right after each step.</summary>
    static NDArray?[] Trace(ExecutionPlan plan, NDArray[] feeds, Tensor probe)
    {
        plan.Begin(feeds);
        var seen = new NDArray?[plan.Kernels.Count];
        for (int i = 0; i < seen.Length; i++)
        {
            plan.RunStep(i);
            seen[i] = plan.ValueOf(probe);
        }
        return seen;
    }

    [Fact]
    public void Square_OfAPrivateProduct_WritesIntoTheProductsBuffer()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var m = x * 2.0f;
        var e = tf.square(m);
        using var sess = tf.Session();
        var plan = ExecutionPlan.Build([x], [e], [], sess.State);
        int mul = plan.Kernels.ToList().FindIndex(s => s.Op == m.op);
        var product = Trace(plan, [Feed()], m)[mul];
        var trace = Trace(plan, [Feed()], e);
        Assert.NotNull(product);
        Assert.Same(product, trace[^1]);
        Assert.Equal(X.Select(v => (2 * v) * (2 * v)).ToArray(), sess.run(e, feed_dict: new() { [x] = Feed() }).ToArray<float>());
    }

    [Fact]
    public void FetchedInput_KeepsItsValue()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var m = x * 2.0f;
        var e = tf.square(m);
        using var sess = tf.Session();
        var (mv, ev) = sess.run((m, e), feed_dict: new() { [x] = Feed() });
        Assert.Equal(X.Select(v => 2 * v).ToArray(), mv!.ToArray<float>());
        Assert.Equal(X.Select(v => (2 * v) * (2 * v)).ToArray(), ev!.ToArray<float>());
    }

    /// <summary>
    /// Squares <paramref name="view"/>(2x) and, in a later step, reads 2x again: the later read sees
    /// the product only if the square left its buffer alone.
    /// </summary>
    static void AssertSquareLeavesTheProduct(Func<Tensor, Tensor> view)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var m = x * 2.0f;
        var e = tf.square(view(m));
        var later = m * 3.0f;
        using var sess = tf.Session();
        var (ev, lv) = sess.run((e, later), feed_dict: new() { [x] = Feed() });
        Assert.Equal(X.Select(v => (2 * v) * (2 * v)).ToArray(), ev!.ToArray<float>());
        Assert.Equal(X.Select(v => 2 * v * 3).ToArray(), lv!.ToArray<float>());
    }

    [Fact]
    public void InputWithTwoReaders_IsNotOverwritten() => AssertSquareLeavesTheProduct(m => m);

    /// <summary>The reshape is the square's only input, but it shares the product's array.</summary>
    [Fact]
    public void ViewOfABuffer_IsNotOverwritten() => AssertSquareLeavesTheProduct(m => tf.reshape(m, new[] { 3, 2 }));

    [Fact]
    public void FedArray_IsNotOverwritten()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var e = tf.nn.relu(x);
        using var sess = tf.Session();
        var feed = Feed();
        for (int run = 0; run < 2; run++)
            Assert.Equal(X.Select(v => Math.Max(v, 0f)).ToArray(), sess.run(e, feed_dict: new() { [x] = feed }).ToArray<float>());
        Assert.Equal(X, feed.ToArray<float>());
    }

    [Fact]
    public void VariableAndConstant_AreNotOverwritten()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.constant(X));
        var c = tf.constant(X);
        var fromVariable = tf.negative(v);
        var fromConstant = tf.negative(c);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (int run = 0; run < 2; run++)
        {
            var (a, b) = sess.run((fromVariable, fromConstant));
            Assert.Equal(X.Select(t => -t).ToArray(), a!.ToArray<float>());
            Assert.Equal(X.Select(t => -t).ToArray(), b!.ToArray<float>());
        }
        Assert.Equal(X, sess.run(v).ToArray<float>());
    }

    [Fact]
    public void BroadcastAdd_WritesIntoTheFullSizedOperandOnEitherSide()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var bias = tf.constant(new[] { 10f, 20f, 30f });
        var left = (x * 2.0f) - bias;     // the full operand is input 0
        var right = bias - (x * 3.0f);    // the full operand is input 1
        using var sess = tf.Session();
        var plan = ExecutionPlan.Build([x], [left, right], [], sess.State);
        plan.Begin([Feed()]);
        NDArray? leftProduct = null, rightProduct = null;
        for (int i = 0; i < plan.Kernels.Count; i++)
        {
            plan.RunStep(i);
            leftProduct ??= plan.ValueOf(left.op.inputs[0]);
            rightProduct ??= plan.ValueOf(right.op.inputs[1]);
        }
        Assert.Same(leftProduct, plan.ValueOf(left));
        Assert.Same(rightProduct, plan.ValueOf(right));
        float[] b = [10f, 20f, 30f];
        var (lv, rv) = sess.run((left, right), feed_dict: new() { [x] = Feed() });
        Assert.Equal(X.Select((t, i) => 2 * t - b[i % 3]).ToArray(), lv!.ToArray<float>());
        Assert.Equal(X.Select((t, i) => b[i % 3] - 3 * t).ToArray(), rv!.ToArray<float>());
    }
}
