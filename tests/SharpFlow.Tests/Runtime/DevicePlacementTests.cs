namespace SharpFlow.Tests.Runtime;

/// <summary>
/// ConfigProto placement options: the log line format on standard error, soft placement of GPU-pinned ops on the
/// only device (the CPU) and the error without it (issue 2; TF 1.x placer.cc prints "name: (Type): device").
/// </summary>
[Collection("Serial")]
public sealed class DevicePlacementTests
{
    const string Cpu = "/job:localhost/replica:0/task:0/device:CPU:0";

    [Fact]
    public void LogDevicePlacement_PrintsEachOpOnceToStandardError()
    {
        var (stdout, stderr) = ConsoleCapture.Run(() =>
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            var a = tf.constant(new[] { 1.0f, 2.0f }, name: "a");
            var b = tf.constant(new[] { 2.0f, 3.0f }, name: "b");
            var r = a + b;
            using var sess = tf.Session(config: tf.ConfigProto(log_device_placement: true));
            Assert.Equal([3f, 5f], sess.run(r).ToArray<float>());
            Assert.Equal([3f, 5f], sess.run(r).ToArray<float>());
        });
        Assert.Equal("", stdout);
        Assert.Equal([$"a: (Const): {Cpu}", $"add: (Add): {Cpu}", $"b: (Const): {Cpu}"], ConsoleCapture.Lines(stderr).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LogDevicePlacement_Off_PrintsNothing()
    {
        var (stdout, stderr) = ConsoleCapture.Run(() =>
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            using var sess = tf.Session();
            sess.run(tf.constant(1.0f) + 1.0);
        });
        Assert.Equal("", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void SoftPlacement_GpuPinnedOps_RunOnTheCpuAndLogIt()
    {
        NDArray? value = null;
        var (_, stderr) = ConsoleCapture.Run(() =>
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            Tensor r;
            using (g.device("/gpu:0"))
            {
                r = tf.constant(new[] { 1.0f, 2.0f }) + tf.constant(new[] { 2.0f, 3.0f });
                Assert.Equal("/device:GPU:0", r.device);
            }
            var config = tf.ConfigProto(allow_soft_placement: true, log_device_placement: true);
            using var sess = tf.Session(graph: g, config: config);
            value = sess.run(r);
        });
        Assert.Equal("[3. 5.]", value!.ToString());
        Assert.Contains($"add: (Add): {Cpu}", ConsoleCapture.Lines(stderr));
        Assert.Contains($"Const_1: (Const): {Cpu}", ConsoleCapture.Lines(stderr));
    }

    [Fact]
    public void HardPlacement_GpuPinnedOp_FailsWithInvalidArgument_AndOtherRunsStillWork()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var one = tf.constant(1.0f, name: "one");
        Tensor pinned;
        using (tf.device("/device:GPU:0")) pinned = tf.add(one, one, name: "sum");
        var free = one * 5.0;
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(pinned));
        Assert.Equal(
            $"Cannot assign a device for operation 'sum': Operation was explicitly assigned to /device:GPU:0 but available devices are [ {Cpu} ]. Make sure the device specification refers to a valid device.",
            e.Message);
        Assert.Equal(5f, (float)sess.run(free));
        Assert.Throws<InvalidArgumentError>(() => sess.run(pinned));
    }

    [Fact]
    public void CpuPinnedOps_RunWithoutSoftPlacement()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Tensor r;
        using (g.device("/cpu:0")) r = tf.constant(2.0f) * 3.0;
        using (g.device("/job:localhost/replica:0/task:0/device:CPU:0")) r = r + 1.0;
        Assert.Equal("/job:localhost/replica:0/task:0/device:CPU:0", r.device);
        using var sess = tf.Session();
        Assert.Equal(7f, (float)sess.run(r));
    }

    [Fact]
    public void DeviceScopes_NestAndRestore()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Tensor inner, outer, after;
        using (g.device("/gpu:1"))
        {
            using (g.device("/cpu:0")) inner = tf.constant(1.0f);
            outer = tf.constant(1.0f);
        }
        after = tf.constant(1.0f);
        Assert.Equal("/device:CPU:0", inner.device);
        Assert.Equal("/device:GPU:1", outer.device);
        Assert.Equal("", after.device);
        Assert.Equal("/device:GPU:1", outer.op.device);
    }
}
