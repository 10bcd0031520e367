#pragma warning disable CS8981   // lowercase facade names mirror TensorFlow's Python modules
using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>The TensorFlow 1.x API: <c>tf.constant</c>, <c>tf.matmul</c>, <c>tf.Session</c> …</summary>
public static partial class tf
{
    /// <summary>The version of TensorFlow whose behaviour SharpFlow reproduces.</summary>
    public const string __version__ = "1.15.0";

    /// <summary>32-bit float.</summary>
    public static readonly DType float32 = DType.Float32;
    /// <summary>64-bit float.</summary>
    public static readonly DType float64 = DType.Float64;
    /// <summary>64-bit float (TensorFlow's alias).</summary>
    public static readonly DType @double = DType.Float64;
    /// <summary>32-bit integer.</summary>
    public static readonly DType int32 = DType.Int32;
    /// <summary>64-bit integer.</summary>
    public static readonly DType int64 = DType.Int64;
    /// <summary>Boolean.</summary>
    public static readonly DType @bool = DType.Bool;

    /// <summary>This thread's default graph.</summary>
    public static Graph get_default_graph() => DefaultStacks.Graph;

    /// <summary>Replaces this thread's global default graph with a new one.</summary>
    public static void reset_default_graph() => DefaultStacks.ResetGlobalGraph();

    /// <summary>A new, empty graph.</summary>
    public static Graph Graph() => new();

    /// <summary>A session on <paramref name="graph"/> (default: the default graph).</summary>
    public static Session Session(string target = "", Graph? graph = null, ConfigProto? config = null) => new(target, graph, config);

    /// <summary>A session that installs itself as the default.</summary>
    public static InteractiveSession InteractiveSession(string target = "", Graph? graph = null, ConfigProto? config = null) => new(target, graph, config);

    /// <summary>Session options.</summary>
    public static ConfigProto ConfigProto(bool allow_soft_placement = false, bool log_device_placement = false,
        int intra_op_parallelism_threads = 0, int inter_op_parallelism_threads = 0) => new()
    {
        allow_soft_placement = allow_soft_placement,
        log_device_placement = log_device_placement,
        intra_op_parallelism_threads = intra_op_parallelism_threads,
        inter_op_parallelism_threads = inter_op_parallelism_threads,
    };

    /// <summary>The default session of this thread, or null.</summary>
    public static Session? get_default_session() => DefaultStacks.Session;

    /// <summary>Opens a name scope in the default graph.</summary>
    public static IDisposable name_scope(string? name, string? default_name = null, IEnumerable<Tensor>? values = null)
    {
        var g = values?.FirstOrDefault()?.graph ?? get_default_graph();
        return g.name_scope(name ?? default_name);
    }

    /// <summary>Pins ops created in the scope to a device.</summary>
    public static IDisposable device(string? device_name) => get_default_graph().device(device_name);

    /// <summary>Ops created in the scope depend on <paramref name="control_inputs"/>.</summary>
    public static IDisposable control_dependencies(IEnumerable<ITensorOrOperation>? control_inputs) =>
        get_default_graph().control_dependencies(control_inputs);

    /// <summary>Adds a value to a collection of the default graph.</summary>
    public static void add_to_collection(string name, object value) => get_default_graph().add_to_collection(name, value);

    /// <summary>A copy of a collection of the default graph.</summary>
    public static List<object> get_collection(string key, string? scope = null) =>
        get_default_graph().get_collection(key).Where(o => scope is null || ScopeMatches(o, scope)).ToList();

    /// <summary>The items of a collection that are of type <typeparamref name="T"/>.</summary>
    public static List<T> get_collection<T>(string key, string? scope = null) => get_collection(key, scope).OfType<T>().ToList();

    static bool ScopeMatches(object o, string scope) => o switch
    {
        Tensor t => System.Text.RegularExpressions.Regex.IsMatch(t.name, "^" + scope),
        Operation op => System.Text.RegularExpressions.Regex.IsMatch(op.name, "^" + scope),
        _ => false,
    };

    /// <summary>Sets the graph-level random seed of the default graph.</summary>
    public static void set_random_seed(int seed) => get_default_graph().seed = seed;

    /// <summary>A constant tensor.</summary>
    public static Tensor constant(NDArray value, DType? dtype = null, TensorShape? shape = null, string name = "Const")
    {
        if (dtype is not null && dtype != value.dtype)
        {
            if (value.dtype.is_floating && dtype.is_integer && value.ToArray<double>().Any(v => Math.Floor(v) != v))
                throw new TypeError($"Expected {dtype}, got {value.GetDouble(0)} of type 'float' instead.");
            value = value.astype(dtype);
        }
        if (shape is not null)
        {
            var dims = shape.Dims ?? throw new ValueError("Shape must be fully defined for a constant.");
            int n = NDArray.ShapeSize(dims);
            if (value.size == n) value = value.reshape(dims);
            else if (value.size == 1) value = Fill(value, dims);
            else throw new TypeError($"Expected Tensor's shape: {shape}, got {NDArray.FormatShape(value.shape)}.");
        }
        return ConstOp.Build(value, name);
    }

    /// <summary>A scalar (or filled) constant from a C# double: float32 unless <paramref name="dtype"/> says otherwise, as Python floats are.</summary>
    public static Tensor constant(double value, DType? dtype = null, TensorShape? shape = null, string name = "Const") =>
        constant(dtype == float64 ? (NDArray)value : (NDArray)(float)value, dtype, shape, name);

    /// <summary>A scalar (or filled) int32 constant unless <paramref name="dtype"/> says otherwise, as Python ints are.</summary>
    public static Tensor constant(int value, DType? dtype = null, TensorShape? shape = null, string name = "Const") =>
        constant((NDArray)value, dtype, shape, name);

    /// <summary>A scalar (or filled) int64 constant.</summary>
    public static Tensor constant(long value, DType? dtype = null, TensorShape? shape = null, string name = "Const") =>
        constant((NDArray)value, dtype, shape, name);

    static NDArray Fill(NDArray scalar, int[] dims)
    {
        var r = NDArray.Zeros(scalar.dtype, dims);
        var v = scalar.GetItem(0);
        for (int i = 0; i < r.size; i++) r.Data.SetValue(v, i);
        return r;
    }

    /// <summary>A constant made from a C# number that may adopt the dtype of the tensor it meets.</summary>
    internal static Tensor constant_literal(double v, DType dtype)
    {
        // TF parity: convert_to_tensor(2.5, dtype=int32) and any number as bool fail instead of truncating.
        if (dtype.is_integer && Math.Floor(v) != v)
            throw new TypeError($"Expected {dtype.name}, got {v} of type 'float' instead.");
        if (dtype.is_bool)
            throw new TypeError($"Expected bool, got {v} of type '{(Math.Floor(v) == v ? "int" : "float")}' instead.");
        NDArray value = dtype == DType.Float32 ? (float)v : dtype == DType.Float64 ? v : dtype == DType.Int32 ? checked((int)v) :
            dtype == DType.Int64 ? (long)v : v != 0;
        return ConstOp.Literal(value, v);
    }

    /// <summary>A tensor whose value must be fed; -1 marks an unknown dimension, a null shape an unknown rank.</summary>
    public static Tensor placeholder(DType dtype, TensorShape? shape = null, string? name = null) =>
        PlaceholderOp.Instance.Create(name, "Placeholder", [],
            AttrMap.Of(PlaceholderOp.DTypeAttr.With(dtype), PlaceholderOp.ShapeAttr.With(shape ?? TensorShape.Unknown))).outputs[0];

    /// <summary>The same value (an Identity op).</summary>
    public static Tensor identity(Tensor input, string? name = null) => IdentityOp.Build(input, name);

    /// <summary>An op that does nothing (useful as a control-dependency target).</summary>
    public static Operation no_op(string? name = null) => NoOp.Instance.Create(name, "NoOp", []);

    /// <summary>An op that runs all of <paramref name="inputs"/>.</summary>
    public static Operation group(IEnumerable<ITensorOrOperation> inputs, string? name = null)
    {
        using (control_dependencies(inputs))
            return no_op(name ?? "group_deps");
    }

    /// <summary>Matrix product.</summary>
    public static Tensor matmul(Tensor a, Tensor b, bool transpose_a = false, bool transpose_b = false, string? name = null) =>
        MatMulOp.Build(a, b, transpose_a, transpose_b, name);
}
