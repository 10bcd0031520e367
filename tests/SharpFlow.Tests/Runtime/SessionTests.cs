namespace SharpFlow.Tests.Runtime;

/// <summary>Session.run fetch and feed forms, pruning, state and TensorFlow-worded failures (python/client/session.py behaviour).</summary>
public sealed class SessionTests
{
    [Fact]
    public void Run_AllFetchForms_ReturnValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 1.0f, 2.0f });
        var b = tf.constant(new[] { 3.0f, 4.0f });
        var c = a + b;
        var noop = tf.no_op();
        using var sess = tf.Session();
        Assert.Equal([4f, 6f], sess.run(c).ToArray<float>());
        NDArray[] both = sess.run(new[] { a, c });
        Assert.Equal([1f, 2f], both[0].ToArray<float>());
        Assert.Equal([4f, 6f], both[1].ToArray<float>());
        var (none, value) = sess.run((noop, c));
        Assert.Null(none);
        Assert.Equal([4f, 6f], value!.ToArray<float>());
        var mixed = sess.run(new ITensorOrOperation[] { c, noop, c });
        Assert.Equal([4f, 6f], mixed[2]!.ToArray<float>());
        Assert.Null(mixed[1]);
        sess.run(noop);
    }

    [Fact]
    public void Run_FeedForms_DictionaryAndTuples()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2), name: "x");
        var y = x * 2.0;
        using var sess = tf.Session();
        var data = new[,] { { 1f, 2f }, { 3f, 4f } };
        Assert.Equal([2f, 4f, 6f, 8f], sess.run(y, feed_dict: new() { [x] = data }).ToArray<float>());
        Assert.Equal([2f, 4f, 6f, 8f], sess.run(y, (x, data)).ToArray<float>());
        // float64 data is converted to the placeholder's float32, as numpy.asarray(value, dtype) does.
        Assert.Equal([2f, 4f], sess.run(y, (x, new[,] { { 1.0, 2.0 } })).ToArray<float>());
    }

    [Fact]
    public void Run_FeedingAnyTensor_CutsTheGraph()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, name: "x");
        var h = x + 1.0;
        var y = h * 10.0;
        using var sess = tf.Session();
        // h is fed, so the placeholder x is never needed.
        Assert.Equal(50f, (float)sess.run(y, (h, 5.0f)));
    }

    [Fact]
    public void Run_PrunesUnneededOps()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, name: "x");
        var a = tf.constant(2.0f);
        var unrelated = x + 1.0;
        using var sess = tf.Session();
        Assert.Equal(4f, (float)sess.run(a * 2.0));
    }

    [Fact]
    public void MissingFeed_IsInvalidArgument_WithTensorFlowWording()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        var y = x * 2.0;
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y));
        Assert.Equal("You must feed a value for placeholder tensor 'input' with dtype float and shape [1,2]", e.Message);
        // The session stays usable.
        Assert.Equal([2f, 4f], sess.run(y, (x, new[,] { { 1f, 2f } })).ToArray<float>());
    }

    [Fact]
    public void WrongFeedShape_IsValueError_WithTensorFlowWording()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        using var sess = tf.Session();
        var e = Assert.Throws<ValueError>(() => sess.run(x, (x, new[] { 1f, 2f })));
        Assert.Equal("Cannot feed value of shape (2,) for Tensor 'input:0', which has shape '(1, 2)'", e.Message);
    }

    [Fact]
    public void WrongFeedDtype_IsTypeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.int32, shape: new[] { 2 }, name: "ids");
        using var sess = tf.Session();
        var e = Assert.Throws<TypeError>(() => sess.run(x, (x, new[] { 1.5f, 2f })));
        Assert.Contains("'ids:0'", e.Message);
    }

    [Fact]
    public void TensorFromAnotherGraph_IsRejected()
    {
        using var g1 = tf.Graph();
        using var g2 = tf.Graph();
        Tensor a, b;
        using (g1.as_default()) a = tf.constant(1.0f, name: "a");
        using (g2.as_default()) b = tf.constant(1.0f, name: "b");
        using var sess = tf.Session(graph: g2);
        var e = Assert.Throws<ValueError>(() => sess.run(a));
        Assert.Contains("is not an element of this graph", e.Message);
        var f = Assert.Throws<TypeError>(() => sess.run(b, (a, 1.0f)));
        Assert.StartsWith("Cannot interpret feed_dict key as Tensor", f.Message);
        Assert.Equal(1f, (float)sess.run(b));
    }

    [Fact]
    public void ClosedSession_IsRuntimeError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        var sess = tf.Session();
        sess.close();
        var e = Assert.Throws<RuntimeError>(() => sess.run(a));
        Assert.Equal("Attempted to use a closed Session.", e.Message);
    }

    [Fact]
    public void TwoSessions_KeepSeparateVariableValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(1.0f, name: "v");
        var inc = tf.assign_add(v, 1.0);
        using var s1 = tf.Session();
        using var s2 = tf.Session();
        s1.run(v.initializer);
        s2.run(v.initializer);
        s1.run(inc);
        s1.run(inc);
        Assert.Equal(3f, (float)s1.run(v));
        Assert.Equal(1f, (float)s2.run(v));
    }

    [Fact]
    public void FetchedValues_AreCopies()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(new[] { 1.0f, 2.0f });
        var inc = tf.assign_add(v, new[] { 1.0f, 1.0f });
        using var sess = tf.Session();
        sess.run(v.initializer);
        var before = sess.run(v);
        sess.run(inc);
        Assert.Equal([1f, 2f], before.ToArray<float>());
        Assert.Equal([2f, 3f], sess.run(v).ToArray<float>());
    }

    [Fact]
    public void GpuPinnedOp_WithoutSoftPlacement_IsInvalidArgument()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Tensor r, one = tf.constant(1.0f), two = tf.constant(2.0f);
        using (g.device("/gpu:0")) r = tf.add(one, two, name: "sum");
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(r));
        Assert.StartsWith("Cannot assign a device for operation 'sum': Operation was explicitly assigned to /device:GPU:0", e.Message);
        using var soft = tf.Session(config: tf.ConfigProto(allow_soft_placement: true));
        Assert.Equal(3f, (float)soft.run(r));
    }

    [Fact]
    public void DefaultSession_EvalAndRun()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(2.0f);
        var y = v * 3.0;
        var e = Assert.Throws<ValueError>(() => y.eval());
        Assert.StartsWith("Cannot evaluate tensor using `eval()`: No default session is registered.", e.Message);
        using (var sess = tf.Session())
        {
            v.initializer.run();
            Assert.Equal(6f, (float)y.eval());
            Assert.Same(sess, tf.get_default_session());
        }
        Assert.Null(tf.get_default_session());
    }

    [Fact]
    public void PlanCache_ReusesPlansAcrossFeedOrders()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.placeholder(tf.float32, name: "a");
        var b = tf.placeholder(tf.float32, name: "b");
        var d = a - b;
        using var sess = tf.Session();
        Assert.Equal(1f, (float)sess.run(d, (a, 3f), (b, 2f)));
        Assert.Equal(-1f, (float)sess.run(d, (b, 3f), (a, 2f)));
        Assert.Equal([2f, -1f], sess.run(new[] { a, d }, new FeedDict { [b] = 3f, [a] = 2f }).Select(x => (float)x));
        Assert.Equal([-1f, 2f], sess.run(new[] { d, a }, new FeedDict { [b] = 3f, [a] = 2f }).Select(x => (float)x));
    }
}
