namespace SharpFlow;

/// <summary>Element type of a tensor.</summary>
/// <remarks>Mirrors <c>tf.DType</c>; <see cref="ToString"/> gives TensorFlow's name (<c>float32</c>).</remarks>
public sealed class DType
{
    /// <summary>TensorFlow's Python-side name (<c>float32</c>).</summary>
    public string name { get; }

    /// <summary>Name used by TensorFlow's C++ messages (<c>float</c>, <c>double</c>).</summary>
    internal string CppName { get; }

    /// <summary>Size of one element in bytes.</summary>
    public int size { get; }

    /// <summary>The CLR element type that stores values of this dtype.</summary>
    internal Type ClrType { get; }

    internal int Code { get; }

    DType(string name, string cppName, int size, Type clr, int code)
    {
        this.name = name;
        CppName = cppName;
        this.size = size;
        ClrType = clr;
        Code = code;
    }

    public static readonly DType Float32 = new("float32", "float", 4, typeof(float), 1);
    public static readonly DType Float64 = new("float64", "double", 8, typeof(double), 2);
    public static readonly DType Int32 = new("int32", "int32", 4, typeof(int), 3);
    public static readonly DType Int64 = new("int64", "int64", 8, typeof(long), 9);
    public static readonly DType Bool = new("bool", "bool", 1, typeof(bool), 10);

    internal static readonly DType[] All = [Float32, Float64, Int32, Int64, Bool];

    /// <summary>True for float32 and float64.</summary>
    public bool is_floating => this == Float32 || this == Float64;

    /// <summary>True for int32 and int64.</summary>
    public bool is_integer => this == Int32 || this == Int64;

    /// <summary>True for bool.</summary>
    public bool is_bool => this == Bool;

    /// <summary>The dtype stored as <typeparamref name="T"/>.</summary>
    internal static DType Of<T>() => FromClr(typeof(T));

    internal static DType FromClr(Type t) =>
        t == typeof(float) ? Float32 :
        t == typeof(double) ? Float64 :
        t == typeof(int) ? Int32 :
        t == typeof(long) ? Int64 :
        t == typeof(bool) ? Bool :
        throw new TypeError($"Unsupported element type {t.Name}.");

    /// <summary>Python's <c>repr</c> form, <c>&lt;dtype: 'float32'&gt;</c>.</summary>
    internal string Repr => $"<dtype: '{name}'>";

    /// <inheritdoc/>
    public override string ToString() => name;
}
