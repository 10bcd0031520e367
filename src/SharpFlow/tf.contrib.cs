#pragma warning disable CS8981
namespace SharpFlow;

public static partial class tf
{
    /// <summary>The parts of TensorFlow 1.x's <c>tf.contrib</c> the document uses.</summary>
    public static partial class contrib
    {
        /// <summary>Weight regularizers (<c>tf.contrib.layers</c>).</summary>
        public static partial class layers
        {
            // TF parity: tensorflow/contrib/layers/python/layers/regularizers.py.

            /// <summary>A regularizer giving <paramref name="scale"/> · Σ w² / 2 (ops named <c>l2_regularizer</c>, <c>l2_regularizer_1</c> …).</summary>
            /// <remarks>A scale of 0 disables it: the function then returns null, as TensorFlow's returns None.</remarks>
            public static Func<Tensor, Tensor> l2_regularizer(double scale, string? scope = null)
            {
                if (CheckScale(scale)) return _ => null!;
                return weights =>
                {
                    using (name_scope(scope, "l2_regularizer", [weights]))
                    {
                        var name = get_default_graph().NameStack + "/";
                        var myScale = constant(scale, weights.dtype, name: "scale");
                        return multiply(myScale, nn.l2_loss(weights), name: name);
                    }
                };
            }

            /// <summary>Rejects an integer scale, as TensorFlow does (<c>scale cannot be an integer</c>).</summary>
            public static Func<Tensor, Tensor> l2_regularizer(int scale, string? scope = null) =>
                throw new ValueError($"scale cannot be an integer: {scale}");

            /// <summary>A regularizer giving <paramref name="scale"/> · Σ |w| (ops named <c>l1_regularizer</c> …).</summary>
            /// <remarks>A scale of 0 disables it: the function then returns null.</remarks>
            public static Func<Tensor, Tensor> l1_regularizer(double scale, string? scope = null)
            {
                if (CheckScale(scale)) return _ => null!;
                return weights =>
                {
                    using (name_scope(scope, "l1_regularizer", [weights]))
                    {
                        var name = get_default_graph().NameStack + "/";
                        var myScale = constant(scale, weights.dtype, name: "scale");
                        return multiply(myScale, reduce_sum(abs(weights)), name: name);
                    }
                };
            }

            /// <summary>Rejects an integer scale, as TensorFlow does.</summary>
            public static Func<Tensor, Tensor> l1_regularizer(int scale, string? scope = null) =>
                throw new ValueError($"scale cannot be an integer: {scale}");

            /// <summary>A regularizer that adds up the others' penalties (null entries are skipped); null if none remain.</summary>
            public static Func<Tensor, Tensor>? sum_regularizer(IEnumerable<Func<Tensor, Tensor>?> regularizer_list, string? scope = null)
            {
                var list = regularizer_list.OfType<Func<Tensor, Tensor>>().ToList();
                if (list.Count == 0) return null;
                return weights =>
                {
                    using (name_scope(scope, "sum_regularizer", [weights]))
                    {
                        var name = get_default_graph().NameStack + "/";
                        var penalties = list.Select(r => (Tensor?)r(weights)).OfType<Tensor>().ToList();
                        return penalties.Count > 0 ? add_n(penalties, name: name) : null!;
                    }
                };
            }

            /// <summary>Sums <paramref name="regularizer"/> over <paramref name="weights_list"/> (default: the <c>weights</c> collection) and adds the total to <c>REGULARIZATION_LOSSES</c>.</summary>
            public static Tensor apply_regularization(Func<Tensor, Tensor> regularizer, IEnumerable<Tensor>? weights_list = null)
            {
                var weights = weights_list?.ToList() ?? [];
                if (weights.Count == 0) weights = get_collection<Tensor>(WeightsCollection);
                if (weights.Count == 0) throw new ValueError("No weights to regularize.");
                using (name_scope("get_regularization_penalty", values: weights))
                {
                    var name = get_default_graph().NameStack + "/";
                    var penalties = weights.Select(w => (Tensor?)regularizer(w) ?? constant(0.0f)).ToList();
                    foreach (var p in penalties)
                        if (p.get_shape().ndims != 0)
                            throw new ValueError($"regularizer must return a scalar Tensor instead of a Tensor with rank {p.get_shape().ndims}.");
                    var total = add_n(penalties, name: name);
                    add_to_collection(GraphKeys.REGULARIZATION_LOSSES, total);
                    return total;
                }
            }

            // TF parity: ops.GraphKeys.WEIGHTS.
            const string WeightsCollection = "weights";

            /// <summary>Validates a float scale; true when it is 0 (the regularizer is disabled).</summary>
            static bool CheckScale(double scale)
            {
                if (scale < 0) throw new ValueError($"Setting a scale less than 0 on a regularizer: {Py.G(scale)}.");
                return scale == 0;
            }
        }
    }
}
