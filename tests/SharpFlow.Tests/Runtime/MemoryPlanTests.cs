namespace SharpFlow.Tests.Runtime;

/// <summary>
/// Issue 6: after a plan's first run, steps whose values are never alive at the same time share
/// buffers; a run that leaves the recorded pattern stops the sharing before it can clobber a value.
/// </summary>
public sealed class MemoryPlanTests
{
    static readonly float[] X = [0.5f, -1f, 2f, -0.25f, 1.5f, 3f];

    static NDArray Feed() => np.array(X).reshape(2, 3);

    [Fact]
    public void ChainOfSums_SharesTwoBuffers_AndKeepsItsValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (256, 256));
        var a = x + x;
        for (int i = 1; i < 8; i++) a = a + a;   // each sum is read twice, so none is overwritten in place
        using var sess = tf.Session();
        var plan = ExecutionPlan.Build([x], [a], [], sess.State);
        var values = Enumerable.Range(0, 256 * 256).Select(i => (float)(i % 7) - 3f).ToArray();
        var feed = np.array(values).reshape(256, 256);
        for (int run = 0; run < 3; run++)
        {
            var got = plan.Run([feed])[0].ToArray<float>();
            Assert.Equal(values.Select(v => v * 256f).ToArray(), got);   // 8 doublings, exact in float
            // Eight 256 KiB sums, planned at the end of the first run into two buffers.
            Assert.Equal(2L * 256 * 256 * sizeof(float), plan.BufferBytes());
        }
    }

    /// <summary>y = where(c, 2x, 3x) + 5x, with 5x made after the select, in the default graph.</summary>
    static (Tensor x, Tensor c, Tensor y) SelectGraph(Tensor c)
    {
        var x = tf.placeholder(tf.float32, shape: (2, 3));
        var s = tf.where(c, x * 2.0f, x * 3.0f);
        var u = x * 5.0f;
        return (x, c, s + u);
    }

    [Fact]
    public void SelectPassingTheOtherInput_StillSeesItsValue()
    {
        // Recorded with cond = true (the select passes t on), run again with cond = false (e):
        // e must outlive the select in both cases, or u, made later, could take e's buffer.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var (x, c, y) = SelectGraph(tf.placeholder(tf.@bool, shape: new int[0]));
        using var sess = tf.Session();
        foreach (var cond in new[] { true, false, true, false })
        {
            var got = sess.run(y, feed_dict: new() { [x] = Feed(), [c] = np.array(cond) });
            Assert.Equal(X.Select(v => (cond ? 2 * v : 3 * v) + 5 * v).ToArray(), got.ToArray<float>());
        }
    }

    [Fact]
    public void RunLeavingTheRecordedPattern_StopsSharing()
    {
        // A scalar condition passes an input on; a vector one makes a buffer: the second run differs.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var (x, c, y) = SelectGraph(tf.placeholder(tf.@bool));
        using var sess = tf.Session();
        var plan = ExecutionPlan.Build([c, x], [y], [], sess.State);
        Assert.Equal(X.Select(v => 7 * v).ToArray(), plan.Run([np.array(true), Feed()])[0].ToArray<float>());
        Assert.True(plan.SharingInForce);
        var rows = np.array(new[] { false, true });
        var got = plan.Run([rows, Feed()])[0].ToArray<float>();
        Assert.False(plan.SharingInForce);
        Assert.Equal(X.Select((v, i) => (i < 3 ? 3 * v : 2 * v) + 5 * v).ToArray(), got);
    }
}
