namespace SharpFlow.Ops;

/// <summary>What an op's inference rule may look at while the op is being built.</summary>
internal sealed class InferContext
{
    readonly Operation _op;

    internal InferContext(Operation op) => _op = op;

    public Operation Op => _op;
    public int InputCount => _op.inputs.Count;
    public Tensor Input(int i) => _op.inputs[i];
    public TensorShape Shape(int i) => _op.inputs[i].get_shape();
    public DType DType(int i) => _op.inputs[i].dtype;
    public T Get<T>(AttrKey<T> key) => _op.Attrs.Get(key);

    /// <summary>The value of input <paramref name="i"/> if it is known while building (constants, known shapes).</summary>
    public NDArray? ConstantValue(int i) => ConstantFolding.Value(_op.inputs[i]);

    /// <summary>A <see cref="ValueError"/> worded as TensorFlow's shape functions word them.</summary>
    public ValueError Error(string message) =>
        new($"{message} for '{_op.name}' (op: '{_op.type}') with input shapes: {string.Join(", ", _op.inputs.Select(t => t.get_shape().CppString))}.");

    /// <summary>Requires input <paramref name="i"/> to have a dtype in <paramref name="allowed"/>.</summary>
    public void RequireType(int i, params DType[] allowed)
    {
        var t = DType(i);
        if (!allowed.Contains(t))
            throw new TypeError($"Value passed to parameter '{InputName(i)}' has DataType {t} not in list of allowed values: {string.Join(", ", allowed.Select(a => a.name))}");
    }

    /// <summary>Requires input <paramref name="i"/> to have rank <paramref name="rank"/> when known.</summary>
    public void RequireRank(int i, int rank)
    {
        var r = Shape(i).ndims;
        if (r is int k && k != rank) throw Error($"Shape must be rank {rank} but is rank {k}");
    }

    /// <summary>Requires two known dimensions to agree.</summary>
    public void RequireEqualDims(int a, int b)
    {
        if (a >= 0 && b >= 0 && a != b) throw Error($"Dimensions must be equal, but are {a} and {b}");
    }

    /// <summary>Merges the shapes of two inputs, failing with TensorFlow's <c>Merge</c> wording.</summary>
    public TensorShape Merge(int i, int j)
    {
        var a = Shape(i);
        var b = Shape(j);
        if (a.Dims is not { } da || b.Dims is not { } db) return a.merge_with(b);
        if (da.Length != db.Length) throw Error($"Shapes must be equal rank, but are {da.Length} and {db.Length}");
        for (int k = 0; k < da.Length; k++)
            if (da[k] >= 0 && db[k] >= 0 && da[k] != db[k])
                throw Error($"Dimension {k} in both shapes must be equal, but are {da[k]} and {db[k]}. Shapes are {a.CppString} and {b.CppString}.");
        return a.merge_with(b);
    }

    string InputName(int i) => i < _op.Def.InputNames.Length ? _op.Def.InputNames[i] : $"input_{i}";

    /// <summary>One output: a dtype and a shape.</summary>
    public static TensorSpec[] One(DType dtype, TensorShape shape) => [new TensorSpec(dtype, shape)];
}
