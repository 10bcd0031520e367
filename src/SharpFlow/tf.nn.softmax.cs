#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>exp(x) / Σ exp(x) along <paramref name="axis"/> (the last axis by default), stable for any finite input.</summary>
        /// <remarks><paramref name="dim"/> is TensorFlow 1.x's older name for <paramref name="axis"/>.</remarks>
        public static Tensor softmax(Tensor logits, int? axis = null, string? name = null, int? dim = null) =>
            SoftmaxAlong(SoftmaxOp.Softmax, logits, Deprecated("axis", axis, "dim", dim) ?? -1, name);

        /// <summary>x − log Σ exp(x) along <paramref name="axis"/> (the last axis by default), stable for any finite input.</summary>
        public static Tensor log_softmax(Tensor logits, int? axis = null, string? name = null, int? dim = null) =>
            SoftmaxAlong(SoftmaxOp.LogSoftmax, logits, Deprecated("axis", axis, "dim", dim) ?? -1, name);

        // TF parity: python/ops/nn_ops.py, _softmax: other axes are swapped with the last one around the op.
        static Tensor SoftmaxAlong(SoftmaxOp op, Tensor logits, int axis, string? name)
        {
            var shape = logits.get_shape();
            if (axis == -1 || axis == shape.ndims - 1) return op.Build(logits, name);
            if (shape.ndims is not int rank)
                throw new ValueError($"{op.Type} along axis {axis} needs the rank of the logits known while building the graph.");
            if (axis < -rank || axis >= rank)
                throw new InvalidArgumentError($"Dimension ({axis}) must be in the range [{-rank}, {rank}) where {rank} is the number of dimensions in the input.");
            int a = (axis + rank) % rank;
            var perm = Enumerable.Range(0, rank).ToArray();
            (perm[a], perm[rank - 1]) = (perm[rank - 1], perm[a]);
            var swapped = transpose(logits, perm);
            var output = transpose(op.Build(swapped, null), perm, name ?? "transpose");
            output.set_shape(shape);
            return output;
        }
    }
}
