#pragma warning disable CS8981
using SharpFlow.Autodiff;
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>Symbolic derivatives of the sum of <paramref name="ys"/> with respect to each of <paramref name="xs"/>.</summary>
    /// <remarks>
    /// Mirrors <c>tf.gradients</c>: ops are added under the <c>gradients</c> name scope, gradients reaching a tensor along
    /// several paths are summed with <c>AddN</c>, and an <c>x</c> that <c>ys</c> does not depend on (or that is not
    /// floating-point) gets null. <paramref name="grad_ys"/> defaults to ones shaped like each <c>y</c>.
    /// <paramref name="colocate_gradients_with_ops"/>, <paramref name="gate_gradients"/> and
    /// <paramref name="aggregation_method"/> are accepted for compatibility; they do not change the values here.
    /// </remarks>
    public static Tensor?[] gradients(IReadOnlyList<Tensor> ys, IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor?>? grad_ys = null,
        string name = "gradients", bool colocate_gradients_with_ops = false, bool gate_gradients = false,
        int? aggregation_method = null, IReadOnlyList<Tensor>? stop_gradients = null)
    {
        // TF parity: gradients_util._AggregatedGrads accepts ADD_N (0), EXPERIMENTAL_TREE (1), EXPERIMENTAL_ACCUMULATE_N (2).
        if (aggregation_method is not (null or 0 or 1 or 2))
            throw new ValueError($"Invalid aggregation_method specified {aggregation_method}.");
        return Gradients.Build(ys, xs, grad_ys, name, stop_gradients);
    }

    /// <inheritdoc cref="gradients(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, string, bool, bool, int?, IReadOnlyList{Tensor})"/>
    public static Tensor?[] gradients(Tensor ys, IReadOnlyList<Tensor> xs, Tensor? grad_ys = null, string name = "gradients",
        bool colocate_gradients_with_ops = false, bool gate_gradients = false, int? aggregation_method = null,
        IReadOnlyList<Tensor>? stop_gradients = null) =>
        gradients([ys], xs, grad_ys is null ? null : [grad_ys], name, colocate_gradients_with_ops, gate_gradients, aggregation_method, stop_gradients);

    /// <inheritdoc cref="gradients(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, string, bool, bool, int?, IReadOnlyList{Tensor})"/>
    public static Tensor?[] gradients(Tensor ys, IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor?> grad_ys, string name = "gradients",
        bool colocate_gradients_with_ops = false, bool gate_gradients = false, int? aggregation_method = null,
        IReadOnlyList<Tensor>? stop_gradients = null) =>
        gradients([ys], xs, grad_ys, name, colocate_gradients_with_ops, gate_gradients, aggregation_method, stop_gradients);

    /// <inheritdoc cref="gradients(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, string, bool, bool, int?, IReadOnlyList{Tensor})"/>
    public static Tensor?[] gradients(Tensor ys, Tensor xs, Tensor? grad_ys = null, string name = "gradients",
        bool colocate_gradients_with_ops = false, bool gate_gradients = false, int? aggregation_method = null,
        IReadOnlyList<Tensor>? stop_gradients = null) =>
        gradients([ys], [xs], grad_ys is null ? null : [grad_ys], name, colocate_gradients_with_ops, gate_gradients, aggregation_method, stop_gradients);

    /// <summary>The same value, through which no gradient flows.</summary>
    /// <remarks>Mirrors <c>tf.stop_gradient</c> (op <c>StopGradient</c>).</remarks>
    public static Tensor stop_gradient(Tensor input, string? name = null) => StopGradientOp.Build(input, name);
}
