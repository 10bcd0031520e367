using static SharpFlow.Tests.Ops.Arrays.ArrayAssert;

namespace SharpFlow.Tests.Ops.Arrays;

public sealed class ReshapeTests
{
    [Fact]
    public void Reshape_MinusOne_InfersDimensionAndKeepsValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(IotaF(2, 3));
        var y = tf.reshape(x, new[] { -1, 2 });
        Assert.Equal("(3, 2)", y.get_shape().ToString());
        Assert.Equal("Reshape", y.op.type);
        Assert.Equal("Reshape:0", y.name);
        Assert.Equal("Reshape/shape", y.op.inputs[1].op.name);
        using var sess = tf.Session();
        Exact(sess.run(y), [3, 2], new float[] { 0, 1, 2, 3, 4, 5 });
    }

    // Message text: TensorFlow 1.x's shape-function error, as quoted in TF issues and the docs of tf.reshape.
    [Fact]
    public void Reshape_WrongElementCount_ThrowsTensorFlowValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 3 });
        var e = Assert.Throws<ValueError>(() => tf.reshape(x, new[] { 4 }));
        Assert.Equal("Cannot reshape a tensor with 6 elements to shape [4] (4 elements) for 'Reshape' (op: 'Reshape') with input shapes: [2,3], [1] and with input tensors computed as partial shapes: input[1] = [4].", e.Message);
    }

    [Fact]
    public void Reshape_NotDivisible_ThrowsEvenlyDivisibleError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 3 });
        var e = Assert.Throws<ValueError>(() => tf.reshape(x, new[] { -1, 4 }));
        Assert.Equal("Dimension size must be evenly divisible by 4 but is 6 for 'Reshape' (op: 'Reshape') with input shapes: [2,3], [2] and with input tensors computed as partial shapes: input[1] = [?,4].", e.Message);
    }

    [Fact]
    public void Reshape_ToShapeOfTensorWithUnknownBatch_InfersPartialShape()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 6));
        var y = tf.placeholder(tf.float32, shape: (-1, 2, 3));
        var r = tf.reshape(x, tf.shape(y));
        Assert.Equal("Shape", tf.shape(y).op.type);
        Assert.Equal("(?, 2, 3)", r.get_shape().ToString());
        var known = tf.reshape(tf.zeros(new[] { 6 }), tf.shape(tf.zeros(new[] { 2, 3 })));
        Assert.Equal("(2, 3)", known.get_shape().ToString());
        Assert.Equal("(?, 3)", tf.reshape(x, tf.stack([tf.gather(tf.shape(x), 0), 3])).get_shape().ToString());
    }

    [Fact]
    public void Reshape_PartlyKnownInputNotDivisible_ThrowsAtBuildTime()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 3));
        var e = Assert.Throws<ValueError>(() => tf.reshape(x, new[] { 4 }));
        Assert.Equal("Dimension size must be evenly divisible by 3 but is 4 for 'Reshape' (op: 'Reshape') with input shapes: [?,3], [1] and with input tensors computed as partial shapes: input[1] = [4].", e.Message);
    }

    [Fact]
    public void Reshape_UnknownInputAndOneUnknownOutput_CopiesTheUnknownDim()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2, 3));
        Assert.Equal("(?, 6)", tf.reshape(x, new[] { -1, 6 }).get_shape().ToString());
        Assert.Equal("(?, 2)", tf.reshape(x, new[] { -1, 2 }).get_shape().ToString());
    }

    [Fact]
    public void Reshape_RunTimeMismatch_ThrowsInvalidArgumentError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32);
        var y = tf.reshape(x, new[] { 4 });
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, (x, new float[2, 3])));
        Assert.Equal("Input to reshape is a tensor with 6 values, but the requested shape has 4", e.Message);
        var z = tf.reshape(x, new[] { -1, 4 });
        e = Assert.Throws<InvalidArgumentError>(() => sess.run(z, (x, new float[2, 3])));
        Assert.Equal("Input to reshape is a tensor with 6 values, but the requested shape requires a multiple of 4", e.Message);
        var w = tf.reshape(x, new[] { -1, -1 });
        e = Assert.Throws<InvalidArgumentError>(() => sess.run(w, (x, new float[2, 3])));
        Assert.Equal("Only one input size may be -1, not both 0 and 1", e.Message);
    }

    [Fact]
    public void Reshape_BoolAndInt64_Supported()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using var sess = tf.Session();
        Exact(sess.run(tf.reshape(tf.constant(new[] { true, false, true, true }), new[] { 2, 2 })), [2, 2], new[] { true, false, true, true });
        Exact(sess.run(tf.reshape(tf.constant(new long[] { 1, 2, 3 }), new[] { 3, 1 })), [3, 1], new long[] { 1, 2, 3 });
    }

    [Fact]
    public void ExpandDims_InsertsAxis_NegativeCountsFromEnd()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(IotaF(2, 3));
        Assert.Equal("(1, 2, 3)", tf.expand_dims(x, 0).get_shape().ToString());
        Assert.Equal("(2, 3, 1)", tf.expand_dims(x, -1).get_shape().ToString());
        var e = tf.expand_dims(x, 1);
        Assert.Equal("ExpandDims_2", e.op.name);
        Assert.Equal("ExpandDims_2/dim", e.op.inputs[1].op.name);
        using var sess = tf.Session();
        Exact(sess.run(e), [2, 1, 3], new float[] { 0, 1, 2, 3, 4, 5 });
    }

    [Fact]
    public void ExpandDims_AxisOutOfRange_ThrowsTensorFlowValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 2, 3 });
        var err = Assert.Throws<ValueError>(() => tf.expand_dims(x, 4));
        Assert.Equal("dim 4 not in the interval [-3, 2]. for 'ExpandDims' (op: 'ExpandDims') with input shapes: [2,3], [] and with computed input tensors: input[1] = <4>.", err.Message);
    }

    [Fact]
    public void Squeeze_RemovesOnes_AllOrListed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(IotaF(1, 2, 1, 3, 1));
        Assert.Equal("(2, 3)", tf.squeeze(x).get_shape().ToString());
        Assert.Equal("(2, 1, 3, 1)", tf.squeeze(x, 0).get_shape().ToString());
        Assert.Equal("(1, 2, 3)", tf.squeeze(x, new[] { 2, -1 }).get_shape().ToString());
        Assert.Equal("(2, 3)", tf.squeeze(tf.placeholder(tf.float32, shape: (-1, 2, 3)), squeeze_dims: new[] { 0 }).get_shape().ToString());
        Assert.Equal("<unknown>", tf.squeeze(tf.placeholder(tf.float32, shape: (-1, 2))).get_shape().ToString());
        using var sess = tf.Session();
        Exact(sess.run(tf.squeeze(x)), [2, 3], new float[] { 0, 1, 2, 3, 4, 5 });
    }

    [Fact]
    public void Squeeze_NonOneDim_ThrowsTensorFlowValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.zeros(new[] { 1, 2, 1 });
        var err = Assert.Throws<ValueError>(() => tf.squeeze(x, 1));
        Assert.Equal("Can not squeeze dim[1], expected a dimension of 1, got 2 for 'Squeeze' (op: 'Squeeze') with input shapes: [1,2,1].", err.Message);
        err = Assert.Throws<ValueError>(() => tf.squeeze(x, 3));
        Assert.Equal("squeeze_dims[0] not in [-3,3). for 'Squeeze_1' (op: 'Squeeze') with input shapes: [1,2,1].", err.Message);
    }

    [Fact]
    public void Squeeze_RunTimeNonOneDim_ThrowsInvalidArgument()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 2));
        var y = tf.squeeze(x, 0);
        using var sess = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(y, (x, new float[3, 2])));
        Assert.Equal("Can not squeeze dim[0], expected a dimension of 1, got 3", e.Message);
    }
}
