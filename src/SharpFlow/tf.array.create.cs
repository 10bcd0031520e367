#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>A tensor of zeros (float32 unless <paramref name="dtype"/> says otherwise).</summary>
    /// <remarks>As in TensorFlow, a known shape with fewer than 1000 elements gives a constant named <c>zeros</c>; larger ones a Fill op.</remarks>
    public static Tensor zeros(TensorShape shape, DType? dtype = null, string? name = null) => Filled(shape, 0, dtype, name, "zeros");

    /// <inheritdoc cref="zeros(TensorShape, DType?, string?)"/>
    public static Tensor zeros(int[] shape, DType? dtype = null, string? name = null) => Filled(new TensorShape(shape), 0, dtype, name, "zeros");

    /// <inheritdoc cref="zeros(TensorShape, DType?, string?)"/>
    public static Tensor zeros(int shape, DType? dtype = null, string? name = null) => Filled(new TensorShape(shape), 0, dtype, name, "zeros");

    /// <summary>A tensor of zeros whose shape is computed by the graph.</summary>
    public static Tensor zeros(Tensor shape, DType? dtype = null, string? name = null) => FilledDynamic(shape, 0, dtype, name, "zeros");

    /// <summary>A tensor of ones (float32 unless <paramref name="dtype"/> says otherwise).</summary>
    public static Tensor ones(TensorShape shape, DType? dtype = null, string? name = null) => Filled(shape, 1, dtype, name, "ones");

    /// <inheritdoc cref="ones(TensorShape, DType?, string?)"/>
    public static Tensor ones(int[] shape, DType? dtype = null, string? name = null) => Filled(new TensorShape(shape), 1, dtype, name, "ones");

    /// <inheritdoc cref="ones(TensorShape, DType?, string?)"/>
    public static Tensor ones(int shape, DType? dtype = null, string? name = null) => Filled(new TensorShape(shape), 1, dtype, name, "ones");

    /// <summary>A tensor of ones whose shape is computed by the graph.</summary>
    public static Tensor ones(Tensor shape, DType? dtype = null, string? name = null) => FilledDynamic(shape, 1, dtype, name, "ones");

    /// <summary>Zeros with the shape (and dtype, unless given) of <paramref name="tensor"/>.</summary>
    public static Tensor zeros_like(Tensor tensor, DType? dtype = null, string? name = null, bool optimize = true)
    {
        // TF parity: python/ops/array_ops.py, zeros_like.
        using (name_scope(name, "zeros_like"))
        {
            var scope = get_default_graph().NameStack + "/";
            if (optimize && tensor.get_shape().is_fully_defined()) return zeros(tensor.get_shape(), dtype ?? tensor.dtype, scope);
            if (dtype is not null && dtype != tensor.dtype) return zeros(ShapeInternal(tensor, optimize), dtype, scope);
            return FilledLikeOp.Zeros.Build(tensor, scope);
        }
    }

    /// <summary>Ones with the shape (and dtype, unless given) of <paramref name="tensor"/>.</summary>
    public static Tensor ones_like(Tensor tensor, DType? dtype = null, string? name = null, bool optimize = true)
    {
        // TF parity: python/ops/array_ops.py, ones_like: a Fill of the (possibly constant) shape.
        using (name_scope(name, "ones_like"))
        {
            var scope = get_default_graph().NameStack + "/";
            var result = ones(ShapeInternal(tensor, optimize), dtype ?? tensor.dtype, scope);
            result.set_shape(tensor.get_shape());
            return result;
        }
    }

    static Tensor ShapeInternal(Tensor t, bool optimize) =>
        optimize ? shape(t) : ShapeOp.Build(t, int32, null);

    static Tensor Filled(TensorShape shape, double value, DType? dtype, string? name, string defaultName)
    {
        var dt = dtype ?? float32;
        var dims = shape.Dims ?? throw new ValueError("Cannot convert a partially known TensorShape to a Tensor: <unknown>");
        if (dims.Any(d => d < 0)) throw new ValueError($"Cannot convert a partially known TensorShape to a Tensor: {shape}");
        using (name_scope(name, defaultName))
        {
            var scope = get_default_graph().NameStack + "/";
            // TF parity: array_ops._constant_if_small keeps graphs small by using Fill from 1000 elements on.
            if (NDArray.ShapeSize(dims) < 1000) return constant(NDArray.Scalar(value).astype(dt), shape: shape, name: scope);
            var dimsT = constant(NDArray.FromFlat((int[])dims.Clone(), dims.Length), name: "shape_as_tensor");
            return FillOp.Build(dimsT, constant(NDArray.Scalar(value).astype(dt)), scope);
        }
    }

    static Tensor FilledDynamic(Tensor shape, double value, DType? dtype, string? name, string defaultName)
    {
        using (name_scope(name, defaultName))
        {
            var scope = get_default_graph().NameStack + "/";
            if (shape.get_shape().ndims == 0) shape = reshape(shape, new[] { -1 });
            return FillOp.Build(shape, constant(NDArray.Scalar(value).astype(dtype ?? float32)), scope);
        }
    }
}
