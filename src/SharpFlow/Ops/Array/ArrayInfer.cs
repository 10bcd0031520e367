namespace SharpFlow.Ops;

/// <summary>Shape rules shared by the joining ops (concat, pack), worded as TensorFlow's shape functions.</summary>
internal static class ArrayInfer
{
    /// <summary>Requires the first <paramref name="n"/> inputs to share one dtype (TensorFlow's list-attr check).</summary>
    public static void RequireSameTypes(InferContext c, int n, string argName, string opType)
    {
        for (int i = 1; i < n; i++)
            if (c.DType(i) != c.DType(0))
                throw new TypeError($"Tensors in list passed to '{argName}' of '{opType}' Op have types [{string.Join(", ", Enumerable.Range(0, n).Select(k => c.DType(k).name))}] that don't all match.");
    }

    /// <summary>The most specific shape compatible with both, or TensorFlow's <c>Merge</c> error.</summary>
    public static TensorShape Merge(InferContext c, TensorShape a, TensorShape b, string? context = null, int[]? computed = null)
    {
        if (a.Dims is not { } da) return b;
        if (b.Dims is not { } db) return a;
        string? error = null;
        if (da.Length != db.Length) error = $"Shapes must be equal rank, but are {da.Length} and {db.Length}";
        else
            for (int k = 0; k < da.Length && error is null; k++)
                if (da[k] >= 0 && db[k] >= 0 && da[k] != db[k])
                    error = $"Dimension {k} in both shapes must be equal, but are {da[k]} and {db[k]}. Shapes are {a.CppString} and {b.CppString}.";
        if (error is not null) throw ShapeUtil.Error(c, context is null ? error : error + "\n\t" + context, computed);
        return a.merge_with(b);
    }

    /// <summary>TF parity: core/framework/common_shape_fns.cc, ConcatShapeHelper (values first, axis last).</summary>
    public static TensorShape ConcatShape(InferContext c, int n)
    {
        int[] computed = [n];
        var axisValue = ShapeUtil.ConstInts(c, n);
        if (axisValue is null)
        {
            int? rank = Enumerable.Range(0, n).Select(i => c.Shape(i).ndims).FirstOrDefault(r => r is not null);
            if (rank is null) return TensorShape.Unknown;
            if (rank == 0) throw ShapeUtil.Error(c, "Can't concatenate scalars (use tf.stack instead)");
            for (int i = 0; i < n; i++) c.RequireRank(i, rank.Value);
            return TensorShape.UnknownOfRank(rank.Value);
        }
        int axis = axisValue[0];
        int minRank = axis < 0 ? -axis : axis + 1;
        TensorShape before = TensorShape.Unknown, after = TensorShape.Unknown;
        int middle = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            var s = c.Shape(i);
            if (s.ndims is int r && r < minRank) throw ShapeUtil.Error(c, $"Shape must be at least rank {minRank} but is rank {r}", computed);
            TensorShape b = TensorShape.Unknown, a = TensorShape.Unknown;
            int m = -1;
            if (s.Dims is { } d)
            {
                int k = axis < 0 ? axis + d.Length : axis;
                b = new TensorShape(d[..k]);
                a = new TensorShape(d[(k + 1)..]);
                m = d[k];
            }
            if (i == n - 1) { before = b; after = a; middle = m; continue; }
            before = Merge(c, b, before, computed: computed);
            middle = middle < 0 || m < 0 ? -1 : middle + m;
            after = Merge(c, a, after, computed: computed);
        }
        if (before.Dims is not { } bd || after.Dims is not { } ad) return TensorShape.Unknown;
        return new TensorShape([.. bd, middle, .. ad]);
    }

    /// <summary>The inputs' common shape, merged from the last to the first as TensorFlow's Pack rule does.</summary>
    public static TensorShape MergeAll(InferContext c, int n)
    {
        var cur = c.Shape(n - 1);
        for (int i = n - 2; i >= 0; i--)
            cur = Merge(c, c.Shape(i), cur, $"From merging shape {i} with other shapes.");
        return cur;
    }
}
