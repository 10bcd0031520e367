using System.Collections;

namespace SharpFlow;

/// <summary>One dimension of a <see cref="TensorShape"/>, possibly unknown.</summary>
/// <remarks>Mirrors <c>tf.Dimension</c>.</remarks>
public readonly struct Dimension : IEquatable<Dimension>
{
    readonly int _value;   // -1 = unknown

    /// <summary>Creates a dimension; a negative size means unknown.</summary>
    public Dimension(int? value) => _value = value is int v && v >= 0 ? v : -1;

    /// <summary>The size, or null when unknown.</summary>
    public int? value => _value < 0 ? null : _value;

    internal int Raw => _value;

    /// <inheritdoc/>
    public bool Equals(Dimension other) => _value == other._value;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dimension d && Equals(d);
    /// <inheritdoc/>
    public override int GetHashCode() => _value;
    /// <summary>Compares two dimensions by size.</summary>
    public static bool operator ==(Dimension a, Dimension b) => a.Equals(b);
    /// <summary>Compares two dimensions by size.</summary>
    public static bool operator !=(Dimension a, Dimension b) => !a.Equals(b);
    /// <summary>The size as an int (throws when unknown).</summary>
    public static explicit operator int(Dimension d) => d.value ?? throw new ValueError("Cannot convert an unknown Dimension to an int.");

    /// <summary>Prints the size, or <c>?</c> when unknown.</summary>
    public override string ToString() => _value < 0 ? "?" : _value.ToString();

    /// <summary>Python's <c>repr</c>: <c>Dimension(3)</c>.</summary>
    internal string Repr => _value < 0 ? "Dimension(None)" : $"Dimension({_value})";
}

/// <summary>Static shape of a tensor: known or unknown rank, dimensions known or unknown.</summary>
/// <remarks>Mirrors <c>tf.TensorShape</c>; prints as TensorFlow does: <c>(2, 3)</c>, <c>(?, 2)</c>, <c>()</c>, <c>&lt;unknown&gt;</c>.</remarks>
public sealed class TensorShape : IEquatable<TensorShape>, IEnumerable<Dimension>
{
    readonly int[]? _dims;   // null = unknown rank; -1 = unknown dimension

    /// <summary>Creates a shape from sizes, -1 marking an unknown dimension.</summary>
    public TensorShape(params int[] dims) => _dims = dims.Select(d => d < 0 ? -1 : d).ToArray();

    TensorShape(int[]? dims, bool _) => _dims = dims;

    /// <summary>A shape of unknown rank.</summary>
    public static readonly TensorShape Unknown = new(null, true);

    /// <summary>The scalar shape <c>()</c>.</summary>
    public static readonly TensorShape Scalar = new(Array.Empty<int>());

    /// <summary>A shape of known rank whose dimensions are all unknown.</summary>
    public static TensorShape UnknownOfRank(int rank) => new(Enumerable.Repeat(-1, rank).ToArray());

    internal static TensorShape FromDims(int[]? dims) => dims is null ? Unknown : new TensorShape(dims);

    /// <summary>Rank, or null when unknown.</summary>
    public int? ndims => _dims?.Length;

    /// <summary>Rank, or null when unknown (TensorFlow spells both).</summary>
    public int? rank => ndims;

    /// <summary>Dimension <paramref name="i"/> (negative counts from the end).</summary>
    public Dimension this[int i]
    {
        get
        {
            if (_dims is null) return new Dimension(null);
            if (i < 0) i += _dims.Length;
            if (i < 0 || i >= _dims.Length) throw new ValueError($"Index {i} out of range for shape {this}.");
            return new Dimension(_dims[i]);
        }
    }

    /// <summary>The dimensions (throws for unknown rank).</summary>
    public Dimension[] dims => (_dims ?? throw new ValueError("as_list() is not defined on an unknown TensorShape.")).Select(d => new Dimension(d)).ToArray();

    /// <summary>Sizes as a list, null for unknown dimensions.</summary>
    public int?[] as_list() => dims.Select(d => d.value).ToArray();

    /// <summary>True when rank and every dimension are known.</summary>
    public bool is_fully_defined() => _dims is not null && _dims.All(d => d >= 0);

    /// <summary>Number of elements, or null when not fully defined.</summary>
    public int? num_elements() => is_fully_defined() ? _dims!.Aggregate(1, (a, b) => a * b) : null;

    /// <summary>Raw sizes (-1 unknown), or null for unknown rank.</summary>
    internal int[]? Dims => _dims;

    internal bool IsUnknownRank => _dims is null;

    /// <summary>Whether the two shapes could describe the same tensor.</summary>
    public bool is_compatible_with(TensorShape other)
    {
        if (_dims is null || other._dims is null) return true;
        if (_dims.Length != other._dims.Length) return false;
        for (int i = 0; i < _dims.Length; i++)
            if (_dims[i] >= 0 && other._dims[i] >= 0 && _dims[i] != other._dims[i]) return false;
        return true;
    }

    /// <summary>The most specific shape compatible with both (throws <see cref="ValueError"/> if incompatible).</summary>
    public TensorShape merge_with(TensorShape other)
    {
        if (_dims is null) return other;
        if (other._dims is null) return this;
        if (!is_compatible_with(other))
            throw new ValueError($"Shapes {this} and {other} are not compatible");
        return new TensorShape(_dims.Zip(other._dims, (a, b) => a >= 0 ? a : b).ToArray());
    }

    /// <summary>True when <paramref name="shape"/>'s sizes fit this shape.</summary>
    internal bool Accepts(int[] shape)
    {
        if (_dims is null) return true;
        if (_dims.Length != shape.Length) return false;
        for (int i = 0; i < shape.Length; i++)
            if (_dims[i] >= 0 && _dims[i] != shape[i]) return false;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(TensorShape? other)
    {
        if (other is null) return false;
        if (_dims is null || other._dims is null) return _dims is null && other._dims is null;
        return _dims.AsSpan().SequenceEqual(other._dims);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TensorShape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() => _dims is null ? -7 : _dims.Aggregate(17, (h, d) => h * 31 + d);

    /// <summary>TensorFlow's <c>str()</c>: <c>(2, 3)</c>, <c>(?,)</c>, <c>&lt;unknown&gt;</c>.</summary>
    public override string ToString()
    {
        if (_dims is null) return "<unknown>";
        if (_dims.Length == 1) return $"({Dim(_dims[0])},)";
        return "(" + string.Join(", ", _dims.Select(Dim)) + ")";
    }

    /// <summary>TensorFlow's C++ form used in error messages: <c>[1,2]</c>, <c>[?,2]</c>, <c>?</c>.</summary>
    internal string CppString => _dims is null ? "?" : "[" + string.Join(",", _dims.Select(Dim)) + "]";

    /// <summary>Python's <c>repr</c>: <c>TensorShape([Dimension(2), Dimension(3)])</c>.</summary>
    internal string Repr => _dims is null ? "TensorShape(None)" : "TensorShape([" + string.Join(", ", _dims.Select(d => new Dimension(d).Repr)) + "])";

    static string Dim(int d) => d < 0 ? "?" : d.ToString();

    /// <inheritdoc/>
    public IEnumerator<Dimension> GetEnumerator() => ((IEnumerable<Dimension>)dims).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Shapes from int arrays (-1 = unknown).</summary>
    public static implicit operator TensorShape(int[] dims) => new(dims);
    /// <summary>A rank-1 shape.</summary>
    public static implicit operator TensorShape(int d0) => new(d0);
    /// <summary>A rank-2 shape.</summary>
    public static implicit operator TensorShape((int, int) t) => new(t.Item1, t.Item2);
    /// <summary>A rank-3 shape.</summary>
    public static implicit operator TensorShape((int, int, int) t) => new(t.Item1, t.Item2, t.Item3);
    /// <summary>A rank-4 shape.</summary>
    public static implicit operator TensorShape((int, int, int, int) t) => new(t.Item1, t.Item2, t.Item3, t.Item4);
}
