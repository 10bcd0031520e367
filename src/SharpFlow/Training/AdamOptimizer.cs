using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>Adam: per-variable first and second moment estimates with bias correction folded into the step size.</summary>
/// <remarks>
/// Mirrors TensorFlow 1.x's <c>tf.train.AdamOptimizer</c>: step size lr·√(1−β2ᵗ)/(1−β1ᵗ), ε added to √v,
/// slots <c>m</c> and <c>v</c> (<c>w/Adam</c>, <c>w/Adam_1</c>) and the non-slot variables <c>beta1_power</c>
/// and <c>beta2_power</c>, which advance after every update.
/// </remarks>
public sealed class AdamOptimizer : Optimizer
{
    readonly double _lr, _beta1, _beta2, _epsilon;
    readonly Tensor? _lrTensor;
    Tensor? _lrT, _beta1T, _beta2T, _epsilonT;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        bool use_locking = false, string name = "Adam") : base(use_locking, name)
        => (_lr, _beta1, _beta2, _epsilon) = (learning_rate, beta1, beta2, epsilon);

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public AdamOptimizer(Tensor learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        bool use_locking = false, string name = "Adam") : base(use_locking, name)
        => (_lrTensor, _beta1, _beta2, _epsilon) = (learning_rate, beta1, beta2, epsilon);

    private protected override void CreateSlots(List<Variable> varList)
    {
        // TF parity: adam.py colocates the β powers with the first variable by name.
        var first = varList.MinBy(v => v.name, StringComparer.Ordinal)!;
        NonSlotVariable(_beta1, "beta1_power", first.graph);
        NonSlotVariable(_beta2, "beta2_power", first.graph);
        foreach (var v in varList)
        {
            ZerosSlot(v, "m", Name);
            ZerosSlot(v, "v", Name);
        }
    }

    private protected override void Prepare()
    {
        _lrT = HyperParameter(_lr, _lrTensor, "learning_rate");
        _beta1T = HyperParameter(_beta1, null, "beta1");
        _beta2T = HyperParameter(_beta2, null, "beta2");
        _epsilonT = HyperParameter(_epsilon, null, "epsilon");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var)
    {
        var g = var.graph;
        var beta1Power = GetNonSlotVariable("beta1_power", g);
        var beta2Power = GetNonSlotVariable("beta2_power", g);
        return ApplyAdamOp.Instance.Build(
            [var, get_slot(var, "m")!, get_slot(var, "v")!, Cast(beta1Power, var), Cast(beta2Power, var),
             Cast(_lrT!, var), Cast(_beta1T!, var), Cast(_beta2T!, var), Cast(_epsilonT!, var), grad],
            null, ApplyOp.UseLocking.With(UseLocking)).op;
    }

    private protected override Operation Finish(List<Operation> updateOps, string name)
    {
        // TF parity: adam.py _finish: after the updates, beta{1,2}_power *= beta{1,2}.
        var g = updateOps[0].graph;
        var beta1Power = GetNonSlotVariable("beta1_power", g);
        var beta2Power = GetNonSlotVariable("beta2_power", g);
        Tensor update1, update2;
        using (g.control_dependencies(updateOps))
        {
            update1 = beta1Power.assign(beta1Power * _beta1T!, use_locking: UseLocking);
            update2 = beta2Power.assign(beta2Power * _beta2T!, use_locking: UseLocking);
        }
        return tf.group([.. updateOps, update1, update2], name);
    }

    /// <summary>The β1 and β2 power accumulators of the default graph.</summary>
    internal (Variable beta1_power, Variable beta2_power) BetaAccumulators()
    {
        var g = tf.get_default_graph();
        return (GetNonSlotVariable("beta1_power", g), GetNonSlotVariable("beta2_power", g));
    }
}
