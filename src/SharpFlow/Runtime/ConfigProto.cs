namespace SharpFlow;

/// <summary>Session options.</summary>
/// <remarks>Mirrors <c>tf.ConfigProto</c>'s fields that matter on a CPU-only runtime.</remarks>
public sealed class ConfigProto
{
    /// <summary>Run ops pinned to a missing device on the CPU instead of failing.</summary>
    public bool allow_soft_placement { get; set; }

    /// <summary>Print each op's device to standard error when a plan is built.</summary>
    public bool log_device_placement { get; set; }

    /// <summary>Threads one kernel may use; 0 = all cores.</summary>
    public int intra_op_parallelism_threads { get; set; }

    /// <summary>Independent ops that may run at once; 0 or 1 runs ops one after another in graph order.</summary>
    public int inter_op_parallelism_threads { get; set; }
}
