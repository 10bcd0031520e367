namespace SharpFlow.Ops;

/// <summary>
/// Lets C# number literals adopt the dtype of the tensor they meet, as Python numbers do when
/// TensorFlow converts them against an op's type attribute (<c>tf.maximum(x, 0.0)</c> on float64).
/// </summary>
internal static class LiteralCoercion
{
    internal static void Apply(Graph graph, OpDef def, Tensor[] inputs)
    {
        var group = def.SameTypeInputs;
        DType? target = null;
        foreach (int i in group)
            if (i < inputs.Length && inputs[i].LiteralValue is null) { target = inputs[i].dtype; break; }
        for (int i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            if (t.LiteralValue is not double v) continue;
            var want = group.Contains(i) && target is not null ? target : t.dtype;
            if (want == t.dtype && t.graph == graph) continue;
            if (want.is_integer && Math.Floor(v) != v)
                throw new TypeError($"Expected {want.name}, got {v} of type 'float' instead.");
            if (want.is_bool)
                throw new TypeError($"Expected bool, got {v} of type '{(Math.Floor(v) == v ? "int" : "float")}' instead.");
            using (graph.as_default())
                inputs[i] = tf.constant_literal(v, want);
        }
        if (target is null) return;
        foreach (int i in group)
        {
            if (i >= inputs.Length || inputs[i].dtype == target) continue;
            var first = group.First(k => k < inputs.Length && inputs[k].LiteralValue is null);
            throw new TypeError($"Input '{ArgName(def, i)}' of '{def.Type}' Op has type {inputs[i].dtype} that does not match type {target} of argument '{ArgName(def, first)}'.");
        }
    }

    static string ArgName(OpDef def, int i) => def.InputNames.Length > i ? def.InputNames[i] : $"input_{i}";
}

/// <summary>Values of tensors that are known while the graph is built (TensorFlow's <c>constant_value</c>).</summary>
internal static class ConstantFolding
{
    internal static NDArray? Value(Tensor t) => t.op.Def is IConstantFoldable f ? f.Fold(t) : null;
}

/// <summary>An op whose output can be known at graph-construction time in some cases.</summary>
internal interface IConstantFoldable
{
    NDArray? Fold(Tensor output);
}
