#pragma warning disable CS8981
namespace SharpFlow;

public static partial class tf
{
    /// <summary>Standard collection names.</summary>
    /// <remarks>Mirrors <c>tf.GraphKeys</c>; the strings are TensorFlow's.</remarks>
    public static class GraphKeys
    {
        /// <summary>Every variable.</summary>
        public const string GLOBAL_VARIABLES = "variables";
        /// <summary>Variables an optimizer trains by default.</summary>
        public const string TRAINABLE_VARIABLES = "trainable_variables";
        /// <summary>Variables local to one process.</summary>
        public const string LOCAL_VARIABLES = "local_variables";
        /// <summary>Variables that keep moving averages.</summary>
        public const string MOVING_AVERAGE_VARIABLES = "moving_average_variables";
        /// <summary>Losses added by <c>tf.losses</c>.</summary>
        public const string LOSSES = "losses";
        /// <summary>Regularisation losses from <c>get_variable(regularizer:)</c>.</summary>
        public const string REGULARIZATION_LOSSES = "regularization_losses";
        /// <summary>The global step variable.</summary>
        public const string GLOBAL_STEP = "global_step";
        /// <summary>Summaries.</summary>
        public const string SUMMARIES = "summaries";
        /// <summary>Ops that update state, e.g. batch-norm statistics.</summary>
        public const string UPDATE_OPS = "update_ops";
        /// <summary>Train ops.</summary>
        public const string TRAIN_OP = "train_op";
        /// <summary>Model variables.</summary>
        public const string MODEL_VARIABLES = "model_variables";
        /// <summary>Savers.</summary>
        public const string SAVERS = "savers";
    }
}
