#pragma warning disable CS8981
namespace SharpFlow;

public static partial class tf
{
    /// <summary>A tensor of zeros.</summary>
    public static Tensor zeros(TensorShape shape, DType? dtype = null, string? name = null) =>
        constant(0.0, dtype ?? float32, shape, name ?? "zeros");

    /// <summary>A tensor of ones.</summary>
    public static Tensor ones(TensorShape shape, DType? dtype = null, string? name = null) =>
        constant(1.0, dtype ?? float32, shape, name ?? "ones");
}
