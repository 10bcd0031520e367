namespace SharpFlow;

/// <summary>Finding and creating the <c>global_step</c> variable.</summary>
/// <remarks>TF parity: python/training/training_util.py.</remarks>
internal static class GlobalStep
{
    internal static Variable? Get(Graph graph)
    {
        var found = graph.get_collection(tf.GraphKeys.GLOBAL_STEP);
        Tensor? step;
        if (found.Count == 1) step = found[0] as Tensor;
        else if (found.Count == 0)
        {
            try { step = graph.get_tensor_by_name("global_step:0"); }
            catch (KeyNotFoundException) { return null; }
        }
        else return null;   // TF logs "Multiple tensors in global_step collection." and returns None
        if (step is null) return null;
        if (!step.dtype.is_integer)
            throw new TypeError($"Existing \"global_step\" does not have integer type: {step.dtype}");
        if (step.get_shape().ndims != 0 && step.get_shape().is_fully_defined())
            throw new TypeError($"Existing \"global_step\" is not scalar: {step.get_shape()}");
        return step as Variable ?? throw new TypeError($"Existing \"global_step\" must be a Variable or Tensor: {step}.");
    }

    internal static Variable Create(Graph graph)
    {
        if (Get(graph) is not null) throw new ValueError("\"global_step\" already exists.");
        using var g = graph.as_default();
        using var root = graph.name_scope(null);
        return tf.get_variable(tf.GraphKeys.GLOBAL_STEP, shape: TensorShape.Scalar, dtype: tf.int64, initializer: tf.zeros_initializer(),
            trainable: false, collections: [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP]);
    }
}
