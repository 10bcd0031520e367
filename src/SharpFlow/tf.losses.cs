#pragma warning disable CS8981
using static SharpFlow.LossesImpl;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>Loss functions with TensorFlow 1.x's weights, reductions and <c>LOSSES</c> collection.</summary>
    /// <remarks>
    /// Mirrors <c>tf.losses</c> (python/ops/losses/losses_impl.py). <c>weights</c> may be a scalar or have the
    /// losses' rank with each dimension 1 or equal; null means 1.0. A null <c>loss_collection</c> collects nothing.
    /// </remarks>
    public static partial class losses
    {
        /// <summary>How a loss tensor is reduced to the returned value; the strings are TensorFlow's.</summary>
        public static class Reduction
        {
            /// <summary>The weighted losses, unreduced.</summary>
            public const string NONE = "none";
            /// <summary>Sum of the weighted losses.</summary>
            public const string SUM = "weighted_sum";
            /// <summary>Sum of the weighted losses divided by the sum of the weights.</summary>
            public const string MEAN = "weighted_mean";
            /// <summary>Sum of the weighted losses divided by the number of losses.</summary>
            public const string SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size";
            /// <summary>Sum of the weighted losses divided by the number of non-zero weights (the default).</summary>
            public const string SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights";
            /// <summary>Same as <see cref="SUM_BY_NONZERO_WEIGHTS"/>.</summary>
            public const string SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS;

            /// <summary>Every reduction key.</summary>
            public static string[] all() => [.. Reductions];

            /// <summary>Throws <see cref="ValueError"/> for an unknown key.</summary>
            public static void validate(string key) => ValidateReduction(key);
        }

        /// <summary>Weights <paramref name="losses"/>, reduces them and adds the result to <paramref name="loss_collection"/>.</summary>
        public static Tensor compute_weighted_loss(Tensor losses, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            ComputeWeightedLoss(losses, weights, scope, loss_collection, reduction);

        /// <summary>|predictions − labels|, weighted and reduced.</summary>
        public static Tensor absolute_difference(Tensor labels, Tensor predictions, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "absolute_difference", [predictions, labels]))
            {
                var s = CurrentScope();
                predictions = ToFloat(predictions);
                labels = ToFloat(labels);
                AssertCompatible(predictions, labels);
                var l = abs(subtract(predictions, labels));
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>1 − Σ predictions·labels along <paramref name="axis"/> (inputs assumed unit-normalised), weighted and reduced.</summary>
        public static Tensor cosine_distance(Tensor labels, Tensor predictions, int? axis = null, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS, int? dim = null)
        {
            if (dim is not null)
            {
                if (axis is not null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
                axis = dim;
            }
            if (axis is null) throw new ValueError("You must specify 'axis'.");
            using (name_scope(scope, "cosine_distance_loss", [predictions, labels]))
            {
                var s = CurrentScope();
                predictions = ToFloat(predictions);
                labels = ToFloat(labels);
                AssertCompatible(predictions, labels);
                var radial = multiply(predictions, labels);
                var l = 1.0 - reduce_sum(radial, axis: [axis.Value], keepdims: true);
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>max(0, 1 − (2·labels − 1)·logits) for labels in {0, 1}, weighted and reduced.</summary>
        public static Tensor hinge_loss(Tensor labels, Tensor logits, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "hinge_loss", [logits, labels]))
            {
                var s = CurrentScope();
                logits = ToFloat(logits);
                labels = ToFloat(labels);
                AssertCompatible(logits, labels);
                var allOnes = ones_like(labels);
                labels = subtract(2 * labels, allOnes);
                var l = nn.relu(subtract(allOnes, multiply(labels, logits)));
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>Huber loss: ½x² for |x| ≤ delta, else delta·(|x| − ½delta), with x = predictions − labels.</summary>
        public static Tensor huber_loss(Tensor labels, Tensor predictions, Tensor? weights = null, double delta = 1.0, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "huber_loss", [predictions, labels]))
            {
                var s = CurrentScope();
                predictions = ToFloat(predictions);
                labels = ToFloat(labels);
                AssertCompatible(predictions, labels);
                var absError = abs(subtract(predictions, labels));
                var quadratic = minimum(absError, delta);
                // TF parity: |x| − min(|x|, δ) rather than max(|x| − δ, 0), so the gradient at |x| = δ is not counted twice.
                var linear = subtract(absError, quadratic);
                var l = add(multiply(constant(0.5, quadratic.dtype), multiply(quadratic, quadratic)), multiply(delta, linear));
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>−labels·log(predictions + ε) − (1 − labels)·log(1 − predictions + ε), weighted and reduced.</summary>
        public static Tensor log_loss(Tensor labels, Tensor predictions, Tensor? weights = null, double epsilon = 1e-7, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "log_loss", [predictions, labels]))
            {
                var s = CurrentScope();
                predictions = ToFloat(predictions);
                labels = ToFloat(labels);
                AssertCompatible(predictions, labels);
                var l = -multiply(labels, log(predictions + epsilon)) - multiply(1.0 - labels, log(1.0 - predictions + epsilon));
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>Squared differences of all pairs of elements within each example, summed over the batch with the weights.</summary>
        /// <remarks>TF parity: TensorFlow 1.x's version takes no <c>reduction</c>; it returns Σ_batch weight · loss.</remarks>
        public static Tensor mean_pairwise_squared_error(Tensor labels, Tensor predictions, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES)
        {
            using (name_scope(scope, "mean_pairwise_squared_error", [predictions, labels]))
            {
                var w = ToFloat(weights ?? constant(1.0f));
                labels = ToFloat(labels);
                AssertBroadcastable(w, labels);
                predictions = ToFloat(predictions);
                AssertCompatible(predictions, labels);
                var diffs = subtract(predictions, labels);
                Axis axes = diffs.get_shape().ndims is int r ? Enumerable.Range(1, r - 1).ToArray() : range(1, rank(diffs));
                var sumSquares = reduce_sum(square(diffs), axis: axes, keepdims: true);
                var numPresent = NumPresent(diffs, w, perBatch: true);
                // Per example: 2·Σd²/(n − 1) − 2·(Σd)²/(n·(n − 1)) = Σ over unordered pairs (dᵢ − dⱼ)² / C(n, 2).
                var term1 = 2.0 * SafeDiv(sumSquares, numPresent - 1.0);
                var sumDiff = reduce_sum(diffs, axis: axes, keepdims: true);
                var term2 = 2.0 * SafeDiv(square(sumDiff), multiply(numPresent, numPresent - 1.0));
                var loss = reduce_sum(multiply(term1 - term2, w));
                var meanLoss = where(greater(reduce_sum(numPresent), 0.0), loss, zeros_like(loss), name: "value");
                add_loss(meanLoss, loss_collection);
                return meanLoss;
            }
        }

        /// <summary>(predictions − labels)², weighted and reduced.</summary>
        public static Tensor mean_squared_error(Tensor labels, Tensor predictions, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "mean_squared_error", [predictions, labels]))
            {
                var s = CurrentScope();
                predictions = ToFloat(predictions);
                labels = ToFloat(labels);
                AssertCompatible(predictions, labels);
                var l = squared_difference(predictions, labels);
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>Sigmoid cross-entropy of independent binary labels, with labels smoothed towards ½ when <paramref name="label_smoothing"/> &gt; 0.</summary>
        public static Tensor sigmoid_cross_entropy(Tensor multi_class_labels, Tensor logits, Tensor? weights = null, double label_smoothing = 0,
            string? scope = null, string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "sigmoid_cross_entropy_loss", [logits, multi_class_labels]))
            {
                var s = CurrentScope();
                var labels = cast(multi_class_labels, logits.dtype);
                AssertCompatible(logits, labels);
                if (label_smoothing > 0) labels = labels * (1 - label_smoothing) + 0.5 * label_smoothing;
                var l = nn.sigmoid_cross_entropy_with_logits(labels: labels, logits: logits, name: "xentropy");
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>Softmax cross-entropy of one-hot labels, smoothed towards 1/num_classes when <paramref name="label_smoothing"/> &gt; 0.</summary>
        public static Tensor softmax_cross_entropy(Tensor onehot_labels, Tensor logits, Tensor? weights = null, double label_smoothing = 0,
            string? scope = null, string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "softmax_cross_entropy_loss", [logits, onehot_labels]))
            {
                var s = CurrentScope();
                var labels = cast(onehot_labels, logits.dtype);
                AssertCompatible(logits, labels);
                if (label_smoothing > 0)
                {
                    var numClasses = labels.get_shape().Dims is { Length: 2 } d && d[1] >= 0
                        ? constant(d[1], logits.dtype)
                        : cast(gather(shape(labels), 1), logits.dtype);
                    labels = labels * (1 - label_smoothing) + label_smoothing / numClasses;
                }
                labels = stop_gradient(labels, name: "labels_stop_gradient");
                var l = nn.softmax_cross_entropy_with_logits_v2(labels: labels, logits: logits, name: "xentropy");
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>Softmax cross-entropy of integer class ids; a trailing size-1 label axis is squeezed away.</summary>
        public static Tensor sparse_softmax_cross_entropy(Tensor labels, Tensor logits, Tensor? weights = null, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            using (name_scope(scope, "sparse_softmax_cross_entropy_loss", [logits, labels]))
            {
                var s = CurrentScope();
                (labels, logits, weights) = RemoveSqueezableDimensions(labels, logits, weights, expectedRankDiff: 1);
                var l = nn.sparse_softmax_cross_entropy_with_logits(labels: labels, logits: logits, name: "xentropy");
                return ComputeWeightedLoss(l, weights, s, loss_collection, reduction);
            }
        }

        /// <summary>Adds <paramref name="loss"/> to <paramref name="loss_collection"/> (nothing when it is null).</summary>
        public static void add_loss(Tensor loss, string? loss_collection = GraphKeys.LOSSES)
        {
            if (!string.IsNullOrEmpty(loss_collection)) loss.graph.add_to_collection(loss_collection, loss);
        }

        /// <summary>The losses in <paramref name="loss_collection"/>, optionally filtered by name scope.</summary>
        public static List<Tensor> get_losses(string? scope = null, string loss_collection = GraphKeys.LOSSES) =>
            get_collection<Tensor>(loss_collection, scope);

        /// <summary>The regularisation losses (<c>REGULARIZATION_LOSSES</c>), optionally filtered by name scope.</summary>
        public static List<Tensor> get_regularization_losses(string? scope = null) =>
            get_collection<Tensor>(GraphKeys.REGULARIZATION_LOSSES, scope);

        /// <summary>The sum of the regularisation losses, or a 0.0 constant when there are none.</summary>
        public static Tensor get_regularization_loss(string? scope = null, string name = "total_regularization_loss")
        {
            var l = get_regularization_losses(scope);
            return l.Count > 0 ? add_n(l, name: name) : constant(0.0f);
        }

        /// <summary>The sum of the collected losses, plus the regularisation losses unless told otherwise.</summary>
        public static Tensor get_total_loss(bool add_regularization_losses = true, string name = "total_loss", string? scope = null)
        {
            var l = get_losses(scope);
            if (add_regularization_losses) l.AddRange(get_regularization_losses(scope));
            return add_n(l, name: name);
        }
    }
}
