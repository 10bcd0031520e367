namespace SharpFlow.Ops;

/// <summary>Gradients of the reductions (TF parity: python/ops/math_grad.py, _SumGrad, _MeanGrad, _MinOrMaxGrad, _ProdGrad).</summary>
internal static class ReductionGrad
{
    /// <summary>The reduction's output shape with reduced axes kept as 1, and the tiling that restores the input shape.</summary>
    static (Tensor keptDims, Tensor tiling) ReducedShape(Operation op)
    {
        var x = op.inputs[0];
        if (x.get_shape().Dims is { } dims && dims.All(d => d >= 0) && ConstantFolding.Value(op.inputs[1]) is { } av)
        {
            // Known shape and axes: computed here, as TF's graph-level reduced-shape cache does.
            var reduced = new bool[dims.Length];
            foreach (var a in ShapeUtil.Ints(av)) reduced[a < 0 ? a + dims.Length : a] = true;
            var kept = dims.Select((d, i) => reduced[i] ? 1 : d).ToArray();
            var tiling = dims.Select((d, i) => reduced[i] ? d : d == 0 ? 0 : 1).ToArray();
            return (tf.constant(kept), tf.constant(tiling));
        }
        return DynamicReducedShape(tf.shape(x), op.inputs[1]);
    }

    // TF computes math_ops.reduced_shape with DynamicStitch; a one-hot mask of the reduced axes gives the same vectors.
    static (Tensor keptDims, Tensor tiling) DynamicReducedShape(Tensor inputShape, Tensor axes)
    {
        var rank = tf.size(inputShape);
        var wrapped = tf.floormod(tf.cast(axes, tf.int32) + rank, rank);
        var mask = tf.reduce_sum(tf.one_hot(tf.reshape(wrapped, new[] { -1 }), rank, on_value: 1, off_value: 0, dtype: tf.int32), 0);
        var kept = inputShape * (1 - mask) + mask;
        var tiling = inputShape * mask + (1 - mask);
        return (kept, tiling);
    }

    /// <summary>Sum: broadcast the gradient back over the reduced axes.</summary>
    public static Tensor Sum(Operation op, Tensor grad)
    {
        var x = op.inputs[0];
        if (x.get_shape().Dims is { } dims && ConstantFolding.Value(op.inputs[1]) is { } av)
        {
            var axes = ShapeUtil.Ints(av);
            if (axes.SequenceEqual(Enumerable.Range(0, dims.Length)))
            {
                // Reduce-all fast path: reshape to rank ones and tile by the input shape.
                var ones = tf.reshape(grad, Enumerable.Repeat(1, dims.Length).ToArray());
                Tensor inputShape = dims.All(d => d >= 0) ? tf.constant(dims) : tf.shape(x);
                return tf.tile(ones, inputShape);
            }
        }
        var (kept, tiling) = ReducedShape(op);
        return tf.tile(tf.reshape(grad, kept), tiling);
    }

    /// <summary>Mean: the sum's gradient divided by the number of elements averaged.</summary>
    public static Tensor Mean(Operation op, Tensor grad)
    {
        var sumGrad = Sum(op, grad);
        var input = op.inputs[0].get_shape();
        var output = op.outputs[0].get_shape();
        Tensor factor;
        if (input.num_elements() is int inSize && output.num_elements() is int outSize)
            factor = tf.constant(NDArray.Scalar((double)(inSize / Math.Max(outSize, 1))).astype(sumGrad.dtype));
        else
        {
            var inProd = tf.reduce_prod(tf.shape(op.inputs[0]));
            var outProd = tf.reduce_prod(tf.shape(op.outputs[0]));
            factor = tf.cast(tf.floordiv(inProd, tf.maximum(outProd, 1)), sumGrad.dtype);
        }
        return tf.truediv(sumGrad, factor);
    }

    /// <summary>Max/Min: the gradient goes to the selected elements, split evenly among ties.</summary>
    public static Tensor MinOrMax(Operation op, Tensor grad)
    {
        var (kept, _) = ReducedShape(op);
        var y = tf.reshape(op.outputs[0], kept);
        grad = tf.reshape(grad, kept);
        var indicators = tf.cast(tf.equal(y, op.inputs[0]), grad.dtype);
        var numSelected = tf.reshape(tf.reduce_sum(indicators, op.inputs[1]), kept);
        return tf.truediv(indicators, numSelected) * grad;
    }

    /// <summary>Prod: products of all other elements, from exclusive cumulative products on both sides (safe with zeros).</summary>
    public static Tensor Prod(Operation op, Tensor grad)
    {
        var x = op.inputs[0];
        if (x.get_shape().ndims is not int rank || ConstantFolding.Value(op.inputs[1]) is not { } av)
            throw new LookupError($"The gradient of '{op.name}' (Prod) needs the input's rank and the reduction axes known while building the graph.");
        var inputShape = tf.shape(x);
        var (kept, tiling) = ReducedShape(op);
        grad = tf.tile(tf.reshape(grad, kept), tiling);
        // The permutation that moves the reduced axes first is known here, so it is built as a constant.
        var reduced = ShapeUtil.Ints(av).Select(a => (a + rank) % rank).ToArray();
        var other = Enumerable.Range(0, rank).Where(i => !reduced.Contains(i)).ToArray();
        int[] perm = [.. reduced, .. other];
        var reducedNum = tf.reduce_prod(tf.gather(inputShape, tf.constant(reduced)));
        var otherNum = tf.reduce_prod(tf.gather(inputShape, tf.constant(other)));
        var permuted = tf.transpose(x, perm);
        var permutedShape = tf.shape(permuted);
        var reshaped = tf.reshape(permuted, tf.stack([reducedNum, otherNum]));
        var left = tf.cumprod(reshaped, axis: 0, exclusive: true);
        var right = tf.cumprod(reshaped, axis: 0, exclusive: true, reverse: true);
        var y = tf.reshape(left * right, permutedShape);
        var @out = grad * TransposeOp.Build(y, InvertPermutationOp.Build(tf.constant(perm), null), null);
        return tf.reshape(@out, inputShape);
    }
}
