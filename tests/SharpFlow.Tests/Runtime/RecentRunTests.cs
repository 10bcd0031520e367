namespace SharpFlow.Tests.Runtime;

/// <summary>
/// Session.run's repeated-call path (<see cref="RecentRun"/>) behaves exactly like the full path:
/// fresh feed values, conversions, feed errors and independent fetched copies on every call.
/// </summary>
public sealed class RecentRunTests
{
    [Fact]
    public void Run_SameFeedDictWithNewValue_UsesTheNewValue()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: new[] { 2 }, name: "x");
        var y = x * 2.0;
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = new[] { 1f, 2f } };
        Assert.Equal([2f, 4f], sess.run(y, feed_dict: feed).ToArray<float>());
        Assert.Equal([2f, 4f], sess.run(y, feed_dict: feed).ToArray<float>());
        feed[x] = new[] { 5f, 6f };
        Assert.Equal([10f, 12f], sess.run(y, feed_dict: feed).ToArray<float>());
        Assert.Equal([14f, 16f], sess.run(y, (x, new[] { 7f, 8f })).ToArray<float>());
    }

    [Fact]
    public void Run_RepeatedCallWithOtherDType_StillConverts()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: new[] { 2 }, name: "x");
        var y = x + 1.0;
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = new[] { 1f, 2f } };
        sess.run(y, feed_dict: feed);
        feed[x] = new[] { 3.0, 4.0 };   // float64, converted as numpy.asarray(value, float32) does
        var r = sess.run(y, feed_dict: feed);
        Assert.Equal(tf.float32, r.dtype);
        Assert.Equal([4f, 5f], r.ToArray<float>());
        feed[x] = new[] { 0f, 1f };
        Assert.Equal([1f, 2f], sess.run(y, feed_dict: feed).ToArray<float>());
    }

    [Fact]
    public void Run_RepeatedCallWithBadFeed_ThrowsTheFullPathsErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        var y = x * 3.0;
        using var sess = tf.Session();
        var feed = new FeedDict { [x] = new[,] { { 1f, 2f } } };
        sess.run(y, feed_dict: feed);
        sess.run(y, feed_dict: feed);

        feed[x] = new[] { 1f, 2f };
        var e = Assert.Throws<ValueError>(() => sess.run(y, feed_dict: feed));
        Assert.Equal("Cannot feed value of shape (2,) for Tensor 'input:0', which has shape '(1, 2)'", e.Message);

        feed[x] = null!;
        Assert.Throws<TypeError>(() => sess.run(y, feed_dict: feed));

        feed[x] = new[,] { { 2f, 4f } };
        Assert.Equal([6f, 12f], sess.run(y, feed_dict: feed).ToArray<float>());
    }

    [Fact]
    public void Run_RepeatedFetch_ReturnsIndependentCopies()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.constant(new[] { 1f, 2f }));
        var inc = tf.assign_add(v, tf.constant(new[] { 1f, 1f }));
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var first = sess.run(v);
        var second = sess.run(v);
        Assert.NotSame(first, second);
        sess.run(inc.op);
        sess.run(inc.op);
        Assert.Equal([1f, 2f], first.ToArray<float>());
        Assert.Equal([3f, 4f], sess.run(v).ToArray<float>());
        NDArray[] pair = sess.run(new[] { v, v });
        Assert.Equal([3f, 4f], pair[1].ToArray<float>());
        var (none, value) = sess.run((inc.op, v));
        Assert.Null(none);
        Assert.Equal([4f, 5f], value!.ToArray<float>());
    }

    [Fact]
    public void Run_AlternatingCallShapes_EachGetsItsPlan()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: new[] { 1 }, name: "x");
        var a = x + 1.0;
        var b = x * 10.0;
        using var sess = tf.Session();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1f, (float)sess.run(a, (x, new[] { (float)i }))[0]);
            Assert.Equal(10f * i, (float)sess.run(b, (x, new[] { (float)i }))[0]);
            var both = sess.run((a, b), feed_dict: new() { [x] = new[] { (float)i } });
            Assert.Equal(10f * i, (float)both.Item2![0]);
        }
    }

    [Fact]
    public void Run_AfterClose_Throws()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        var sess = tf.Session();
        sess.run(a);
        sess.run(a);
        sess.close();
        Assert.Throws<RuntimeError>(() => sess.run(a));
    }

    [Fact]
    public void Run_AlternatingFeedShapes_GiveEachItsOwnValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: new[] { -1 }, name: "x");
        var y = tf.nn.relu(x * 2.0f) + 1.0f;
        using var sess = tf.Session();
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal([3f, 1f], sess.run(y, (x, new[] { 1f, -1f })).ToArray<float>());
            Assert.Equal([1f, 5f, 7f], sess.run(y, (x, new[] { -4f, 2f, 3f })).ToArray<float>());
            Assert.Equal([9f], sess.run(y, (x, new[] { 4f })).ToArray<float>());
        }
    }

    [Fact]
    public void Run_ManyFeedShapes_KeepsAFewPlansPerCall()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: new[] { -1 }, name: "x");
        var y = tf.reduce_sum(x * 2.0f);
        using var sess = tf.Session();
        for (int n = 1; n <= 40; n++)
            Assert.Equal(n * (n + 1f), sess.run(y, (x, Enumerable.Range(1, n).Select(i => (float)i).ToArray())).ToArray<float>()[0]);
        Assert.InRange(sess.PlanCount, 1, 8);
    }
}
