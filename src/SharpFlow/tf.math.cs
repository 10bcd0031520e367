#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>A scalar constant of <paramref name="dtype"/> from a C# number (Python scalars take the other operand's dtype).</summary>
    internal static Tensor Literal(double v, DType dtype) => constant_literal(v, dtype);

    /// <summary>The ops behind Python's arithmetic operators, named as Python names them.</summary>
    internal static Tensor BinaryOperator(string pyName, Tensor a, Tensor b) => pyName switch
    {
        "add" => AddOp.Instance.Build(a, b, null, "add"),
        "sub" => SubOp.Instance.Build(a, b, null, "sub"),
        "mul" => MulOp.Instance.Build(a, b, null, "mul"),
        "truediv" => truediv(a, b, "truediv"),
        "mod" => floormod(a, b, "mod"),
        _ => throw new ArgumentOutOfRangeException(nameof(pyName)),
    };

    /// <summary>x + y with broadcasting.</summary>
    public static Tensor add(Tensor x, Tensor y, string? name = null) => AddOp.Instance.Build(x, y, name);

    /// <summary>x − y with broadcasting.</summary>
    public static Tensor subtract(Tensor x, Tensor y, string? name = null) => SubOp.Instance.Build(x, y, name);

    /// <summary>x · y with broadcasting.</summary>
    public static Tensor multiply(Tensor x, Tensor y, string? name = null) => MulOp.Instance.Build(x, y, name);
}

public static partial class tf
{
    /// <summary>−x.</summary>
    public static Tensor negative(Tensor x, string? name = null) => NegOp.Instance.Build(x, name);

    /// <summary>Converts to another dtype.</summary>
    public static Tensor cast(Tensor x, DType dtype, string? name = null) =>
        x.dtype == dtype && name is null ? x : CastOp.Build(x, dtype, name);

    /// <summary>x / y as floating point; integers are first cast to float64 (int32) as Python 3's <c>/</c> does.</summary>
    public static Tensor truediv(Tensor x, Tensor y, string? name = null)
    {
        using (name_scope(name, "truediv"))
        {
            var scope = get_default_graph().NameStack;
            if (x.LiteralValue is null && y.LiteralValue is not null && y.dtype != x.dtype) y = Literal(y.LiteralValue.Value, x.dtype);
            if (y.LiteralValue is null && x.LiteralValue is not null && x.dtype != y.dtype) x = Literal(x.LiteralValue.Value, y.dtype);
            if (x.dtype != y.dtype)
                throw new TypeError($"x and y must have the same dtype, got tf.{x.dtype.name} != tf.{y.dtype.name}");   // TF parity: %r of a DType is tf.<name>
            if (x.dtype.is_integer)
            {
                // TF parity: math_ops._truediv_python3 maps int32 → float64, int64 → float64.
                x = CastOp.Build(x, float64, null);
                y = CastOp.Build(y, float64, null);
            }
            return RealDivOp.Instance.Build(x, y, scope + "/");
        }
    }

    /// <summary>x / y: true division for floats, C-style for integers (<c>tf.div</c>).</summary>
    public static Tensor div(Tensor x, Tensor y, string? name = null) =>
        x.dtype.is_floating ? RealDivOp.Instance.Build(x, y, name, "div") : floordiv(x, y, name ?? "div");

    /// <summary>x / y for floating types.</summary>
    public static Tensor realdiv(Tensor x, Tensor y, string? name = null) => RealDivOp.Instance.Build(x, y, name);
}

public static partial class tf
{
    /// <summary>⌊x / y⌋.</summary>
    public static Tensor floordiv(Tensor x, Tensor y, string? name = null) => FloorDivOp.Instance.Build(x, y, name, "floordiv");

    /// <summary>Remainder of floor division, sign of y.</summary>
    public static Tensor floormod(Tensor x, Tensor y, string? name = null) => FloorModOp.Instance.Build(x, y, name);

    /// <summary>Same as <see cref="floormod"/>.</summary>
    /// <remarks>TF parity: math_ops.py binds <c>tf.mod</c> to gen_math_ops.floor_mod, so its default name is FloorMod; only <c>%</c> names it mod.</remarks>
    public static Tensor mod(Tensor x, Tensor y, string? name = null) => FloorModOp.Instance.Build(x, y, name);
}

public static partial class tf
{
    /// <summary>x² element by element.</summary>
    public static Tensor square(Tensor x, string? name = null) => SquareOp.Instance.Build(x, name);

    /// <summary>xʸ element by element, with broadcasting.</summary>
    public static Tensor pow(Tensor x, Tensor y, string? name = null) => PowOp.Instance.Build(x, y, name);

    /// <summary>Square root element by element.</summary>
    public static Tensor sqrt(Tensor x, string? name = null) => SqrtOp.Instance.Build(x, name);

    /// <summary>Reciprocal of the square root, element by element.</summary>
    public static Tensor rsqrt(Tensor x, string? name = null) => RsqrtOp.Instance.Build(x, name);

    /// <summary>eˣ element by element.</summary>
    public static Tensor exp(Tensor x, string? name = null) => ExpOp.Instance.Build(x, name);

    /// <summary>Natural logarithm element by element.</summary>
    public static Tensor log(Tensor x, string? name = null) => LogOp.Instance.Build(x, name);

    /// <summary>log(1 + x) element by element, accurate for small x.</summary>
    public static Tensor log1p(Tensor x, string? name = null) => Log1pOp.Instance.Build(x, name);

    /// <summary>Absolute value element by element.</summary>
    public static Tensor abs(Tensor x, string? name = null) => AbsOp.Instance.Build(x, name);

    /// <summary>−1, 0 or 1 by the sign of each element.</summary>
    public static Tensor sign(Tensor x, string? name = null) => SignOp.Instance.Build(x, name);

    /// <summary>1 / x element by element.</summary>
    public static Tensor reciprocal(Tensor x, string? name = null) => ReciprocalOp.Instance.Build(x, name);

    /// <summary>The larger of x and y element by element, with broadcasting.</summary>
    public static Tensor maximum(Tensor x, Tensor y, string? name = null) => MaximumOp.Instance.Build(x, y, name);

    /// <summary>The smaller of x and y element by element, with broadcasting.</summary>
    public static Tensor minimum(Tensor x, Tensor y, string? name = null) => MinimumOp.Instance.Build(x, y, name);

    /// <summary>(x − y)² element by element, with broadcasting.</summary>
    public static Tensor squared_difference(Tensor x, Tensor y, string? name = null) => SquaredDifferenceOp.Instance.Build(x, y, name);

    /// <summary>Sum of a list of same-shaped tensors; a single tensor comes back unchanged (or as an Identity when named).</summary>
    public static Tensor add_n(IEnumerable<Tensor> inputs, string? name = null)
    {
        var list = inputs?.ToArray() ?? [];
        if (list.Length == 0)
            throw new ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape");
        // TF parity: math_ops.add_n returns a lone input itself.
        if (list.Length == 1) return name is null ? list[0] : identity(list[0], name);
        return AddNOp.Instance.Build(list, name);
    }

    /// <summary>Clips values to [clip_value_min, clip_value_max] (a Minimum, then a Maximum named after the scope).</summary>
    public static Tensor clip_by_value(Tensor t, Tensor clip_value_min, Tensor clip_value_max, string? name = null)
    {
        using (name_scope(name, "clip_by_value", [t]))
        {
            var scope = t.graph.NameStack;
            var tMin = MinimumOp.Instance.Build(t, clip_value_max, null);
            // TF parity: clip_ops.py rejects bounds that would broadcast t to a larger shape.
            t.get_shape().merge_with(tMin.get_shape());
            var tMax = MaximumOp.Instance.Build(tMin, clip_value_min, scope + "/");
            t.get_shape().merge_with(tMax.get_shape());
            return tMax;
        }
    }
}

public static partial class tf
{
    /// <summary>x == y element by element, with broadcasting.</summary>
    public static Tensor equal(Tensor x, Tensor y, string? name = null) => EqualOp.Instance.Build(x, y, name);

    /// <summary>x != y element by element, with broadcasting.</summary>
    public static Tensor not_equal(Tensor x, Tensor y, string? name = null) => NotEqualOp.Instance.Build(x, y, name);

    /// <summary>x &lt; y element by element, with broadcasting.</summary>
    public static Tensor less(Tensor x, Tensor y, string? name = null) => LessOp.Instance.Build(x, y, name);

    /// <summary>x &gt; y element by element, with broadcasting.</summary>
    public static Tensor greater(Tensor x, Tensor y, string? name = null) => GreaterOp.Instance.Build(x, y, name);

    /// <summary>x &lt;= y element by element, with broadcasting.</summary>
    public static Tensor less_equal(Tensor x, Tensor y, string? name = null) => LessEqualOp.Instance.Build(x, y, name);

    /// <summary>x &gt;= y element by element, with broadcasting.</summary>
    public static Tensor greater_equal(Tensor x, Tensor y, string? name = null) => GreaterEqualOp.Instance.Build(x, y, name);

    /// <summary>Logical and of two bool tensors, with broadcasting.</summary>
    public static Tensor logical_and(Tensor x, Tensor y, string? name = null) => LogicalAndOp.Instance.Build(x, y, name);

    /// <summary>Logical or of two bool tensors, with broadcasting.</summary>
    public static Tensor logical_or(Tensor x, Tensor y, string? name = null) => LogicalOrOp.Instance.Build(x, y, name);

    /// <summary>Logical negation of a bool tensor.</summary>
    public static Tensor logical_not(Tensor x, string? name = null) => LogicalNotOp.Instance.Build(x, name);

    /// <summary>
    /// With x and y: elements of x where condition holds, else of y (TensorFlow 1.x Select: condition has x's shape,
    /// is a scalar, or is a vector over x's first dimension). Without them: the coordinates of the true elements.
    /// </summary>
    public static Tensor where(Tensor condition, Tensor? x = null, Tensor? y = null, string? name = null)
    {
        if (x is null && y is null) return WhereOp.Instance.Build(condition, name);
        if (x is null || y is null) throw new ValueError("x and y must both be non-None or both be None.");
        return SelectOp.Instance.Build(condition, x, y, name);
    }
}
