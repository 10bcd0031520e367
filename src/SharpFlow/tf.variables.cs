#pragma warning disable CS8981
using SharpFlow.Ops;

namespace SharpFlow;

public static partial class tf
{
    /// <summary>A variable initialised from a tensor.</summary>
    public static Variable Variable(Tensor initial_value, bool trainable = true, string? name = null, DType? dtype = null, bool validate_shape = true) =>
        SharpFlow.Variable.Create(() => initial_value, trainable, name, dtype, validate_shape);

    /// <summary>A variable initialised from a constant value (built inside the variable's scope as <c>initial_value</c>).</summary>
    public static Variable Variable(NDArray initial_value, bool trainable = true, string? name = null, DType? dtype = null, bool validate_shape = true) =>
        SharpFlow.Variable.Create(() => constant(initial_value, dtype: dtype ?? DefaultDType(initial_value), name: "initial_value"), trainable, name, dtype, validate_shape);

    /// <inheritdoc cref="Variable(NDArray, bool, string?, DType?, bool)"/>
    public static Variable Variable(int initial_value, bool trainable = true, string? name = null, DType? dtype = null, bool validate_shape = true) =>
        Variable((NDArray)initial_value, trainable, name, dtype, validate_shape);

    /// <inheritdoc cref="Variable(NDArray, bool, string?, DType?, bool)"/>
    public static Variable Variable(double initial_value, bool trainable = true, string? name = null, DType? dtype = null, bool validate_shape = true) =>
        Variable(dtype == float64 ? (NDArray)initial_value : (float)initial_value, trainable, name, dtype, validate_shape);

    // TF parity: Python floats convert to float32, ints to int32.
    static DType DefaultDType(NDArray v) => v.dtype == float64 ? float32 : v.dtype == int64 ? int32 : v.dtype;

    /// <summary>Runs the initializers of every global variable.</summary>
    public static Operation global_variables_initializer() => variables_initializer(global_variables(), "init");

    /// <summary>Runs the initializers of the given variables.</summary>
    public static Operation variables_initializer(IEnumerable<Variable> var_list, string name = "init") =>
        group(var_list.Select(v => (ITensorOrOperation)v.initializer).ToList(), name);

    /// <summary>Every variable of the default graph.</summary>
    public static List<Variable> global_variables(string? scope = null) => get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES, scope);

    /// <summary>The variables optimizers train by default.</summary>
    public static List<Variable> trainable_variables(string? scope = null) => get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES, scope);

    /// <summary>Local variables.</summary>
    public static List<Variable> local_variables(string? scope = null) => get_collection<Variable>(GraphKeys.LOCAL_VARIABLES, scope);

    /// <summary>Variables that have moving averages.</summary>
    public static List<Variable> moving_average_variables(string? scope = null) => get_collection<Variable>(GraphKeys.MOVING_AVERAGE_VARIABLES, scope);

    /// <summary>Whether a variable has been initialised in the session.</summary>
    public static Tensor is_variable_initialized(Variable variable) =>
        IsVariableInitializedOp.Instance.Create(null, "IsVariableInitialized", [variable]).outputs[0];

    /// <summary>Stores <paramref name="value"/> in <paramref name="ref"/>; with <paramref name="validate_shape"/> false the shape may change.</summary>
    public static Tensor assign(Tensor @ref, Tensor value, bool validate_shape = true, bool use_locking = true, string? name = null) =>
        AssignOp.Build(@ref, value, validate_shape, name);

    /// <summary>Adds <paramref name="value"/> to <paramref name="ref"/>.</summary>
    public static Tensor assign_add(Tensor @ref, Tensor value, bool use_locking = false, string? name = null) =>
        AssignUpdateOp.Add.Build(@ref, value, name);

    /// <summary>Subtracts <paramref name="value"/> from <paramref name="ref"/>.</summary>
    public static Tensor assign_sub(Tensor @ref, Tensor value, bool use_locking = false, string? name = null) =>
        AssignUpdateOp.Sub.Build(@ref, value, name);

    /// <summary>The current variable scope.</summary>
    public static VariableScope get_variable_scope() => get_default_graph().Variables.Current;

    /// <summary>Opens a variable scope (and a name scope of the same name); <paramref name="reuse"/> true returns existing variables.</summary>
    public static IDisposable variable_scope(string name_or_scope, bool? reuse = null, Initializer? initializer = null,
        Func<Tensor, Tensor>? regularizer = null, string? default_name = null)
    {
        var g = get_default_graph();
        var store = g.Variables;
        var saved = store.Current;
        var baseName = string.IsNullOrEmpty(name_or_scope) ? default_name ?? "" : name_or_scope;
        if (string.IsNullOrEmpty(name_or_scope) && default_name is not null)
            baseName = store.UniqueScopeName(saved.name.Length > 0 ? saved.name + "/" + default_name : default_name)[(saved.name.Length > 0 ? saved.name.Length + 1 : 0)..];
        var full = saved.name.Length > 0 && baseName.Length > 0 ? saved.name + "/" + baseName : saved.name.Length > 0 ? saved.name : baseName;
        store.Current = new VariableScope(full, reuse == true || (reuse is null && saved.reuse),
            initializer ?? saved.initializer, regularizer ?? saved.regularizer);
        var nameScope = baseName.Length > 0 ? g.name_scope(baseName) : null;
        return new RestoreScope(() => { nameScope?.Dispose(); store.Current = saved; });
    }

    /// <summary>Gets an existing variable (in a reusing scope) or creates a new one.</summary>
    public static Variable get_variable(string name, TensorShape? shape = null, DType? dtype = null, Initializer? initializer = null,
        Func<Tensor, Tensor>? regularizer = null, bool trainable = true, IEnumerable<string>? collections = null, bool validate_shape = true)
    {
        var g = get_default_graph();
        var scope = g.Variables.Current;
        var full = scope.name.Length > 0 ? scope.name + "/" + name : name;
        if (g.Variables.TryGet(full, out var existing))
        {
            if (!scope.reuse)
                throw new ValueError($"Variable {full} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?");
            if (shape is not null && !shape.is_compatible_with(existing.get_shape()))
                throw new ValueError($"Trying to share variable {full}, but specified shape {shape} and found shape {existing.get_shape()}.");
            if (dtype is not null && dtype != existing.dtype)
                throw new ValueError($"Trying to share variable {full}, but specified dtype {dtype} and found dtype {existing.dtype}_ref.");
            return existing;
        }
        if (scope.reuse)
            throw new ValueError($"Variable {full} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?");
        dtype ??= float32;
        if (shape is null || !shape.is_fully_defined())
            throw new ValueError($"Shape of a new variable ({full}) must be fully defined, but instead was {shape?.ToString() ?? "<unknown>"}.");
        var init = initializer ?? scope.initializer ?? (dtype.is_floating ? glorot_uniform_initializer() : zeros_initializer());
        Variable v;
        using (g.name_scope(null))
            v = SharpFlow.Variable.Create(() =>
            {
                // TF parity: variables.py builds an initializer's ops under "<name>/Initializer/".
                using (g.name_scope("Initializer"))
                    return init.Call(shape, dtype);
            }, trainable, full, dtype, validate_shape, collections);
        if (collections is not null && trainable) g.add_to_collection(GraphKeys.TRAINABLE_VARIABLES, v);
        g.Variables.Add(full, v);
        var reg = regularizer ?? scope.regularizer;
        if (reg is not null)
        {
            using (g.name_scope(full + "/Regularizer/"))
            {
                var loss = reg(v);
                if (loss is not null) g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss);
            }
        }
        return v;
    }

    sealed class RestoreScope(Action restore) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            restore();
        }
    }
}
