#pragma warning disable CS8981   // lowercase facade mirrors NumPy's module name
namespace SharpFlow;

/// <summary>The NumPy helpers the document uses alongside TensorFlow.</summary>
public static partial class np
{
    /// <summary>64-bit float, NumPy's default dtype.</summary>
    public static readonly DType float64 = DType.Float64;
    /// <summary>32-bit float.</summary>
    public static readonly DType float32 = DType.Float32;
    /// <summary>32-bit integer.</summary>
    public static readonly DType int32 = DType.Int32;
    /// <summary>64-bit integer, NumPy's default integer dtype on Linux.</summary>
    public static readonly DType int64 = DType.Int64;

    /// <summary>Joins arrays of one shape along a new first axis.</summary>
    public static NDArray stack(IEnumerable<NDArray> arrays)
    {
        var list = arrays.ToList();
        if (list.Count == 0) throw new ValueError("need at least one array to stack");
        var first = list[0];
        if (list.Any(a => !a.shape.AsSpan().SequenceEqual(first.shape)))
            throw new ValueError("all input arrays must have the same shape");
        var dtype = list.Select(a => a.dtype).Aggregate(Promote);
        var result = NDArray.Zeros(dtype, [list.Count, .. first.shape]);
        int offset = 0;
        foreach (var a in list)
        {
            var src = a.dtype == dtype ? a : a.astype(dtype);
            Array.Copy(src.Data, 0, result.Data, offset, src.size);
            offset += src.size;
        }
        return result;
    }

    /// <summary>NumPy's type promotion for the dtypes SharpFlow supports.</summary>
    internal static DType Promote(DType a, DType b)
    {
        if (a == b) return a;
        if (a == DType.Bool) return b;
        if (b == DType.Bool) return a;
        if (a == DType.Float64 || b == DType.Float64) return DType.Float64;
        if (a == DType.Float32 || b == DType.Float32)
            return (a.is_integer || b.is_integer) ? DType.Float64 : DType.Float32;
        return DType.Int64;
    }

    /// <summary>Joins arrays along an existing axis; all other dimensions must agree.</summary>
    public static NDArray concatenate(IEnumerable<NDArray> arrays, int axis = 0)
    {
        var list = arrays.ToList();
        if (list.Count == 0) throw new ValueError("need at least one array to concatenate");
        var first = list[0];
        int rank = first.ndim;
        if (rank == 0) throw new ValueError("zero-dimensional arrays cannot be concatenated");
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) throw new ValueError($"axis {axis} is out of bounds for array of dimension {rank}");
        int total = 0;
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.ndim != rank)
                throw new ValueError($"all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has {rank} dimension(s) and the array at index {i} has {a.ndim} dimension(s)");
            for (int d = 0; d < rank; d++)
                if (d != ax && a.shape[d] != first.shape[d])
                    throw new ValueError($"all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {first.shape[d]} and the array at index {i} has size {a.shape[d]}");
            total += a.shape[ax];
        }
        var dtype = list.Select(a => a.dtype).Aggregate(Promote);
        int[] shape = [.. first.shape];
        shape[ax] = total;
        var result = NDArray.Zeros(dtype, shape);
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= shape[d];
        for (int d = ax + 1; d < rank; d++) inner *= shape[d];
        int offset = 0;
        foreach (var a in list)
        {
            var src = a.dtype == dtype ? a : a.astype(dtype);
            int chunk = a.shape[ax] * inner;
            for (int r = 0; r < outer; r++) Array.Copy(src.Data, r * chunk, result.Data, r * total * inner + offset, chunk);
            offset += chunk;
        }
        return result;
    }

    /// <summary>Stacks horizontally: 1-D arrays are joined end to end, others along their second axis.</summary>
    public static NDArray hstack(IEnumerable<NDArray> tup)
    {
        var list = tup.Select(a => a.ndim == 0 ? a.reshape(1) : a).ToList();
        if (list.Count == 0) throw new ValueError("need at least one array to concatenate");
        return concatenate(list, list[0].ndim == 1 ? 0 : 1);
    }

    /// <summary>Stacks vertically: 1-D arrays become rows, others are joined along their first axis.</summary>
    public static NDArray vstack(IEnumerable<NDArray> tup) =>
        concatenate(tup.Select(a => a.ndim == 0 ? a.reshape(1, 1) : a.ndim == 1 ? a.reshape(1, a.size) : a), 0);

    /// <summary>Column-stacks arrays as NumPy's <c>np.c_[a, b]</c> does: 1-D arrays become columns, then all join along the last axis.</summary>
    public static NDArray c_(params NDArray[] arrays)
    {
        if (arrays.Length == 0) throw new ValueError("need at least one array to concatenate");
        var cols = arrays.Select(a => a.ndim == 0 ? a.reshape(1, 1) : a.ndim == 1 ? a.reshape(a.size, 1) : a).ToList();
        return concatenate(cols, -1);
    }

    /// <summary>
    /// Dense coordinate grids, as <c>np.mgrid[start:stop:step, …]</c>: axis k has ⌈(stop − start) / step⌉
    /// points <c>i·step + start</c> (float64), so a float step may give one point more than expected.
    /// </summary>
    public static NDArray[] mgrid(params (double start, double stop, double step)[] ranges)
    {
        int n = ranges.Length;
        var size = ranges.Select(r => (int)Math.Ceiling((r.stop - r.start) / (r.step * 1.0))).Select(s => Math.Max(s, 0)).ToArray();
        int total = NDArray.ShapeSize(size);
        var result = new NDArray[n];
        for (int k = 0; k < n; k++)
        {
            var data = new double[total];
            int inner = 1;
            for (int d = k + 1; d < n; d++) inner *= size[d];
            double step = ranges[k].step, start = ranges[k].start;
            for (int i = 0; i < total; i++) data[i] = (i / inner % size[k]) * step + start;
            result[k] = NDArray.FromFlat(data, size);
        }
        return result;
    }

    /// <summary>An array made from a C# value: a scalar, a (multi-dimensional or jagged) array, or an NDArray (copied).</summary>
    public static NDArray array(object @object, DType? dtype = null)
    {
        var a = @object switch
        {
            NDArray nd => nd.copy(),
            Array arr when arr.GetType().GetElementType() is { IsArray: true } => stack(arr.Cast<object>().Select(e => array(e))),
            _ => NDArray.FromObject(@object),
        };
        return dtype is null || dtype == a.dtype ? a : a.astype(dtype);
    }

    /// <summary>A float64 array of zeros.</summary>
    public static NDArray zeros(params int[] shape) => NDArray.Zeros(DType.Float64, [.. shape]);

    /// <summary>An array of zeros of the given dtype.</summary>
    public static NDArray zeros(int[] shape, DType dtype) => NDArray.Zeros(dtype, [.. shape]);

    /// <summary>A float64 array of ones.</summary>
    public static NDArray ones(params int[] shape) => ones(shape, DType.Float64);

    /// <summary>An array of ones of the given dtype.</summary>
    public static NDArray ones(int[] shape, DType dtype)
    {
        var a = NDArray.Zeros(DType.Float64, [.. shape]);
        a.AsSpan<double>().Fill(1);
        return dtype == DType.Float64 ? a : a.astype(dtype);
    }

    /// <summary>0, 1, …, stop − 1 as int64.</summary>
    public static NDArray arange(int stop) => arange(0, stop, 1);

    /// <summary>start, start + step, … below stop, as int64.</summary>
    public static NDArray arange(int start, int stop, int step = 1)
    {
        if (step == 0) throw new ValueError("Maximum allowed size exceeded");
        long n = Math.Max(0, (long)Math.Ceiling((stop - (double)start) / step));
        var data = new long[n];
        for (int i = 0; i < n; i++) data[i] = start + (long)i * step;
        return NDArray.FromFlat(data, (int)n);
    }

    /// <summary>start, start + step, … below stop, as float64 (NumPy's fill: start + i·((start + step) − start)).</summary>
    public static NDArray arange(double start, double stop, double step = 1.0)
    {
        if (step == 0) throw new ValueError("Maximum allowed size exceeded");
        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var data = new double[n];
        double delta = (start + step) - start;
        for (int i = 0; i < n; i++) data[i] = i == 1 ? start + step : start + i * delta;
        return NDArray.FromFlat(data, n);
    }

    /// <summary><paramref name="num"/> evenly spaced float64 values from start to stop (stop included unless <paramref name="endpoint"/> is false).</summary>
    public static NDArray linspace(double start, double stop, int num = 50, bool endpoint = true)
    {
        if (num < 0) throw new ValueError($"Number of samples, {num}, must be non-negative.");
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        var data = new double[num];
        double step = div > 0 ? delta / div : double.NaN;
        for (int i = 0; i < num; i++)
            data[i] = (div > 0 ? (step == 0 ? i / (double)div * delta : i * step) : i * delta) + start;
        if (endpoint && num > 1) data[^1] = stop;
        return NDArray.FromFlat(data, num);
    }
}
