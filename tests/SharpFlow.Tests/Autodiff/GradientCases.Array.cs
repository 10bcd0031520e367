namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    /// <summary>Gradient cases of the array ops (shapes, joining, slicing, gathering, reductions, scans).</summary>
    public static IEnumerable<GradientCase> Array() =>
    [
        new("Reshape", [Seq(2, 3)], x => tf.reshape(x[0], new[] { 3, 2 })),
        new("ExpandDims", [Seq(2, 3)], x => tf.expand_dims(x[0], 1)),
        new("Squeeze", [Seq(2, 1, 3)], x => tf.squeeze(x[0])),
        new("Transpose", [Seq(2, 3, 4)], x => tf.transpose(x[0], new[] { 2, 0, 1 })),
        new("ConcatV2", [Seq(2, 3), Seq(2, 2)], x => tf.concat([x[0], x[1]], 1)),
        new("Pack", [Seq(2), Seq(2)], x => tf.stack([x[0], x[1]], axis: 1)),
        new("Unpack", [Seq(3, 2)], x => tf.unstack(x[0], axis: 1)[1], "one output used"),
        new("Tile", [Seq(2, 3)], x => tf.tile(x[0], new[] { 2, 3 })),
        new("Slice", [Seq(3, 4)], x => tf.slice(x[0], new[] { 1, 1 }, new[] { 2, -1 })),
        new("Pad", [Seq(2, 3)], x => tf.pad(x[0], new[,] { { 1, 0 }, { 2, 1 } })),
        new("GatherV2", [Seq(4, 3)], x => tf.gather(x[0], new[] { 2, 0, 2 }), "axis 0, repeated index"),
        new("GatherV2", [Seq(2, 4, 3)], x => tf.gather(x[0], (NDArray)new[,] { { 3, 1 }, { 1, 0 } }, axis: 1), "axis 1"),
        new("UnsortedSegmentSum", [Seq(4, 3)],
            x => SharpFlow.Ops.UnsortedSegmentSumOp.Build(x[0], tf.constant(new[] { 0, 2, 0, 1 }), tf.constant(3), null)),
        new("Fill", [(NDArray)0.7], x => tf.fill(new[] { 2, 3 }, x[0])),
        new("Sum", [Seq(2, 3, 4)], x => tf.reduce_sum(x[0], new[] { 0, 2 })),
        new("Sum", [Seq(2, 3)], x => tf.reduce_sum(x[0]), "all axes"),
        new("Sum", [Seq(2, 3)], x => tf.reduce_sum(x[0], 1, keepdims: true), "keepdims"),
        new("Mean", [Seq(2, 3, 4)], x => tf.reduce_mean(x[0], -1)),
        new("Mean", [Seq(3, 2)], x => tf.reduce_mean(x[0]), "all axes"),
        new("Max", [Seq(3, 4)], x => tf.reduce_max(x[0], 1)),
        new("Min", [Seq(3, 4)], x => tf.reduce_min(x[0], 0)),
        new("Prod", [Seq(2, 3)], x => tf.reduce_prod(x[0], 1)),
        new("Prod", [Seq(2, 3, 2)], x => tf.reduce_prod(x[0], new[] { 0, 2 }), "two axes"),
        new("Cumsum", [Seq(2, 3)], x => tf.cumsum(x[0], 1, exclusive: true, reverse: true)),
        new("Cumprod", [Seq(2, 3)], x => tf.cumprod(x[0], 1)),
    ];

    /// <summary>Distinct float64 values in [0.5, 2) (no ties, no zeros), shaped as given.</summary>
    internal static NDArray Seq(params int[] shape)
    {
        int n = 1;
        foreach (var d in shape) n *= d;
        var data = new double[n];
        for (int i = 0; i < n; i++) data[i] = 0.5 + (i * 7 % n + 0.37 * i / n) * 1.5 / n;
        return NDArray.FromFlat(data, shape);
    }
}
