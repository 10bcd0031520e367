#pragma warning disable CS8981
namespace SharpFlow;

/// <summary>Makes the initial value of a variable from its shape and dtype.</summary>
/// <remarks>Mirrors <c>tf.keras.initializers.Initializer</c> as used by <c>tf.get_variable</c>.</remarks>
public abstract class Initializer
{
    /// <summary>Builds the initial-value tensor.</summary>
    public abstract Tensor Call(TensorShape shape, DType dtype);
}

sealed class ConstantInitializer(NDArray? value) : Initializer
{
    public override Tensor Call(TensorShape shape, DType dtype) =>
        value is null ? tf.zeros(shape, dtype) : tf.constant(value, dtype, value.size == 1 || value.size == shape.num_elements() ? shape : null);
}

sealed class OnesInitializer : Initializer
{
    public override Tensor Call(TensorShape shape, DType dtype) => tf.ones(shape, dtype);
}

sealed class RandomInitializer(Func<TensorShape, DType, Tensor> make) : Initializer
{
    public override Tensor Call(TensorShape shape, DType dtype) => make(shape, dtype);
}

public static partial class tf
{
    /// <summary>Initialises to zeros.</summary>
    public static Initializer zeros_initializer(DType? dtype = null) => new ConstantInitializer(null);

    /// <summary>Initialises to ones.</summary>
    public static Initializer ones_initializer(DType? dtype = null) => new OnesInitializer();

    /// <summary>Initialises to a constant (broadcast when a scalar).</summary>
    public static Initializer constant_initializer(NDArray? value = null, DType? dtype = null) => new ConstantInitializer(value ?? 0.0f);

    /// <summary>Initialises from a normal distribution.</summary>
    public static Initializer random_normal_initializer(double mean = 0.0, double stddev = 1.0, int? seed = null, DType? dtype = null) =>
        new RandomInitializer((s, d) => random_normal(s, mean, stddev, d, seed));

    /// <summary>Initialises from a normal distribution truncated at two standard deviations.</summary>
    public static Initializer truncated_normal_initializer(double mean = 0.0, double stddev = 1.0, int? seed = null, DType? dtype = null) =>
        new RandomInitializer((s, d) => truncated_normal(s, mean, stddev, d, seed));

    /// <summary>Initialises from a uniform distribution on [minval, maxval); integer variables need <paramref name="maxval"/> (floats default to 1).</summary>
    public static Initializer random_uniform_initializer(double minval = 0.0, double? maxval = null, int? seed = null, DType? dtype = null) =>
        new RandomInitializer((s, d) => random_uniform(s, minval, maxval, d, seed));

    /// <summary>Glorot (Xavier) uniform: limit √(6 / (fan_in + fan_out)); the default of <c>get_variable</c>.</summary>
    public static Initializer glorot_uniform_initializer(int? seed = null, DType? dtype = null) =>
        new RandomInitializer((s, d) =>
        {
            // TF parity: init_ops.py _compute_fans; VarianceScaling(1.0, "fan_avg", "uniform").
            var dims = s.Dims!;
            double fanIn, fanOut;
            if (dims.Length == 0) fanIn = fanOut = 1;
            else if (dims.Length == 1) fanIn = fanOut = dims[0];
            else if (dims.Length == 2) { fanIn = dims[0]; fanOut = dims[1]; }
            else
            {
                double receptive = 1;
                for (int i = 0; i < dims.Length - 2; i++) receptive *= dims[i];
                fanIn = dims[^2] * receptive;
                fanOut = dims[^1] * receptive;
            }
            double limit = Math.Sqrt(3.0 * 1.0 / Math.Max(1.0, (fanIn + fanOut) / 2.0));
            return random_uniform(s, -limit, limit, d, seed);
        });
}
