namespace SharpFlow;

/// <summary>Checks feeds against the graph and converts their values to the fed tensors' dtypes.</summary>
internal static class FeedValidator
{
    /// <summary>The fed tensors sorted by name, with their converted values in the same order.</summary>
    internal static (Tensor[] tensors, NDArray[] values) Validate(Graph graph, FeedDict? feeds)
    {
        if (feeds is null || feeds.Count == 0) return ([], []);
        var tensors = feeds.Keys.OrderBy(t => t.name, StringComparer.Ordinal).ToArray();
        var values = new NDArray[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            if (t.graph != graph)
                throw new TypeError($"Cannot interpret feed_dict key as Tensor: Tensor {t} is not an element of this graph.");
            var v = feeds[t] ?? throw new TypeError($"The value of a feed cannot be a tf.Tensor object. Acceptable feed values include Python scalars, strings, lists, numpy ndarrays, or TensorHandles. For reference, the tensor object was None which was passed to the feed with key {t}.");
            values[i] = Convert(t, v);
        }
        return (tensors, values);
    }

    static NDArray Convert(Tensor t, NDArray v)
    {
        if (v.dtype != t.dtype)
        {
            bool lossy = (v.dtype.is_floating && (t.dtype.is_integer || t.dtype.is_bool)) ||
                         (v.dtype.is_bool != t.dtype.is_bool);
            if (lossy)
                throw new TypeError($"Cannot feed value of dtype {v.dtype} for Tensor '{t.name}', which has dtype {t.dtype}");
            v = v.astype(t.dtype);
        }
        if (!t.get_shape().Accepts(v.shape))
            throw new ValueError($"Cannot feed value of shape {NDArray.FormatShape(v.shape)} for Tensor '{t.name}', which has shape '{t.get_shape()}'");
        return v;
    }
}
