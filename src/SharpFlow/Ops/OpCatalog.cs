namespace SharpFlow.Ops;

/// <summary>Every op type SharpFlow defines, listed explicitly (no reflection).</summary>
internal static class OpCatalog
{
    public static readonly OpDef[] All =
    [
        // Array
        ConstOp.Instance, PlaceholderOp.Instance, IdentityOp.Instance, NoOp.Instance,
        // Math
        AddOp.Instance, SubOp.Instance, MulOp.Instance, RealDivOp.Instance, FloorDivOp.Instance, FloorModOp.Instance,
        NegOp.Instance, CastOp.Instance, MatMulOp.Instance,
        // State
        VariableV2Op.Instance, IsVariableInitializedOp.Instance, AssignOp.Instance, AssignUpdateOp.Add, AssignUpdateOp.Sub,
        // Random
        RandomOp.StandardNormal, RandomOp.Uniform, RandomOp.TruncatedNormal,
    ];

    static readonly Dictionary<string, OpDef> ByType = All.ToDictionary(o => o.Type);

    public static OpDef Get(string type) => ByType.TryGetValue(type, out var d) ? d : throw new NotFoundError($"Op type not registered '{type}'");

    public static IEnumerable<OpDef> Differentiable => All.Where(o => o.IsDifferentiable);
}
