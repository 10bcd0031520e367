#pragma warning disable CS8981   // lowercase facade mirrors NumPy's module name
namespace SharpFlow;

/// <summary>The NumPy helpers the document uses alongside TensorFlow.</summary>
public static partial class np
{
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
}
