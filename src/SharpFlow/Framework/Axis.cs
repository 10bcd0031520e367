using System.Collections;
using System.Runtime.CompilerServices;

namespace SharpFlow;

/// <summary>
/// An axis argument as TensorFlow accepts it: one int (<c>axis: 1</c>), several (<c>axis: new[] { 0, 1 }</c>
/// or <c>axis: [0, 1]</c>) or a tensor computed in the graph.
/// </summary>
/// <remarks>C# cannot type a parameter as "int or list or tensor", so this class converts implicitly from each.</remarks>
[CollectionBuilder(typeof(Axis), nameof(Create))]
public sealed class Axis : IEnumerable<int>
{
    readonly int[]? _values;
    readonly bool _scalar;
    readonly Tensor? _tensor;

    Axis(int[] values, bool scalar)
    {
        _values = values;
        _scalar = scalar;
    }

    Axis(Tensor tensor) => _tensor = tensor;

    /// <summary>One axis (a scalar, as a Python int is).</summary>
    public static implicit operator Axis(int axis) => new([axis], scalar: true);

    /// <summary>Several axes (a vector, as a Python list is).</summary>
    public static implicit operator Axis(int[] axes) => new((int[])axes.Clone(), scalar: false);

    /// <summary>Axes computed by the graph.</summary>
    public static implicit operator Axis(Tensor axes) => new(axes);

    /// <summary>Builds an axis list from a collection expression (<c>[0, 1]</c>).</summary>
    public static Axis Create(ReadOnlySpan<int> values) => new(values.ToArray(), scalar: false);

    /// <summary>The axes when given as ints, else null.</summary>
    internal int[]? Values => _values;

    /// <summary>True for a single int axis (not a one-element list).</summary>
    internal bool IsScalar => _scalar;

    /// <summary>The axes as a tensor: the given tensor, or an int32 constant named <paramref name="name"/>.</summary>
    internal Tensor ToTensor(string name) =>
        _tensor ?? (_scalar ? tf.constant(NDArray.Scalar(_values![0]), name: name) : tf.constant(NDArray.FromFlat(_values!, _values!.Length), name: name));

    /// <summary>The axes when given as ints (a tensor axis has none to enumerate).</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_values ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The axes as TensorFlow would print the argument.</summary>
    public override string ToString() => _tensor?.ToString() ?? (_scalar ? _values![0].ToString() : "[" + string.Join(", ", _values!) + "]");
}
