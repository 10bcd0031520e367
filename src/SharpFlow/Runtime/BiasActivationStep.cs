using System.Numerics;
using SharpFlow.Kernels.Cpu;
using SharpFlow.Ops;

namespace SharpFlow;

/// <summary>
/// act(x + bias) in one pass over x, block by block, so each block is activated while it is still in
/// L1; the result is bit for bit the two kernels' (the same add, then the same activation). Shapes
/// other than a row bias (x[…, n] with bias[n]) run the two kernels one after the other.
/// </summary>
internal sealed class BiasActivationStep(KernelContext add, KernelContext act, IFusableActivation activation) : PlanStep
{
    /// <summary>Elements per block: 16 KiB of float32, half of a typical L1 data cache.</summary>
    const int BlockElements = 4096;

    /// <summary>Elements of the repeated bias: 1 KiB of float32.</summary>
    const int TileElements = 256;

    readonly KernelContext[] _contexts = [add, act];
    Array? _tiled;

    public override Operation Op => add.Op;
    public override string Label => add.Op.type + "+" + act.Op.type;
    public override KernelContext[] Contexts => _contexts;

    public override void Run()
    {
        NDArray a = add.Input(0), b = add.Input(1);
        int xi = IsRowBias(a, b) ? 0 : add.Op.type != "BiasAdd" && IsRowBias(b, a) ? 1 : -1;
        if (xi < 0)
        {
            // Any other broadcast (or a shape error, which the add kernel reports in TensorFlow's words).
            add.Op.Def.Compute(add);
            act.Op.Def.Compute(act);
            return;
        }
        NDArray x = xi == 0 ? a : b, bias = xi == 0 ? b : a;
        var o = add.Donation(xi, x.dtype, x.shape) is { } donated ? act.Adopt(0, xi, donated) : act.Output(0, x.dtype, x.shape);
        if (x.Data is float[]) Blocks<float>(x, bias, o);
        else Blocks<double>(x, bias, o);
    }

    static bool IsRowBias(NDArray x, NDArray bias) =>
        bias.ndim == 1 && x.ndim >= 1 && x.shape[^1] == bias.shape[0] && x.dtype == bias.dtype && x.size > 0;

    void Blocks<T>(NDArray x, NDArray bias, NDArray o) where T : unmanaged, INumber<T>
    {
        // The bias repeated over enough rows for a few vectors, so narrow rows (n = 1, 3, 5, 10 in the
        // document's networks) are added with full vectors rather than a call and a scalar tail per row.
        int n = bias.shape[0], tileRows = Math.Max(1, TileElements / n), tileLength = tileRows * n;
        if (_tiled is not T[] tiled || tiled.Length != tileLength) _tiled = tiled = new T[tileLength];
        var bs = bias.AsSpan<T>();
        if (n > 1) Broadcast.Repeat<T>(bs, tiled);
        var xs = x.AsSpan<T>();
        var os = o.AsSpan<T>();
        int total = xs.Length, blockLength = Math.Max(1, BlockElements / tileLength) * tileLength;
        for (int block = 0; block < total; block += blockLength)
        {
            int end = Math.Min(block + blockLength, total);
            if (n == 1)
                Elementwise.BinaryScalarRight<T, AddOperator<T>>(xs[block..end], bs[0], os[block..end]);
            else
                for (int s = block; s < end; s += tileLength)
                {
                    int length = Math.Min(tileLength, end - s);
                    Elementwise.Binary<T, AddOperator<T>>(xs.Slice(s, length), tiled.AsSpan(0, length), os.Slice(s, length));
                }
            activation.ApplyInPlace(o, block, end - block);
        }
    }
}
