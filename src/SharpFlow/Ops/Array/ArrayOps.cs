namespace SharpFlow.Ops;

/// <summary>The array area of the op catalog: shapes, slicing, joining, reductions.</summary>
internal static class ArrayOps
{
    public static readonly OpDef[] All =
    [
    ];
}
