namespace SharpFlow;

/// <summary>One kernel call of an <see cref="ExecutionPlan"/>: a single op, or ops fused into one pass.</summary>
internal abstract class PlanStep
{
    /// <summary>The op a failure is reported against.</summary>
    public abstract Operation Op { get; }

    /// <summary>What a profile calls this step: the op type, or the fused types joined by '+'.</summary>
    public abstract string Label { get; }

    /// <summary>The contexts of the ops this step runs, in graph order.</summary>
    public abstract KernelContext[] Contexts { get; }

    public abstract void Run();
}

/// <summary>An op run by its own kernel.</summary>
internal sealed class KernelStep(KernelContext context) : PlanStep
{
    readonly KernelContext[] _contexts = [context];

    public override Operation Op => context.Op;
    public override string Label => context.Op.type;
    public override KernelContext[] Contexts => _contexts;
    public override void Run() => context.Op.Def.Compute(context);
}
