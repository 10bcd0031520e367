using System.Runtime.InteropServices;

namespace SharpFlow;

/// <summary>A dense host array: the values a session returns and the values it is fed.</summary>
/// <remarks>Mirrors the parts of <c>numpy.ndarray</c> the document uses; prints as NumPy does.</remarks>
public sealed partial class NDArray
{
    readonly Array _data;   // flat, row-major: float[], double[], int[], long[] or bool[]

    /// <summary>Element type.</summary>
    public DType dtype { get; }

    /// <summary>Sizes of each dimension (empty for a scalar).</summary>
    public int[] shape { get; }

    /// <summary>Number of elements.</summary>
    public int size => _data.Length;

    /// <summary>Number of dimensions.</summary>
    public int ndim => shape.Length;

    internal Array Data => _data;

    /// <summary>Wraps a flat array as an array of the given shape (no copy).</summary>
    internal NDArray(Array data, int[] shape)
    {
        _data = data;
        dtype = DType.FromClr(data.GetType().GetElementType()!);
        this.shape = shape;
        if (ShapeSize(shape) != data.Length)
            throw new ValueError($"cannot reshape array of size {data.Length} into shape {FormatShape(shape)}");
    }

    /// <summary>A zero-filled array.</summary>
    internal static NDArray Zeros(DType dtype, int[] shape) => new(Array.CreateInstance(dtype.ClrType, ShapeSize(shape)), shape);

    /// <summary>Wraps a flat typed array (no copy).</summary>
    internal static NDArray FromFlat<T>(T[] data, params int[] shape) where T : unmanaged => new(data, shape);

    internal static int ShapeSize(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return checked((int)n);
    }

    internal static string FormatShape(int[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    /// <summary>The flat elements as a span (no copy).</summary>
    internal Span<T> AsSpan<T>() where T : unmanaged => (T[])_data;

    /// <summary>A copy of the flat elements, converted to <typeparamref name="T"/>.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (_data is T[] same) return (T[])same.Clone();
        return astype(DType.Of<T>()).AsSpan<T>().ToArray();
    }

    /// <summary>A deep copy.</summary>
    public NDArray copy() => new((Array)_data.Clone(), (int[])shape.Clone());

    /// <summary>The same data viewed with another shape; one dimension may be -1.</summary>
    public NDArray reshape(params int[] newShape)
    {
        var dims = (int[])newShape.Clone();
        int unknown = Array.IndexOf(dims, -1);
        if (unknown >= 0)
        {
            int known = 1;
            for (int i = 0; i < dims.Length; i++) if (i != unknown) known *= dims[i];
            if (known == 0 || size % known != 0)
                throw new ValueError($"cannot reshape array of size {size} into shape {FormatShape(newShape).Replace("-1", "newaxis")}");
            dims[unknown] = size / known;
        }
        if (ShapeSize(dims) != size)
            throw new ValueError($"cannot reshape array of size {size} into shape {FormatShape(newShape)}");
        return new NDArray(_data, dims);
    }

    /// <summary>The elements as a flat vector.</summary>
    public NDArray ravel() => new(_data, [size]);

    /// <summary>Elements converted to another dtype (NumPy's casting: float → int truncates).</summary>
    public NDArray astype(DType target)
    {
        if (target == dtype) return copy();
        var result = Array.CreateInstance(target.ClrType, size);
        for (int i = 0; i < size; i++) result.SetValue(Convert(_data.GetValue(i)!, target), i);
        return new NDArray(result, (int[])shape.Clone());
    }

    static object Convert(object v, DType target)
    {
        double d = v switch { bool b => b ? 1 : 0, float f => f, double x => x, int n => n, long l => l, _ => 0 };
        if (target == DType.Float32) return (float)d;
        if (target == DType.Float64) return d;
        if (target == DType.Bool) return d != 0;
        if (target == DType.Int64) return v is long l2 ? l2 : (long)d;
        return v is int i2 ? i2 : (int)d;
    }

    /// <summary>Element at a flat index, as double.</summary>
    internal double GetDouble(int i) => _data switch
    {
        float[] f => f[i],
        double[] d => d[i],
        int[] n => n[i],
        long[] l => l[i],
        bool[] b => b[i] ? 1 : 0,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Element at a flat index, boxed in its own type.</summary>
    internal object GetItem(int i) => _data.GetValue(i)!;

    /// <summary>The value at the given indices (all dimensions).</summary>
    public object this[params int[] index]
    {
        get
        {
            if (index.Length != ndim) throw new IndexOutOfRangeException($"too many indices for array: array is {ndim}-dimensional, but {index.Length} were indexed");
            int flat = 0;
            for (int i = 0; i < index.Length; i++)
            {
                int k = index[i] < 0 ? index[i] + shape[i] : index[i];
                if (k < 0 || k >= shape[i]) throw new IndexOutOfRangeException($"index {index[i]} is out of bounds for axis {i} with size {shape[i]}");
                flat = flat * shape[i] + k;
            }
            return GetItem(flat);
        }
    }

    /// <summary>Element-wise equality of shape, dtype and values.</summary>
    public bool ValueEquals(NDArray other) =>
        dtype == other.dtype && shape.AsSpan().SequenceEqual(other.shape) &&
        Enumerable.Range(0, size).All(i => Equals(_data.GetValue(i), other._data.GetValue(i)));

    T Single<T>()
    {
        if (size != 1) throw new ValueError("only size-1 arrays can be converted to scalars");
        return (T)Convert(_data.GetValue(0)!, DType.Of<T>());
    }

    /// <summary>The single element as float.</summary>
    public static explicit operator float(NDArray a) => a.Single<float>();
    /// <summary>The single element as double.</summary>
    public static explicit operator double(NDArray a) => a.Single<double>();
    /// <summary>The single element as int.</summary>
    public static explicit operator int(NDArray a) => a.Single<int>();
    /// <summary>The single element as long.</summary>
    public static explicit operator long(NDArray a) => a.Single<long>();
    /// <summary>The single element as bool.</summary>
    public static explicit operator bool(NDArray a) => a.Single<bool>();

    /// <summary>NumPy's <c>str()</c> of the array.</summary>
    public override string ToString() => NumPyFormat.Format(this);

    /// <summary>Creates an array from a (possibly multi-dimensional) C# array, copying it.</summary>
    public static NDArray FromArray(Array array)
    {
        var elem = array.GetType().GetElementType()!;
        var shape = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
        var flat = Array.CreateInstance(elem, array.Length);
        if (array.Rank == 1) Array.Copy(array, flat, array.Length);
        else Buffer.BlockCopy(array, 0, flat, 0, Buffer.ByteLength(array));
        return new NDArray(flat, shape);
    }

    /// <summary>A 0-d array holding one value.</summary>
    internal static NDArray Scalar<T>(T value) where T : unmanaged => new(new[] { value }, []);

    /// <summary>Converts a C# value (scalar, array, NDArray) to an NDArray.</summary>
    internal static NDArray FromObject(object value) => value switch
    {
        NDArray a => a,
        float f => Scalar(f),
        double d => Scalar(d),
        int i => Scalar(i),
        long l => Scalar(l),
        bool b => Scalar(b),
        Array arr when arr.GetType().GetElementType() is { } e && (e == typeof(float) || e == typeof(double) || e == typeof(int) || e == typeof(long) || e == typeof(bool)) => FromArray(arr),
        Array arr when arr.GetType().GetElementType() == typeof(NDArray) => np.stack(arr.Cast<NDArray>()),
        _ => throw new TypeError($"Cannot convert {value} of type {value.GetType().Name} to an array."),
    };

#pragma warning disable CS1591   // one conversion per C# array form, all alike
    public static implicit operator NDArray(float v) => Scalar(v);
    public static implicit operator NDArray(double v) => Scalar(v);
    public static implicit operator NDArray(int v) => Scalar(v);
    public static implicit operator NDArray(long v) => Scalar(v);
    public static implicit operator NDArray(bool v) => Scalar(v);
    public static implicit operator NDArray(float[] v) => FromArray(v);
    public static implicit operator NDArray(float[,] v) => FromArray(v);
    public static implicit operator NDArray(float[,,] v) => FromArray(v);
    public static implicit operator NDArray(double[] v) => FromArray(v);
    public static implicit operator NDArray(double[,] v) => FromArray(v);
    public static implicit operator NDArray(double[,,] v) => FromArray(v);
    public static implicit operator NDArray(int[] v) => FromArray(v);
    public static implicit operator NDArray(int[,] v) => FromArray(v);
    public static implicit operator NDArray(long[] v) => FromArray(v);
    public static implicit operator NDArray(long[,] v) => FromArray(v);
    public static implicit operator NDArray(bool[] v) => FromArray(v);
    public static implicit operator NDArray(bool[,] v) => FromArray(v);
#pragma warning restore CS1591
}
