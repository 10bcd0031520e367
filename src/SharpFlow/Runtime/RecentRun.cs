namespace SharpFlow;

/// <summary>
/// A Session.run call shape seen before: the same fetch objects and feed keys (in the feed
/// dictionary's order) map straight to their plan, skipping the name-sorted plan key, the LINQ and
/// the per-call arrays of the full path. A training loop repeats one call shape, so its steady state
/// allocates nothing here.
/// </summary>
/// <remarks>Only the identity of fetches and feed keys is cached; every call still checks each feed value.</remarks>
internal sealed class RecentRun
{
    readonly ITensorOrOperation[] _fetches;
    readonly Tensor[] _feedKeys;       // in the feed dictionary's enumeration order
    readonly int[] _feedPosition;      // where each key sits in the plan's (name-sorted) feed order
    readonly NDArray[] _feedValues;    // reused per call, cleared afterwards
    readonly int[] _resultIndex;       // per fetch: index into the plan's fetch values, -1 for an operation
    readonly int[][] _feedShapes;      // in the plan's feed order: the shapes its plan was made for

    /// <summary>What <see cref="TryRun"/> did.</summary>
    internal enum Outcome
    {
        /// <summary>The plan ran.</summary>
        Ran,
        /// <summary>Nothing ran: a feed has another shape, which has (or gets) a plan of its own.</summary>
        OtherShapes,
        /// <summary>Nothing ran: a feed value needs converting or is wrong; the full path handles it.</summary>
        NeedsFullPath,
    }

    internal RecentRun(ITensorOrOperation[] fetches, FeedDict? feeds, Tensor[] sortedFeeds, NDArray[] sortedValues, Tensor[] uniqueFetches, ExecutionPlan plan)
    {
        _feedShapes = [.. sortedValues.Select(v => (int[])v.shape.Clone())];
        _fetches = fetches;
        _feedKeys = feeds is null ? [] : [.. feeds.Keys];
        _feedPosition = [.. _feedKeys.Select(t => Array.IndexOf(sortedFeeds, t))];
        _feedValues = new NDArray[sortedFeeds.Length];
        _resultIndex = [.. fetches.Select(f => f.AsTensor is { } t ? Array.IndexOf(uniqueFetches, t) : -1)];
        Plan = plan;
    }

    internal ExecutionPlan Plan { get; }

    /// <summary>True when the call passes the very same fetch objects and feed keys, in the same order.</summary>
    internal bool Matches(ReadOnlySpan<ITensorOrOperation> fetches, FeedDict? feeds)
    {
        if (fetches.Length != _fetches.Length || (feeds?.Count ?? 0) != _feedKeys.Length) return false;
        for (int i = 0; i < fetches.Length; i++)
            if (!ReferenceEquals(fetches[i], _fetches[i])) return false;
        if (feeds is null) return true;
        int k = 0;
        foreach (var kv in feeds)
            if (!ReferenceEquals(kv.Key, _feedKeys[k++])) return false;
        return true;
    }

    /// <summary>
    /// Runs the plan when every feed value already has its tensor's dtype and the shape the plan was
    /// made for; otherwise runs nothing and says why.
    /// </summary>
    internal Outcome TryRun(FeedDict? feeds, bool wantResults, out NDArray?[]? results)
    {
        results = null;
        if (feeds is not null)
        {
            int k = 0;
            foreach (var kv in feeds)
            {
                var t = _feedKeys[k];
                var v = kv.Value;
                if (v is null || v.dtype != t.dtype || !t.get_shape().Accepts(v.shape))
                {
                    Array.Clear(_feedValues);
                    return Outcome.NeedsFullPath;
                }
                if (!v.shape.AsSpan().SequenceEqual(_feedShapes[_feedPosition[k]]))
                {
                    Array.Clear(_feedValues);
                    return Outcome.OtherShapes;
                }
                _feedValues[_feedPosition[k++]] = v;
            }
        }
        NDArray[] values;
        try
        {
            values = Plan.Run(_feedValues);
        }
        finally
        {
            Array.Clear(_feedValues);   // the plan must not keep the caller's arrays alive
        }
        if (!wantResults) return Outcome.Ran;
        results = new NDArray?[_fetches.Length];
        for (int i = 0; i < results.Length; i++)
            if (_resultIndex[i] >= 0) results[i] = values[_resultIndex[i]];
        return Outcome.Ran;
    }
}
