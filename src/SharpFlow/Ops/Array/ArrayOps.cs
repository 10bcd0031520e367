namespace SharpFlow.Ops;

/// <summary>The array area of the op catalog: shapes, slicing, joining, reductions.</summary>
internal static class ArrayOps
{
    public static readonly OpDef[] All =
    [
        ReshapeOp.Instance, ExpandDimsOp.Instance, SqueezeOp.Instance, TransposeOp.Instance, InvertPermutationOp.Instance,
        ConcatV2Op.Instance, ConcatOffsetOp.Instance, PackOp.Instance, UnpackOp.Instance, TileOp.Instance,
        SliceOp.Instance, PadOp.Instance, GatherV2Op.Instance, UnsortedSegmentSumOp.Instance, OneHotOp.Instance,
        ShapeOp.Instance, SizeOp.Instance, RankOp.Instance, BroadcastGradientArgsOp.Instance,
        RangeOp.Instance, LinSpaceOp.Instance, FillOp.Instance, FilledLikeOp.Zeros, FilledLikeOp.Ones,
        SumOp.Instance, MeanOp.Instance, MaxOp.Instance, MinOp.Instance, ProdOp.Instance,
        ArgExtremeOp.ArgMax, ArgExtremeOp.ArgMin, CumulativeOp.Cumsum, CumulativeOp.Cumprod,
    ];
}
