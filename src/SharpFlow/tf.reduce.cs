#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>Sum over <paramref name="axis"/> (all axes when null); <c>keep_dims</c> is TensorFlow 1.x's older spelling of <c>keepdims</c>.</summary>
    public static Tensor reduce_sum(Tensor input_tensor, Axis? axis = null, bool? keepdims = null, string? name = null,
        Axis? reduction_indices = null, bool? keep_dims = null) =>
        Reduce(SumOp.Instance, input_tensor, axis, keepdims, name, reduction_indices, keep_dims);

    /// <summary>Mean over <paramref name="axis"/> (all axes when null); integer inputs give an integer (floored) mean.</summary>
    public static Tensor reduce_mean(Tensor input_tensor, Axis? axis = null, bool? keepdims = null, string? name = null,
        Axis? reduction_indices = null, bool? keep_dims = null) =>
        Reduce(MeanOp.Instance, input_tensor, axis, keepdims, name, reduction_indices, keep_dims);

    /// <summary>Maximum over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_max(Tensor input_tensor, Axis? axis = null, bool? keepdims = null, string? name = null,
        Axis? reduction_indices = null, bool? keep_dims = null) =>
        Reduce(MaxOp.Instance, input_tensor, axis, keepdims, name, reduction_indices, keep_dims);

    /// <summary>Minimum over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_min(Tensor input_tensor, Axis? axis = null, bool? keepdims = null, string? name = null,
        Axis? reduction_indices = null, bool? keep_dims = null) =>
        Reduce(MinOp.Instance, input_tensor, axis, keepdims, name, reduction_indices, keep_dims);

    /// <summary>Product over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_prod(Tensor input_tensor, Axis? axis = null, bool? keepdims = null, string? name = null,
        Axis? reduction_indices = null, bool? keep_dims = null) =>
        Reduce(ProdOp.Instance, input_tensor, axis, keepdims, name, reduction_indices, keep_dims);

    // TF parity: python/ops/math_ops.py, reduce_*_v1 with _ReductionDims and _may_reduce_to_scalar.
    static Tensor Reduce(ReductionOp op, Tensor input, Axis? axis, bool? keepdims, string? name, Axis? reductionIndices, bool? keepDims)
    {
        axis = Deprecated("axis", axis, "reduction_indices", reductionIndices);
        bool keep = Deprecated("keepdims", keepdims, "keep_dims", keepDims) ?? false;
        Tensor? axes = null;
        bool toScalar = false;
        if (axis is null)
        {
            if (input.get_shape().ndims is int r) axes = constant(NDArray.FromFlat(Enumerable.Range(0, r).ToArray(), r));
            else { axes = range(0, rank(input)); toScalar = !keep; }
        }
        var result = InScope(name, op.Type, scope => op.Build(input, axes ?? axis!.ToTensor("reduction_indices"), keep, scope));
        if (toScalar) result.set_shape(TensorShape.Scalar);
        return result;
    }

    /// <summary>Index of the largest value along <paramref name="axis"/> (0 when null); int64 unless <paramref name="output_type"/> says int32.</summary>
    public static Tensor argmax(Tensor input, Axis? axis = null, string? name = null, Axis? dimension = null, DType? output_type = null) =>
        ArgExtreme(ArgExtremeOp.ArgMax, input, axis, name, dimension, output_type);

    /// <summary>Index of the smallest value along <paramref name="axis"/> (0 when null).</summary>
    public static Tensor argmin(Tensor input, Axis? axis = null, string? name = null, Axis? dimension = null, DType? output_type = null) =>
        ArgExtreme(ArgExtremeOp.ArgMin, input, axis, name, dimension, output_type);

    static Tensor ArgExtreme(ArgExtremeOp op, Tensor input, Axis? axis, string? name, Axis? dimension, DType? outputType)
    {
        axis = Deprecated("axis", axis, "dimension", dimension) ?? 0;
        return InScope(name, op.Type, scope => op.Build(input, axis.ToTensor("dimension"), outputType ?? int64, scope));
    }

    /// <summary>Running sum along <paramref name="axis"/>; <paramref name="exclusive"/> leaves out the current element, <paramref name="reverse"/> runs from the end.</summary>
    public static Tensor cumsum(Tensor x, Tensor? axis = null, bool exclusive = false, bool reverse = false, string? name = null) =>
        InScope(name, "Cumsum", scope => CumulativeOp.Cumsum.Build(x, axis ?? 0, exclusive, reverse, scope));

    /// <summary>Running product along <paramref name="axis"/>; <paramref name="exclusive"/> leaves out the current element, <paramref name="reverse"/> runs from the end.</summary>
    public static Tensor cumprod(Tensor x, Tensor? axis = null, bool exclusive = false, bool reverse = false, string? name = null) =>
        InScope(name, "Cumprod", scope => CumulativeOp.Cumprod.Build(x, axis ?? 0, exclusive, reverse, scope));

    /// <summary>TensorFlow's <c>deprecated_argument_lookup</c>: one of two spellings of an argument, not both.</summary>
    static T? Deprecated<T>(string newName, T? newValue, string oldName, T? oldValue) where T : class
    {
        if (newValue is not null && oldValue is not null) throw new ValueError($"Cannot specify both '{newName}' and '{oldName}'");
        return newValue ?? oldValue;
    }

    static bool? Deprecated(string newName, bool? newValue, string oldName, bool? oldValue)
    {
        if (newValue is not null && oldValue is not null) throw new ValueError($"Cannot specify both '{newName}' and '{oldName}'");
        return newValue ?? oldValue;
    }

    static int? Deprecated(string newName, int? newValue, string oldName, int? oldValue)
    {
        if (newValue is not null && oldValue is not null) throw new ValueError($"Cannot specify both '{newName}' and '{oldName}'");
        return newValue ?? oldValue;
    }

    /// <summary>
    /// Builds an op inside a name scope named like the op, so that constants made from C# arguments get
    /// TensorFlow's names (<c>Sum/reduction_indices</c>); <paramref name="build"/> receives the op's own name.
    /// </summary>
    internal static Tensor InScope(string? name, string defaultName, Func<string, Tensor> build)
    {
        using (name_scope(string.IsNullOrEmpty(name) ? defaultName : name))
            return build(get_default_graph().NameStack + "/");
    }
}
