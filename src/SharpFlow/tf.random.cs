#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>Samples from a normal distribution; with a seed, the numbers TensorFlow gives.</summary>
    public static Tensor random_normal(TensorShape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string? name = null) =>
        ScaledNormal(RandomOp.StandardNormal, name ?? "random_normal", shape, mean, stddev, dtype ?? float32, seed);

    /// <summary>Samples from a normal distribution, redrawing values more than two standard deviations out.</summary>
    public static Tensor truncated_normal(TensorShape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string? name = null) =>
        ScaledNormal(RandomOp.TruncatedNormal, name ?? "truncated_normal", shape, mean, stddev, dtype ?? float32, seed);

    // TF parity: random_ops.py builds shape, mean and stddev constants before resolving the seed, then rnd * stddev + mean.
    static Tensor ScaledNormal(RandomOp op, string scopeName, TensorShape shape, double mean, double stddev, DType dtype, int? seed)
    {
        using (name_scope(scopeName))
        {
            var scope = get_default_graph().NameStack;
            var shapeTensor = ShapeTensor(shape);
            var meanT = constant(ScalarOf(mean, dtype), name: "mean");
            var stddevT = constant(ScalarOf(stddev, dtype), name: "stddev");
            var rnd = op.Build(shapeTensor, dtype, seed);
            var mul = MulOp.Instance.Build(rnd, stddevT, null, "mul");
            return AddOp.Instance.Build(mul, meanT, scope + "/");
        }
    }

    /// <summary>Samples uniformly from [minval, maxval); integer dtypes need <paramref name="maxval"/> (float default 1).</summary>
    public static Tensor random_uniform(TensorShape shape, double minval = 0.0, double? maxval = null, DType? dtype = null, int? seed = null, string? name = null)
    {
        dtype ??= float32;
        // TF parity: random_ops.py random_uniform checks the dtype and maxval before opening its name scope.
        if (dtype.is_bool) throw new ValueError($"Invalid dtype tf.{dtype.name}");
        if (maxval is null && dtype.is_integer) throw new ValueError($"Must specify maxval for integer dtype tf.{dtype.name}");
        using (name_scope(name, "random_uniform"))
        {
            var scope = get_default_graph().NameStack;
            var shapeTensor = ShapeTensor(shape);
            if (dtype.is_integer)
            {
                var lo = constant((NDArray)minval, dtype: dtype, name: "min");
                var hi = constant((NDArray)maxval!.Value, dtype: dtype, name: "max");
                return RandomUniformIntOp.Instance.Build(shapeTensor, lo, hi, seed, scope + "/");
            }
            var minT = constant(ScalarOf(minval, dtype), name: "min");
            var maxT = constant(ScalarOf(maxval ?? 1.0, dtype), name: "max");
            var rnd = RandomOp.Uniform.Build(shapeTensor, dtype, seed);
            var range = SubOp.Instance.Build(maxT, minT, null, "sub");
            var mul = MulOp.Instance.Build(rnd, range, null, "mul");
            return AddOp.Instance.Build(mul, minT, scope + "/");
        }
    }

    static NDArray ScalarOf(double v, DType dtype) => dtype == float64 ? (NDArray)v : (NDArray)(float)v;

    static Tensor ShapeTensor(TensorShape shape)
    {
        var dims = shape.Dims ?? throw new ValueError("Cannot convert a partially known TensorShape to a Tensor: <unknown>");
        if (dims.Any(d => d < 0)) throw new ValueError($"Cannot convert a partially known TensorShape to a Tensor: {shape}");
        return constant(dims, dtype: int32, name: "shape");
    }
}
