namespace SharpFlow;

/// <summary>
/// The shared machinery of <c>tf.losses</c>: weighting, the reductions and the loss collection.
/// </summary>
/// <remarks>TF parity: python/ops/losses/losses_impl.py and weights_broadcast_ops.py (TensorFlow 1.x, graph mode).</remarks>
internal static class LossesImpl
{
    internal static readonly string[] Reductions =
    [
        tf.losses.Reduction.NONE, tf.losses.Reduction.SUM, tf.losses.Reduction.MEAN,
        tf.losses.Reduction.SUM_OVER_BATCH_SIZE, tf.losses.Reduction.SUM_OVER_NONZERO_WEIGHTS, tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS,
    ];

    internal static void ValidateReduction(string key)
    {
        if (!Reductions.Contains(key)) throw new ValueError($"Invalid Reduction Key {key}.");
    }

    /// <summary>The current name scope as a re-enterable scope name (<c>mean_squared_error/</c>).</summary>
    internal static string CurrentScope() => tf.get_default_graph().NameStack + "/";

    /// <summary>Weighted losses reduced as <paramref name="reduction"/> says, cast back to the losses' dtype and collected.</summary>
    internal static Tensor ComputeWeightedLoss(Tensor losses, Tensor? weights, string? scope, string? lossCollection, string reduction)
    {
        ValidateReduction(reduction);
        using (tf.name_scope(scope, "weighted_loss", [losses]))
        {
            weights ??= tf.constant(1.0f);
            AssertBroadcastable(weights, losses);
            var inputDtype = losses.dtype;
            losses = ToFloat(losses);
            weights = ToFloat(weights);
            var weighted = tf.multiply(losses, weights);
            Tensor loss;
            if (reduction == tf.losses.Reduction.NONE) loss = weighted;
            else
            {
                loss = tf.reduce_sum(weighted);
                if (reduction == tf.losses.Reduction.MEAN)
                    loss = SafeMean(loss, tf.reduce_sum(tf.ones_like(losses) * weights));
                else if (reduction == tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS)
                    loss = SafeMean(loss, NumPresent(losses, weights, perBatch: false));
                else if (reduction == tf.losses.Reduction.SUM_OVER_BATCH_SIZE)
                    loss = SafeMean(loss, NumElements(losses));
            }
            loss = tf.cast(loss, inputDtype);
            tf.losses.add_loss(loss, lossCollection);
            return loss;
        }
    }

    /// <summary>Cast to float32, leaving float32 tensors untouched (TF 1.x's <c>to_float</c>).</summary>
    internal static Tensor ToFloat(Tensor t) => t.dtype == tf.float32 ? t : tf.cast(t, tf.float32, name: "ToFloat");

    /// <summary>The static shape check of TF's losses (<c>Shapes (2, 3) and (2, 4) are incompatible</c>).</summary>
    internal static void AssertCompatible(Tensor a, Tensor b)
    {
        if (!a.get_shape().is_compatible_with(b.get_shape()))
            throw new ValueError($"Shapes {a.get_shape()} and {b.get_shape()} are incompatible");
    }

    /// <summary>numerator / denominator, or 0 where the denominator is not positive (TF's <c>div_no_nan</c> of a clamped denominator).</summary>
    internal static Tensor SafeDiv(Tensor numerator, Tensor denominator, string name = "value")
    {
        var safeDenominator = tf.where(tf.equal(denominator, 0.0), tf.ones_like(denominator), denominator);
        return tf.where(tf.greater(denominator, 0.0), tf.div(numerator, safeDenominator), tf.zeros_like(numerator), name: name);
    }

    static Tensor SafeMean(Tensor losses, Tensor numPresent) => SafeDiv(tf.reduce_sum(losses), numPresent);

    /// <summary>How many elements of <paramref name="losses"/> have a non-zero (broadcast) weight, in total or per batch row.</summary>
    internal static Tensor NumPresent(Tensor losses, Tensor weights, bool perBatch)
    {
        using (tf.name_scope(null, "num_present"))
        {
            var scope = CurrentScope();
            weights = ToFloat(weights);
            var present = tf.where(tf.equal(weights, 0.0), tf.zeros_like(weights), tf.ones_like(weights));
            present = BroadcastWeights(present, losses);
            if (!perBatch) return tf.reduce_sum(present, name: scope);
            var axes = present.get_shape().ndims is int r ? (Axis)Enumerable.Range(1, r - 1).ToArray() : tf.range(1, tf.rank(present));
            return tf.reduce_sum(present, axis: axes, keepdims: true, name: scope);
        }
    }

    static Tensor NumElements(Tensor losses)
    {
        using (tf.name_scope(null, "num_elements"))
            return tf.cast(tf.size(losses, name: CurrentScope()), losses.dtype);
    }

    /// <summary><paramref name="weights"/> broadcast to the shape of <paramref name="values"/> (no op when the shapes already agree).</summary>
    static Tensor BroadcastWeights(Tensor weights, Tensor values)
    {
        using (tf.name_scope(null, "broadcast_weights"))
        {
            var scope = CurrentScope();
            var ws = weights.get_shape();
            var vs = values.get_shape();
            if (ws.is_fully_defined() && vs.is_fully_defined() && ws.is_compatible_with(vs)) return weights;
            AssertBroadcastable(weights, values);
            return tf.multiply(weights, tf.ones_like(values), name: scope);
        }
    }

    /// <summary>
    /// TF's loss weights must be a scalar or have the values' rank with each dimension 1 or equal; checked here when
    /// the static shapes allow (TensorFlow also checks unknown shapes at run time; SharpFlow leaves that to the multiply).
    /// </summary>
    internal static void AssertBroadcastable(Tensor weights, Tensor values)
    {
        const string prefix = "weights can not be broadcast to values.";
        var ws = weights.get_shape();
        var vs = values.get_shape();
        if (ws.ndims is not int wr || vs.ndims is not int vr || wr == 0) return;
        if (wr != vr)
            throw new ValueError($"{prefix} values.rank={vr}. weights.rank={wr}. values.shape={vs}. weights.shape={ws}.");
        if (!ws.is_fully_defined() || !vs.is_fully_defined()) return;
        var w = ws.Dims!;
        var v = vs.Dims!;
        for (int i = 0; i < vr; i++)
            if (w[i] != 1 && w[i] != v[i])
                throw new ValueError($"{prefix} Mismatch at dim {i}. values.shape=[{string.Join(" ", v)}] weights.shape=[{string.Join(" ", w)}].");
    }

    /// <summary>Squeezes a trailing size-1 axis from labels, predictions or weights so their ranks fit (static ranks only).</summary>
    internal static (Tensor labels, Tensor predictions, Tensor? weights) RemoveSqueezableDimensions(Tensor labels, Tensor predictions,
        Tensor? weights, int expectedRankDiff)
    {
        // TF parity: confusion_matrix.remove_squeezable_dimensions and losses_impl._remove_squeezable_dimensions.
        var ps = predictions.get_shape();
        var ls = labels.get_shape();
        if (ps.ndims is int pr && ls.ndims is int lr)
        {
            int diff = pr - lr;
            if (diff == expectedRankDiff + 1 && pr > 0 && ps[-1].value is null or 1) predictions = tf.squeeze(predictions, axis: [-1]);
            else if (diff == expectedRankDiff - 1 && lr > 0 && ls[-1].value is null or 1) labels = tf.squeeze(labels, axis: [-1]);
        }
        if (weights is not null && labels.get_shape().ndims is int labelsRank && weights.get_shape().ndims is int weightsRank
            && weightsRank - labelsRank == 1)
            weights = tf.squeeze(weights, axis: [-1]);
        return (labels, predictions, weights);
    }
}
