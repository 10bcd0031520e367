#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>The logistic function 1 / (1 + e⁻ˣ), element by element.</summary>
    public static Tensor sigmoid(Tensor x, string? name = null) => SigmoidOp.Instance.Build(x, name);

    /// <summary>Hyperbolic tangent, element by element.</summary>
    public static Tensor tanh(Tensor x, string? name = null) => TanhOp.Instance.Build(x, name);

    /// <summary>Neural-network functions (<c>tf.nn</c>).</summary>
    public static partial class nn
    {
        /// <summary>Rectified linear unit max(features, 0).</summary>
        public static Tensor relu(Tensor features, string? name = null) => ReluOp.Instance.Build(features, name);

        /// <summary>ReLU capped at 6: min(max(features, 0), 6).</summary>
        public static Tensor relu6(Tensor features, string? name = null) => Relu6Op.Instance.Build(features, name);

        /// <summary>Exponential linear unit: features where positive, else exp(features) − 1.</summary>
        public static Tensor elu(Tensor features, string? name = null) => EluOp.Instance.Build(features, name);

        /// <summary>Scaled exponential linear unit (self-normalising networks).</summary>
        public static Tensor selu(Tensor features, string? name = null) => SeluOp.Instance.Build(features, name);

        /// <summary>log(exp(features) + 1), computed without overflow.</summary>
        public static Tensor softplus(Tensor features, string? name = null) => SoftplusOp.Instance.Build(features, name);

        /// <inheritdoc cref="tf.sigmoid"/>
        public static Tensor sigmoid(Tensor x, string? name = null) => SigmoidOp.Instance.Build(x, name);

        /// <inheritdoc cref="tf.tanh"/>
        public static Tensor tanh(Tensor x, string? name = null) => TanhOp.Instance.Build(x, name);
    }
}
