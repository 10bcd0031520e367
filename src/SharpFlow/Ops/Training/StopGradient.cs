namespace SharpFlow.Ops;

/// <summary>Passes its input through unchanged while blocking gradients (<c>tf.stop_gradient</c>).</summary>
internal sealed class StopGradientOp : OpDef, IConstantFoldable
{
    public static readonly StopGradientOp Instance = new();

    StopGradientOp() : base("StopGradient", "input") { }

    // TF parity: python/ops/array_grad.py registers StopGradient as not differentiable.
    public override bool IsDifferentiable => false;

    public static Tensor Build(Tensor x, string? name) => Instance.Create(name, "StopGradient", [x]).outputs[0];

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.DType(0), c.Shape(0));

    public NDArray? Fold(Tensor output) => ConstantFolding.Value(output.op.inputs[0]);

    public override void Compute(KernelContext ctx) => ctx.SetOutput(0, ctx.Input(0));
}
