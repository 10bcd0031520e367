namespace SharpFlow.Ops;

/// <summary>Every op type SharpFlow defines, listed explicitly (no reflection); each area keeps its own list.</summary>
internal static class OpCatalog
{
    public static readonly OpDef[] All = [.. CoreOps.All, .. MathOps.All, .. ArrayOps.All, .. NNOps.All, .. TrainingOps.All];

    static readonly Dictionary<string, OpDef> ByType = All.ToDictionary(o => o.Type);

    public static OpDef Get(string type) => ByType.TryGetValue(type, out var d) ? d : throw new NotFoundError($"Op type not registered '{type}'");

    public static IEnumerable<OpDef> Differentiable => All.Where(o => o.IsDifferentiable);
}

/// <summary>Constants, placeholders, variables and the random ops.</summary>
internal static class CoreOps
{
    public static readonly OpDef[] All =
    [
        ConstOp.Instance, PlaceholderOp.Instance, IdentityOp.Instance, NoOp.Instance,
        VariableV2Op.Instance, IsVariableInitializedOp.Instance, AssignOp.Instance, AssignUpdateOp.Add, AssignUpdateOp.Sub,
        RandomOp.StandardNormal, RandomOp.Uniform, RandomOp.TruncatedNormal, RandomUniformIntOp.Instance,
    ];
}
