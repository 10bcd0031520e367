namespace SharpFlow;

// Operators get their own file; Tensor's state lives in Tensor.cs.
public partial class Tensor
{
    /// <summary>Element-wise sum (op named <c>add</c>, as Python's <c>+</c> names it).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => tf.BinaryOperator("add", a, b);
    /// <summary>Sum with a scalar of the tensor's dtype.</summary>
    public static Tensor operator +(Tensor a, double b) => tf.BinaryOperator("add", a, tf.Literal(b, a.dtype));
    /// <summary>Sum with a scalar of the tensor's dtype.</summary>
    public static Tensor operator +(double a, Tensor b) => tf.BinaryOperator("add", tf.Literal(a, b.dtype), b);

    /// <summary>Element-wise difference (op named <c>sub</c>).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => tf.BinaryOperator("sub", a, b);
    /// <summary>Difference with a scalar of the tensor's dtype.</summary>
    public static Tensor operator -(Tensor a, double b) => tf.BinaryOperator("sub", a, tf.Literal(b, a.dtype));
    /// <summary>Difference with a scalar of the tensor's dtype.</summary>
    public static Tensor operator -(double a, Tensor b) => tf.BinaryOperator("sub", tf.Literal(a, b.dtype), b);

    /// <summary>Element-wise product (op named <c>mul</c>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => tf.BinaryOperator("mul", a, b);
    /// <summary>Product with a scalar of the tensor's dtype.</summary>
    public static Tensor operator *(Tensor a, double b) => tf.BinaryOperator("mul", a, tf.Literal(b, a.dtype));
    /// <summary>Product with a scalar of the tensor's dtype.</summary>
    public static Tensor operator *(double a, Tensor b) => tf.BinaryOperator("mul", tf.Literal(a, b.dtype), b);

    /// <summary>True division (op named <c>truediv</c>; integers divide as float64).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => tf.BinaryOperator("truediv", a, b);
    /// <summary>True division by a scalar of the tensor's dtype.</summary>
    public static Tensor operator /(Tensor a, double b) => tf.BinaryOperator("truediv", a, tf.Literal(b, a.dtype));
    /// <summary>True division of a scalar of the tensor's dtype.</summary>
    public static Tensor operator /(double a, Tensor b) => tf.BinaryOperator("truediv", tf.Literal(a, b.dtype), b);

    /// <summary>Floor modulo (op named <c>mod</c>).</summary>
    public static Tensor operator %(Tensor a, Tensor b) => tf.BinaryOperator("mod", a, b);
    /// <summary>Floor modulo by a scalar of the tensor's dtype.</summary>
    public static Tensor operator %(Tensor a, double b) => tf.BinaryOperator("mod", a, tf.Literal(b, a.dtype));
    /// <summary>Floor modulo of a scalar of the tensor's dtype.</summary>
    public static Tensor operator %(double a, Tensor b) => tf.BinaryOperator("mod", tf.Literal(a, b.dtype), b);

    /// <summary>Negation (op named <c>Neg</c>).</summary>
    public static Tensor operator -(Tensor a) => tf.negative(a);
}
