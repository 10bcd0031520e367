#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>Softmax cross-entropy between <paramref name="labels"/> (distributions) and <paramref name="logits"/>, per example; no gradient reaches the labels.</summary>
        /// <remarks>Mirrors TensorFlow 1.x's <c>tf.nn.softmax_cross_entropy_with_logits</c> (op <c>softmax_cross_entropy_with_logits_sg</c>); stable for any finite logits.</remarks>
        public static Tensor softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, int dim = -1, string? name = null)
        {
            using (name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]))
            {
                var scope = get_default_graph().NameStack + "/";
                labels = stop_gradient(labels, name: "labels_stop_gradient");
                return softmax_cross_entropy_with_logits_v2(labels, logits, dim, scope);
            }
        }

        /// <summary>Softmax cross-entropy between <paramref name="labels"/> and <paramref name="logits"/> along <paramref name="axis"/>; gradients reach both.</summary>
        /// <remarks>Mirrors <c>tf.nn.softmax_cross_entropy_with_logits_v2</c> (<paramref name="dim"/> is its deprecated name for <paramref name="axis"/>).</remarks>
        public static Tensor softmax_cross_entropy_with_logits_v2(Tensor labels, Tensor logits, int axis = -1, string? name = null, int? dim = null)
        {
            if (dim is int d) axis = d;
            using (name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]))
            {
                var scope = get_default_graph().NameStack + "/";
                if (labels.dtype != logits.dtype) labels = cast(labels, logits.dtype);
                var xshape = logits.get_shape();
                if (xshape.ndims == 2 && (axis == -1 || axis == 1))
                    return SoftmaxCrossEntropyWithLogitsOp.Build(logits, labels, scope).loss;
                // TF parity: nn_ops.py moves the class axis last and flattens the outer axes to a matrix.
                int rank = xshape.ndims ?? throw new ValueError("softmax_cross_entropy_with_logits needs the rank of the logits known while building the graph.");
                if (rank == 0) throw new ValueError($"Logits cannot be scalars - received shape {xshape}.");
                int a = axis < 0 ? axis + rank : axis;
                if (a != rank - 1)
                {
                    var perm = Enumerable.Range(0, rank).Where(i => i != a).Append(a).ToArray();
                    logits = transpose(logits, perm);
                    labels = transpose(labels, perm);
                }
                var outer = slice(shape(logits), [0], [rank - 1]);
                var classes = slice(shape(logits), [rank - 1], [1]);
                var flat = concat([constant(new[] { -1 }), classes], 0);
                var cost = SoftmaxCrossEntropyWithLogitsOp.Build(reshape(logits, flat), reshape(labels, flat), null).loss;
                var result = reshape(cost, outer, name: scope);
                if (logits.get_shape().Dims is { } dims) result.set_shape(new TensorShape(dims[..^1]));
                return result;
            }
        }

        /// <summary>Softmax cross-entropy between integer class ids <paramref name="labels"/> and <paramref name="logits"/>, per example.</summary>
        /// <remarks>Mirrors <c>tf.nn.sparse_softmax_cross_entropy_with_logits</c>; labels of rank r go with logits of rank r + 1.</remarks>
        public static Tensor sparse_softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null)
        {
            using (name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]))
            {
                var scope = get_default_graph().NameStack + "/";
                var ls = labels.get_shape();
                var xs = logits.get_shape();
                // TF parity: nn_ops.py, sparse_softmax_cross_entropy_with_logits static checks.
                if (xs.ndims == 0) throw new ValueError($"Logits cannot be scalars - received shape {xs}.");
                if (xs.ndims is int xr && ls.ndims is int lr && lr != xr - 1)
                    throw new ValueError($"Rank mismatch: Rank of labels (received {lr}) should equal rank of logits minus 1 (received {xr}).");
                if (ls.is_fully_defined() && xs.Dims is { } xd && xd[..^1].All(d => d >= 0) && !ls.Dims!.AsSpan().SequenceEqual(xd[..^1]))
                    throw new ValueError($"Shape mismatch: The shape of labels (received {ls}) should equal the shape of logits except for the last dimension (received {xs}).");
                if (xs.ndims == 2)
                    return SparseSoftmaxCrossEntropyWithLogitsOp.Build(logits, labels, scope).loss;
                int rank = xs.ndims ?? throw new ValueError("sparse_softmax_cross_entropy_with_logits needs the rank of the logits known while building the graph.");
                var classes = slice(shape(logits), [rank - 1], [1]);
                var flatLogits = reshape(logits, concat([constant(new[] { -1 }), classes], 0));
                var cost = SparseSoftmaxCrossEntropyWithLogitsOp.Build(flatLogits, reshape(labels, [-1]), null).loss;
                var result = reshape(cost, shape(labels), name: scope);
                result.set_shape(ls);
                return result;
            }
        }

        /// <summary>Per-element logistic loss max(x, 0) − x·z + log(1 + exp(−|x|)), stable for any finite logits.</summary>
        /// <remarks>Mirrors <c>tf.nn.sigmoid_cross_entropy_with_logits</c> (scope <c>logistic_loss</c>).</remarks>
        public static Tensor sigmoid_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null)
        {
            using (name_scope(name, "logistic_loss", [logits, labels]))
            {
                var scope = get_default_graph().NameStack + "/";
                RequireSameShape(labels, logits);
                var zeros = zeros_like(logits, dtype: logits.dtype);
                var cond = greater_equal(logits, zeros);
                var reluLogits = where(cond, logits, zeros);
                var negAbsLogits = where(cond, -logits, logits);
                return add(reluLogits - logits * labels, log1p(exp(negAbsLogits)), name: scope);
            }
        }

        /// <summary>Logistic loss with positive examples weighted by <paramref name="pos_weight"/>.</summary>
        /// <remarks>Mirrors <c>tf.nn.weighted_cross_entropy_with_logits</c> (<paramref name="targets"/> is TF 1.x's older name for the labels).</remarks>
        public static Tensor weighted_cross_entropy_with_logits(Tensor? labels = null, Tensor? logits = null, Tensor? pos_weight = null,
            string? name = null, Tensor? targets = null)
        {
            labels ??= targets ?? throw new ValueError("labels (or targets) must be given.");
            if (logits is null) throw new ValueError("logits must be given.");
            if (pos_weight is null) throw new ValueError("pos_weight must be given.");
            using (name_scope(name, "logistic_loss", [logits, labels]))
            {
                var scope = get_default_graph().NameStack + "/";
                RequireSameShape(labels, logits);
                // TF parity: nn_impl.py: (1 − z)·x + (1 + (q − 1)·z)·(log(1 + exp(−|x|)) + max(−x, 0)).
                var q = pos_weight.LiteralValue is double pv ? Literal(pv, logits.dtype) : pos_weight;
                var logWeight = 1.0 + (q - 1.0) * labels;
                return add((1.0 - labels) * logits, logWeight * (log1p(exp(-abs(logits))) + relu(-logits)), name: scope);
            }
        }

        static void RequireSameShape(Tensor labels, Tensor logits)
        {
            if (!labels.get_shape().is_compatible_with(logits.get_shape()))
                throw new ValueError($"logits and labels must have the same shape ({logits.get_shape()} vs {labels.get_shape()})");
        }

        /// <summary>Zeroes each element with probability 1 − <paramref name="keep_prob"/> and scales the kept ones by 1 / keep_prob.</summary>
        /// <remarks>
        /// Mirrors TensorFlow 1.x's <c>tf.nn.dropout</c>: the mask is ⌊keep_prob + U[0, 1)⌋ from a seeded
        /// <c>random_uniform</c> of <paramref name="noise_shape"/> (default: the shape of x). <paramref name="rate"/>
        /// (= 1 − keep_prob) is the newer spelling; give one of the two.
        /// </remarks>
        public static Tensor dropout(Tensor x, double? keep_prob = null, int[]? noise_shape = null, int? seed = null, string? name = null, double? rate = null)
        {
            if (keep_prob is not null && rate is not null) throw new ValueError("Cannot specify both 'rate' and 'keep_prob'.");
            if (keep_prob is null && rate is null) throw new ValueError("Either 'keep_prob' or 'rate' must be given.");
            double keep = keep_prob ?? 1 - rate!.Value;
            if (keep_prob is not null && !(keep > 0 && keep <= 1))
                throw new ValueError($"keep_prob must be a scalar tensor or a float in the range (0, 1], got {Py.G(keep)}");
            if (rate is double r && !(r >= 0 && r < 1))
                throw new ValueError($"rate must be a scalar tensor or a float in the range [0, 1), got {Py.G(r)}");
            return Dropout(x, keep == 1 ? null : () => constant(keep, x.dtype, name: "keep_prob"), noise_shape, seed, name);
        }

        /// <inheritdoc cref="dropout(Tensor, double?, int[], int?, string?, double?)"/>
        public static Tensor dropout(Tensor x, Tensor keep_prob, int[]? noise_shape = null, int? seed = null, string? name = null) =>
            Dropout(x, () => keep_prob.dtype == x.dtype ? keep_prob : cast(keep_prob, x.dtype), noise_shape, seed, name);

        static Tensor Dropout(Tensor x, Func<Tensor>? keepProb, int[]? noiseShape, int? seed, string? name)
        {
            if (!x.dtype.is_floating)
                throw new ValueError($"x has to be a floating point tensor since it's going to be scaled. Got a {x.dtype} tensor instead.");
            if (keepProb is null) return x;
            using (name_scope(name, "dropout", [x]))
            {
                var keep = keepProb();
                if (!keep.get_shape().is_compatible_with(TensorShape.Scalar))
                    throw new ValueError($"Shapes {keep.get_shape()} and () are incompatible");
                if (ConstantFolding.Value(keep) is { size: 1 } k && k.GetDouble(0) == 1) return x;
                // TF parity: nn_ops.py dropout: floor(keep_prob + U[0, 1)) is 1 with probability keep_prob.
                var shapeTensor = noiseShape is not null ? constant(noiseShape) :
                    x.get_shape().is_fully_defined() ? constant(x.get_shape().Dims!) : shape(x);
                var randomTensor = keep + UniformFromShape(shapeTensor, x.dtype, seed);
                var binary = floor(randomTensor);
                var ret = div(x, keep) * binary;
                ret.set_shape(x.get_shape());
                return ret;
            }
        }

        // The ops of tf.random_uniform(shape, 0, 1) for a shape computed by the graph.
        static Tensor UniformFromShape(Tensor shapeTensor, DType dtype, int? seed)
        {
            using (name_scope(null, "random_uniform"))
            {
                var scope = get_default_graph().NameStack;
                var min = constant(0.0, dtype, name: "min");
                var max = constant(1.0, dtype, name: "max");
                var rnd = RandomOp.Uniform.Build(shapeTensor, dtype, seed);
                return AddOp.Instance.Build(MulOp.Instance.Build(rnd, SubOp.Instance.Build(max, min, null, "sub"), null, "mul"), min, scope + "/");
            }
        }

        /// <summary>Half the sum of squares of <paramref name="t"/>, without the square root: Σ t² / 2.</summary>
        /// <remarks>Mirrors <c>tf.nn.l2_loss</c> (op <c>L2Loss</c>).</remarks>
        public static Tensor l2_loss(Tensor t, string? name = null) => L2LossOp.Build(t, name);

        /// <summary>Adds a 1-D <paramref name="bias"/> along the channel axis of <paramref name="value"/>.</summary>
        /// <remarks>Mirrors <c>tf.nn.bias_add</c> (op <c>BiasAdd</c>); <paramref name="data_format"/> is <c>NHWC</c> (default) or <c>NCHW</c>.</remarks>
        public static Tensor bias_add(Tensor value, Tensor bias, string? data_format = null, string? name = null)
        {
            using (name_scope(name, "BiasAdd", [value, bias]))
            {
                var scope = get_default_graph().NameStack + "/";
                var format = data_format ?? "NHWC";
                if (format is not ("NHWC" or "NCHW")) throw new ValueError($"data_format must be 'NHWC' or 'NCHW', got {format}");
                return BiasAddOp.Build(value, bias, format, scope);
            }
        }
    }
}
