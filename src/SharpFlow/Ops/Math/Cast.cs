namespace SharpFlow.Ops;

/// <summary>Converts elements to another dtype (float → int truncates toward zero, as C++ casts do).</summary>
internal sealed class CastOp : OpDef
{
    public static readonly CastOp Instance = new();
    public static readonly AttrKey<DType> DstT = new("DstT", DType.Float32);

    CastOp() : base("Cast", "x") { }

    public static Tensor Build(Tensor x, DType dtype, string? name) =>
        Instance.Create(name, "Cast", [x], AttrMap.Of(DstT.With(dtype))).outputs[0];

    public override TensorSpec[] Infer(InferContext c) => InferContext.One(c.Get(DstT), c.Shape(0));

    public override Tensor?[] Gradient(Operation op, Tensor?[] grads)
    {
        // TF parity: math_grad.py _CastGrad: only between floating types.
        var src = op.inputs[0].dtype;
        var dst = op.outputs[0].dtype;
        return src.is_floating && dst.is_floating ? [Build(grads[0]!, src, null)] : [null];
    }

    public override void Compute(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var dst = ctx.Get(DstT);
        var o = ctx.OutputLike(0, x, dst);
        Convert(x, o);
    }

    internal static void Convert(NDArray x, NDArray o)
    {
        switch (x.Data, o.Data)
        {
            case (float[] s, float[] d): s.CopyTo(d, 0); break;
            case (double[] s, double[] d): s.CopyTo(d, 0); break;
            case (int[] s, int[] d): s.CopyTo(d, 0); break;
            case (long[] s, long[] d): s.CopyTo(d, 0); break;
            case (bool[] s, bool[] d): s.CopyTo(d, 0); break;
            case (float[] s, double[] d): for (int i = 0; i < s.Length; i++) d[i] = s[i]; break;
            case (double[] s, float[] d): for (int i = 0; i < s.Length; i++) d[i] = (float)s[i]; break;
            case (int[] s, float[] d): for (int i = 0; i < s.Length; i++) d[i] = s[i]; break;
            case (int[] s, double[] d): for (int i = 0; i < s.Length; i++) d[i] = s[i]; break;
            case (long[] s, float[] d): for (int i = 0; i < s.Length; i++) d[i] = s[i]; break;
            case (long[] s, double[] d): for (int i = 0; i < s.Length; i++) d[i] = s[i]; break;
            case (int[] s, long[] d): for (int i = 0; i < s.Length; i++) d[i] = s[i]; break;
            case (long[] s, int[] d): for (int i = 0; i < s.Length; i++) d[i] = unchecked((int)s[i]); break;
            case (float[] s, int[] d): for (int i = 0; i < s.Length; i++) d[i] = (int)s[i]; break;
            case (float[] s, long[] d): for (int i = 0; i < s.Length; i++) d[i] = (long)s[i]; break;
            case (double[] s, int[] d): for (int i = 0; i < s.Length; i++) d[i] = (int)s[i]; break;
            case (double[] s, long[] d): for (int i = 0; i < s.Length; i++) d[i] = (long)s[i]; break;
            case (bool[] s, _): for (int i = 0; i < s.Length; i++) o.Data.SetValue(System.Convert.ChangeType(s[i] ? 1 : 0, o.dtype.ClrType), i); break;
            case (_, bool[] d): for (int i = 0; i < d.Length; i++) d[i] = x.GetDouble(i) != 0; break;
        }
    }
}
