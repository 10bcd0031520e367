using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>A symbolic handle to one output of an operation; it holds no values.</summary>
/// <remarks>Mirrors <c>tf.Tensor</c>; prints as <c>Tensor("add:0", shape=(2,), dtype=float32)</c>.</remarks>
public partial class Tensor : ITensorOrOperation
{
    TensorShape _shape;

    internal Tensor(Operation op, int index, DType dtype, TensorShape shape)
    {
        this.op = op;
        value_index = index;
        this.dtype = dtype;
        _shape = shape;
    }

    /// <summary>The operation that produces this tensor.</summary>
    public Operation op { get; }

    /// <summary>Index of this tensor among its op's outputs.</summary>
    public int value_index { get; }

    /// <summary>Element type.</summary>
    public DType dtype { get; }

    /// <summary><c>op_name:index</c>.</summary>
    public virtual string name => $"{op.name}:{value_index}";

    /// <summary>The graph that holds this tensor.</summary>
    public Graph graph => op.graph;

    /// <summary>The device of the producing op.</summary>
    public string device => op.device;

    /// <summary>For tensors made implicitly from a C# number: that number (it may adopt another operand's dtype).</summary>
    internal double? LiteralValue { get; init; }

    /// <summary>The static shape.</summary>
    public TensorShape get_shape() => _shape;

    /// <summary>Refines the static shape; throws <see cref="ValueError"/> if incompatible.</summary>
    public void set_shape(TensorShape shape) => _shape = _shape.merge_with(shape);

    /// <summary>Operations that consume this tensor.</summary>
    public Operation[] consumers() => graph.ConsumersOf(this);

    /// <summary>Evaluates this tensor in <paramref name="session"/> (or the default session).</summary>
    public NDArray eval(FeedDict? feed_dict = null, Session? session = null) =>
        (session ?? DefaultStacks.SessionFor(graph, "tensor")).run(this, feed_dict);

    Operation ITensorOrOperation.AsOperation => op;
    Tensor? ITensorOrOperation.AsTensor => this;

    /// <summary>TensorFlow's <c>str()</c> of a tensor.</summary>
    public override string ToString() =>
        _shape.IsUnknownRank ? $"Tensor(\"{name}\", dtype={dtype})" : $"Tensor(\"{name}\", shape={_shape}, dtype={dtype})";

    /// <summary>A scalar float32 constant (TensorFlow's default for Python floats).</summary>
    public static implicit operator Tensor(double v) => tf.constant_literal(v, DType.Float32);
    /// <summary>A scalar float32 constant.</summary>
    public static implicit operator Tensor(float v) => tf.constant_literal(v, DType.Float32);
    /// <summary>A scalar int32 constant (TensorFlow's default for Python ints).</summary>
    public static implicit operator Tensor(int v) => tf.constant_literal(v, DType.Int32);
    /// <summary>A scalar int64 constant.</summary>
    public static implicit operator Tensor(long v) => tf.constant(v);
    /// <summary>A scalar bool constant.</summary>
    public static implicit operator Tensor(bool v) => tf.constant(v);
    /// <summary>A constant holding the array's values.</summary>
    public static implicit operator Tensor(NDArray v) => tf.constant(v);
    /// <summary>A constant holding the array's values.</summary>
    public static implicit operator Tensor(float[] v) => tf.constant(v);
    /// <summary>A constant holding the array's values.</summary>
    public static implicit operator Tensor(double[] v) => tf.constant(v);
    /// <summary>A constant holding the array's values.</summary>
    public static implicit operator Tensor(int[] v) => tf.constant(v);
    /// <summary>A constant holding the array's values.</summary>
    public static implicit operator Tensor(float[,] v) => tf.constant(v);
    /// <summary>A constant holding the array's values.</summary>
    public static implicit operator Tensor(double[,] v) => tf.constant(v);
}
