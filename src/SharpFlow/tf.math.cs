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
                throw new TypeError($"x and y must have the same dtype, got {x.dtype.Repr} != {y.dtype.Repr}");
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
    public static Tensor mod(Tensor x, Tensor y, string? name = null) => FloorModOp.Instance.Build(x, y, name, "mod");
}
