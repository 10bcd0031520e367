using System.Runtime.CompilerServices;

namespace SharpFlow.Ops;

/// <summary>
/// Build-time evaluation of small constant subgraphs by running the op's own CPU kernel, as TensorFlow's
/// shape refiner does (<c>EvaluateConstantTensor</c>) when a shape function asks for an input's value.
/// </summary>
/// <remarks>
/// Only ops whose inputs are all known and whose output is statically known to be small are evaluated;
/// results are cached per operation. A kernel error means "not foldable": the session reports it at run time.
/// </remarks>
internal static class KernelFolding
{
    const int MaxElements = 1024;
    static readonly ConditionalWeakTable<Operation, NDArray?[]> Cache = new();

    /// <summary>The value of <paramref name="output"/> if it can be computed while building, else null.</summary>
    public static NDArray? Fold(Tensor output)
    {
        var op = output.op;
        if (op.Def.IsStateful) return null;
        if (output.get_shape().num_elements() is not int n || n > MaxElements) return null;
        lock (Cache)
        {
            if (Cache.TryGetValue(op, out var cached)) return cached[output.value_index];
        }
        var values = Evaluate(op);
        lock (Cache) Cache.AddOrUpdate(op, values);
        return values[output.value_index];
    }

    static NDArray?[] Evaluate(Operation op)
    {
        int nIn = op.inputs.Count, nOut = op.outputs.Count;
        var none = new NDArray?[nOut];
        var slots = new NDArray?[nIn + nOut];
        for (int i = 0; i < nIn; i++)
        {
            var v = ConstantFolding.Value(op.inputs[i]);
            if (v is null || v.size > MaxElements) return none;
            slots[i] = v;
        }
        var ctx = new KernelContext(op, slots, [.. Enumerable.Range(0, nIn)], [.. Enumerable.Range(nIn, nOut)], new SessionState(1));
        try
        {
            op.Def.Compute(ctx);
        }
        catch (OpError)
        {
            return none;
        }
        // Copies, so that a later fold cannot alias a kernel's reusable buffer.
        return [.. Enumerable.Range(nIn, nOut).Select(i => slots[i]?.copy())];
    }
}
