using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>
/// Chooses the plan's fused steps. Today one pattern pays: a bias add (Add, AddV2, or BiasAdd in NHWC)
/// whose only reader is the very next op, an activation — the layer <c>act(matmul(x, w) + b)</c> of every
/// network in the document. The pair then runs as one pass (<see cref="BiasActivationStep"/>) and the
/// sum is never stored on its own.
/// </summary>
internal static class Fusion
{
    /// <param name="privateOutput">Whether a tensor has exactly one reader and is neither fed nor fetched.</param>
    public static PlanStep[] Plan(Operation[] ops, KernelContext[] contexts, Func<Tensor, bool> privateOutput)
    {
        var steps = new List<PlanStep>(ops.Length);
        for (int i = 0; i < ops.Length; i++)
        {
            if (i + 1 < ops.Length && IsBiasAdd(ops[i]) && ops[i + 1].Def is IFusableActivation act &&
                ops[i + 1].inputs.Count == 1 && ops[i + 1].inputs[0] == ops[i].outputs[0] && privateOutput(ops[i].outputs[0]))
            {
                steps.Add(new BiasActivationStep(contexts[i], contexts[i + 1], act));
                i++;
                continue;
            }
            steps.Add(new KernelStep(contexts[i]));
        }
        return [.. steps];
    }

    static bool IsBiasAdd(Operation op) =>
        (op.type is "Add" or "AddV2" || op.type == "BiasAdd" && op.Get(BiasAddOp.DataFormat) == "NHWC") &&
        op.outputs[0].dtype is var d && (d == DType.Float32 || d == DType.Float64);
}
