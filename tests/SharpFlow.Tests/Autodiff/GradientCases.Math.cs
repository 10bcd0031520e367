using SharpFlow.Ops;

namespace SharpFlow.Tests.Autodiff;

internal static partial class GradientCases
{
    // Shared float64 samples, chosen away from kinks, ties and discontinuities.
    static NDArray M23 => new[,] { { 0.3, -1.2, 0.8 }, { 1.7, -0.4, 2.1 } };
    static NDArray V3 => new[] { 0.45, -0.9, 1.35 };
    static NDArray Positive23 => new[,] { { 0.3, 1.2, 0.8 }, { 1.7, 0.45, 2.1 } };
    static NDArray PositiveV3 => new[] { 0.7, 1.9, 1.35 };

    /// <summary>Gradient cases of the math ops.</summary>
    public static IEnumerable<GradientCase> Math() =>
    [
        // Existing arithmetic, with a broadcast second input ([2,3] with [3]).
        new("Add", [M23, V3], x => tf.add(x[0], x[1]), "broadcast [2,3] + [3]"),
        new("Add", [V3, M23], x => tf.add(x[0], x[1]), "broadcast [3] + [2,3]"),
        new("Sub", [M23, V3], x => tf.subtract(x[0], x[1]), "broadcast"),
        new("Mul", [M23, V3], x => tf.multiply(x[0], x[1]), "broadcast"),
        new("RealDiv", [M23, PositiveV3], x => tf.realdiv(x[0], x[1]), "broadcast"),
        new("Neg", [M23], x => tf.negative(x[0])),
        new("Cast", [M23], x => CastOp.Build(x[0], DType.Float64, null), "float64 to float64"),
        new("FloorMod", [new[,] { { 2.3, -1.7, 5.2 }, { 0.4, 3.9, -2.6 } }, new[] { 1.5, 2.5, 1.1 }], x => tf.floormod(x[0], x[1]), "broadcast"),
        new("Identity", [M23], x => tf.identity(x[0])),
        new("MatMul", [M23, new[,] { { 0.5, -1.0 }, { 1.5, 0.2 }, { -0.3, 0.9 } }], x => tf.matmul(x[0], x[1]), "a·b"),
        new("MatMul", [M23, new[,] { { 0.5, 1.5, -0.3 }, { -1.0, 0.2, 0.9 } }], x => tf.matmul(x[0], x[1], transpose_b: true), "a·bᵀ"),
        new("MatMul", [new[,] { { 0.3, 1.7 }, { -1.2, -0.4 }, { 0.8, 2.1 } }, new[,] { { 0.5, -1.0 }, { 1.5, 0.2 }, { -0.3, 0.9 } }],
            x => tf.matmul(x[0], x[1], transpose_a: true), "aᵀ·b"),
        new("MatMul", [new[,] { { 0.3, 1.7 }, { -1.2, -0.4 }, { 0.8, 2.1 } }, new[,] { { 0.5, 1.5, -0.3 }, { -1.0, 0.2, 0.9 } }],
            x => tf.matmul(x[0], x[1], transpose_a: true, transpose_b: true), "aᵀ·bᵀ"),

        // Element-wise unary math.
        new("Square", [M23], x => tf.square(x[0])),
        new("Sqrt", [Positive23], x => tf.sqrt(x[0])),
        new("Rsqrt", [Positive23], x => tf.rsqrt(x[0])),
        new("Reciprocal", [M23], x => tf.reciprocal(x[0])),
        new("Exp", [M23], x => tf.exp(x[0])),
        new("Log", [Positive23], x => tf.log(x[0])),
        new("Log1p", [new[,] { { 0.15, -0.6, 0.4 }, { 0.85, -0.2, 1.05 } }], x => tf.log1p(x[0])),
        new("Abs", [M23], x => tf.abs(x[0])),
        new("Sign", [M23], x => tf.sign(x[0])),
        new("Sigmoid", [M23], x => tf.sigmoid(x[0])),
        new("Tanh", [M23], x => tf.tanh(x[0])),

        // Fused gradient ops (y, dy) and their own gradients.
        new("SqrtGrad", [Positive23, M23], x => SqrtGradOp.Instance.Build(x[0], x[1])),
        new("RsqrtGrad", [Positive23, M23], x => RsqrtGradOp.Instance.Build(x[0], x[1])),
        new("ReciprocalGrad", [M23, Positive23], x => ReciprocalGradOp.Instance.Build(x[0], x[1])),
        new("SigmoidGrad", [new[,] { { 0.2, 0.7, 0.45 }, { 0.9, 0.1, 0.6 } }, M23], x => SigmoidGradOp.Instance.Build(x[0], x[1])),
        new("TanhGrad", [new[,] { { 0.2, -0.7, 0.45 }, { 0.9, -0.1, 0.6 } }, M23], x => TanhGradOp.Instance.Build(x[0], x[1])),

        // Broadcasting binary math.
        new("Maximum", [M23, V3], x => tf.maximum(x[0], x[1]), "broadcast, no ties"),
        new("Minimum", [M23, V3], x => tf.minimum(x[0], x[1]), "broadcast, no ties"),
        new("SquaredDifference", [M23, V3], x => tf.squared_difference(x[0], x[1]), "broadcast"),
        new("Pow", [Positive23, V3], x => tf.pow(x[0], x[1]), "broadcast, positive base"),
        new("AddN", [M23, Positive23, new[,] { { -0.5, 0.25, 1.5 }, { 0.6, -1.1, 0.05 } }], x => tf.add_n(x), "three inputs"),
        new("Select", [M23, Positive23],
            x => tf.where(tf.constant(new[,] { { true, false, true }, { false, false, true } }), x[0], x[1]), "element-wise condition"),
        new("Select", [M23, Positive23], x => tf.where(tf.constant(new[] { false, true }), x[0], x[1]), "row condition"),
    ];
}
