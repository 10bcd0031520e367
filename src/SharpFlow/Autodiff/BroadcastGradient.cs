namespace SharpFlow.Ops;

/// <summary>Undoes broadcasting in gradients: sums a gradient over the axes along which an input was broadcast.</summary>
internal static class BroadcastGradient
{
    /// <summary>The part of <paramref name="grad"/> that belongs to <paramref name="input"/> (same shape as the input).</summary>
    /// <remarks>
    /// TF parity: math_grad.py's binary-op gradients (<c>reshape(reduce_sum(grad, rx), sx)</c> with <c>rx</c> from
    /// <c>BroadcastGradientArgs</c>). When both static shapes are fully known the axes are computed here, and steps that
    /// would do nothing (no axis to sum, a reshape to the shape already there) are left out.
    /// </remarks>
    internal static Tensor Reduce(Tensor grad, Tensor input)
    {
        var gs = grad.get_shape();
        var xs = input.get_shape();
        if (gs.is_fully_defined() && xs.is_fully_defined() && (gs.ndims >= xs.ndims || gs.num_elements() == xs.num_elements()))
        {
            var g = gs.Dims!;
            var x = xs.Dims!;
            if (g.AsSpan().SequenceEqual(x)) return grad;
            if (g.Length < x.Length && gs.num_elements() == xs.num_elements()) return tf.reshape(grad, x);
            var axes = StaticAxes(g, x);
            var summed = axes.Length == 0 ? grad : tf.reduce_sum(grad, axis: axes);
            return summed.get_shape().Dims is { } s && s.AsSpan().SequenceEqual(x) ? summed : tf.reshape(summed, x);
        }
        var sx = tf.shape(input);
        var (rx, _) = BroadcastGradientArgsOp.Build(sx, tf.shape(grad));
        return tf.reshape(tf.reduce_sum(grad, axis: rx), sx);
    }

    /// <summary>Axes of the gradient to sum for an input of shape <paramref name="x"/>: the leading extra axes and the axes where x has size 1.</summary>
    static int[] StaticAxes(int[] g, int[] x)
    {
        int lead = g.Length - x.Length;
        var axes = new List<int>();
        for (int k = 0; k < g.Length; k++)
            if (k < lead || (x[k - lead] == 1 && g[k] != 1)) axes.Add(k);
        return [.. axes];
    }
}
