#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>The largest integer not above x, element-wise (floating types).</summary>
    /// <remarks>Mirrors <c>tf.floor</c> (op <c>Floor</c>); no gradient flows through it.</remarks>
    public static Tensor floor(Tensor x, string? name = null) => FloorOp.Instance.Build(x, name);

    /// <summary>The smallest integer not below x, element-wise (floating types).</summary>
    /// <remarks>Mirrors <c>tf.ceil</c> (op <c>Ceil</c>); no gradient flows through it.</remarks>
    public static Tensor ceil(Tensor x, string? name = null) => CeilOp.Instance.Build(x, name);
}
