using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>Plain gradient descent: var −= learning_rate · grad.</summary>
/// <remarks>Mirrors <c>tf.train.GradientDescentOptimizer</c> (op <c>ApplyGradientDescent</c>).</remarks>
public sealed class GradientDescentOptimizer : Optimizer
{
    readonly double _lr;
    readonly Tensor? _lrTensor;
    Tensor? _lrT;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public GradientDescentOptimizer(double learning_rate, bool use_locking = false, string name = "GradientDescent")
        : base(use_locking, name) => _lr = learning_rate;

    /// <summary>Creates the optimizer with a learning-rate tensor (e.g. a decay schedule).</summary>
    public GradientDescentOptimizer(Tensor learning_rate, bool use_locking = false, string name = "GradientDescent")
        : base(use_locking, name) => _lrTensor = learning_rate;

    private protected override void Prepare() => _lrT = HyperParameter(_lr, _lrTensor, "learning_rate");

    private protected override Operation ApplyDense(Tensor grad, Variable var) =>
        ApplyGradientDescentOp.Instance.Build([var, Cast(_lrT!, var), grad], null, ApplyOp.UseLocking.With(UseLocking)).op;
}

/// <summary>Momentum: accum = momentum · accum + grad; var −= learning_rate · accum (or Nesterov's form).</summary>
/// <remarks>Mirrors <c>tf.train.MomentumOptimizer</c>; slot <c>momentum</c> (<c>w/Momentum</c>).</remarks>
public sealed class MomentumOptimizer : Optimizer
{
    readonly double _lr, _momentum;
    readonly Tensor? _lrTensor;
    readonly bool _nesterov;
    Tensor? _lrT, _momentumT;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public MomentumOptimizer(double learning_rate, double momentum, bool use_locking = false, string name = "Momentum", bool use_nesterov = false)
        : base(use_locking, name) => (_lr, _momentum, _nesterov) = (learning_rate, momentum, use_nesterov);

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public MomentumOptimizer(Tensor learning_rate, double momentum, bool use_locking = false, string name = "Momentum", bool use_nesterov = false)
        : base(use_locking, name) => (_lrTensor, _momentum, _nesterov) = (learning_rate, momentum, use_nesterov);

    private protected override void CreateSlots(List<Variable> varList)
    {
        foreach (var v in varList) ZerosSlot(v, "momentum", Name);
    }

    private protected override void Prepare()
    {
        _lrT = HyperParameter(_lr, _lrTensor, "learning_rate");
        _momentumT = HyperParameter(_momentum, null, "momentum");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var) =>
        ApplyMomentumOp.Instance.Build([var, get_slot(var, "momentum")!, Cast(_lrT!, var), grad, Cast(_momentumT!, var)], null,
            ApplyOp.UseLocking.With(UseLocking), ApplyMomentumOp.UseNesterov.With(_nesterov)).op;
}

/// <summary>Adagrad: accum += grad²; var −= learning_rate · grad / √accum.</summary>
/// <remarks>Mirrors <c>tf.train.AdagradOptimizer</c>; slot <c>accumulator</c> starting at <c>initial_accumulator_value</c>.</remarks>
public sealed class AdagradOptimizer : Optimizer
{
    readonly double _lr, _initial;
    readonly Tensor? _lrTensor;
    Tensor? _lrT;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public AdagradOptimizer(double learning_rate, double initial_accumulator_value = 0.1, bool use_locking = false, string name = "Adagrad")
        : base(use_locking, name)
    {
        _lr = learning_rate;
        _initial = CheckInitial(initial_accumulator_value);
    }

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public AdagradOptimizer(Tensor learning_rate, double initial_accumulator_value = 0.1, bool use_locking = false, string name = "Adagrad")
        : base(use_locking, name)
    {
        _lrTensor = learning_rate;
        _initial = CheckInitial(initial_accumulator_value);
    }

    static double CheckInitial(double v) =>
        v > 0 ? v : throw new ValueError($"initial_accumulator_value must be positive: {Py.Repr(v)}");

    private protected override void CreateSlots(List<Variable> varList)
    {
        foreach (var v in varList)
            GetOrMakeSlot(v, tf.constant_initializer(_initial, dtype: v.dtype), v.dtype, "accumulator", Name);
    }

    private protected override void Prepare() => _lrT = HyperParameter(_lr, _lrTensor, "learning_rate");

    private protected override Operation ApplyDense(Tensor grad, Variable var) =>
        ApplyAdagradOp.Instance.Build([var, get_slot(var, "accumulator")!, Cast(_lrT!, var), grad], null,
            ApplyOp.UseLocking.With(UseLocking)).op;
}

/// <summary>RMSProp: a moving mean square of the gradient scales each step; optionally centered and with momentum.</summary>
/// <remarks>Mirrors <c>tf.train.RMSPropOptimizer</c>: slots <c>rms</c> (starting at ones), <c>mg</c> (centered) and <c>momentum</c>.</remarks>
public sealed class RMSPropOptimizer : Optimizer
{
    readonly double _lr, _decay, _momentum, _epsilon;
    readonly Tensor? _lrTensor;
    readonly bool _centered;
    Tensor? _lrT, _decayT, _momentumT, _epsilonT;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public RMSPropOptimizer(double learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10,
        bool use_locking = false, bool centered = false, string name = "RMSProp") : base(use_locking, name)
        => (_lr, _decay, _momentum, _epsilon, _centered) = (learning_rate, decay, momentum, epsilon, centered);

    /// <summary>Creates the optimizer with a learning-rate tensor.</summary>
    public RMSPropOptimizer(Tensor learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10,
        bool use_locking = false, bool centered = false, string name = "RMSProp") : base(use_locking, name)
        => (_lrTensor, _decay, _momentum, _epsilon, _centered) = (learning_rate, decay, momentum, epsilon, centered);

    private protected override void CreateSlots(List<Variable> varList)
    {
        // TF parity: rmsprop.py creates rms (ones), then mg if centered, then momentum, in that order.
        foreach (var v in varList)
        {
            GetOrMakeSlot(v, tf.ones_initializer(), v.dtype, "rms", Name);
            if (_centered) ZerosSlot(v, "mg", Name);
            ZerosSlot(v, "momentum", Name);
        }
    }

    private protected override void Prepare()
    {
        _lrT = HyperParameter(_lr, _lrTensor, "learning_rate");
        _decayT = HyperParameter(_decay, null, "decay");
        _momentumT = HyperParameter(_momentum, null, "momentum");
        _epsilonT = HyperParameter(_epsilon, null, "epsilon");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var)
    {
        var hyper = new[] { Cast(_lrT!, var), Cast(_decayT!, var), Cast(_momentumT!, var), Cast(_epsilonT!, var) };
        var attrs = ApplyOp.UseLocking.With(UseLocking);
        if (_centered)
            return ApplyCenteredRMSPropOp.Instance.Build(
                [var, get_slot(var, "mg")!, get_slot(var, "rms")!, get_slot(var, "momentum")!, .. hyper, grad], null, attrs).op;
        return ApplyRMSPropOp.Instance.Build([var, get_slot(var, "rms")!, get_slot(var, "momentum")!, .. hyper, grad], null, attrs).op;
    }
}
