namespace SharpFlow;

/// <summary>Values to feed into tensors for one <c>Session.run</c>.</summary>
/// <remarks>Python's <c>feed_dict</c>: <c>new() { [x] = new[,] { { 0.7f, 0.9f } } }</c>.</remarks>
public sealed class FeedDict : Dictionary<Tensor, NDArray>
{
    /// <summary>An empty feed.</summary>
    public FeedDict() { }

    internal FeedDict(IEnumerable<FeedItem> items)
    {
        foreach (var i in items) this[i.Tensor] = i.Value;
    }
}

/// <summary>One (tensor, value) feed pair: <c>sess.run(y, (x, data))</c>.</summary>
public readonly struct FeedItem(Tensor tensor, NDArray value)
{
    /// <summary>The fed tensor.</summary>
    public Tensor Tensor { get; } = tensor;

    /// <summary>Its value.</summary>
    public NDArray Value { get; } = value;

    /// <summary>From a tuple whose value is any array or scalar.</summary>
    public static implicit operator FeedItem((Tensor tensor, object value) t) => new(t.tensor, NDArray.FromObject(t.value));

    /// <summary>From a tuple whose value is an NDArray.</summary>
    public static implicit operator FeedItem((Tensor tensor, NDArray value) t) => new(t.tensor, t.value);
}
