using System.Runtime.Intrinsics;

namespace SharpFlow.Ops;

/// <summary>var −= α · δ.</summary>
internal sealed class ApplyGradientDescentOp : ApplyOp
{
    public static readonly ApplyGradientDescentOp Instance = new();

    ApplyGradientDescentOp() : base("ApplyGradientDescent", 1, "var", "alpha", "delta") { }

    protected override void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad)
    {
        // TF parity: core/kernels/training_ops.cc, ApplyGradientDescent: var -= grad * lr.
        var w = refs[0].AsSpan<T>();
        ReadOnlySpan<T> g = grad.AsSpan<T>();
        T lr = Scalar<T>(ctx, 1);
        int i = 0;
        if (Vectorized<T>())
        {
            var vlr = Vector256.Create(lr);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                (Load(w, i) - Load(g, i) * vlr).CopyTo(w[i..]);
        }
        for (; i < w.Length; i++) w[i] -= g[i] * lr;
    }
}

/// <summary>Momentum: accum = accum · μ + g; var −= lr · accum (or the Nesterov form).</summary>
internal sealed class ApplyMomentumOp : ApplyOp
{
    public static readonly ApplyMomentumOp Instance = new();
    public static readonly AttrKey<bool> UseNesterov = new("use_nesterov", false);

    ApplyMomentumOp() : base("ApplyMomentum", 2, "var", "accum", "lr", "grad", "momentum") { }

    protected override void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad)
    {
        // TF parity: training_ops.cc, ApplyMomentum.
        var w = refs[0].AsSpan<T>();
        var a = refs[1].AsSpan<T>();
        ReadOnlySpan<T> g = grad.AsSpan<T>();
        T lr = Scalar<T>(ctx, 2), mu = Scalar<T>(ctx, 4);
        bool nesterov = ctx.Get(UseNesterov);
        int i = 0;
        if (Vectorized<T>())
        {
            Vector256<T> vlr = Vector256.Create(lr), vmu = Vector256.Create(mu);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Load(g, i);
                var ai = Load(a, i) * vmu + gi;
                ai.CopyTo(a[i..]);
                var step = nesterov ? gi * vlr + ai * vmu * vlr : ai * vlr;
                (Load(w, i) - step).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            a[i] = a[i] * mu + g[i];
            w[i] -= nesterov ? g[i] * lr + a[i] * mu * lr : a[i] * lr;
        }
    }
}

/// <summary>Adagrad: accum += g²; var −= lr · g / √accum.</summary>
internal sealed class ApplyAdagradOp : ApplyOp
{
    public static readonly ApplyAdagradOp Instance = new();
    public static readonly AttrKey<bool> UpdateSlots = new("update_slots", true);

    ApplyAdagradOp() : base("ApplyAdagrad", 2, "var", "accum", "lr", "grad") { }

    protected override void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad)
    {
        // TF parity: training_ops.cc, ApplyAdagrad: accum += grad²; var -= grad * lr * rsqrt(accum).
        var w = refs[0].AsSpan<T>();
        var a = refs[1].AsSpan<T>();
        ReadOnlySpan<T> g = grad.AsSpan<T>();
        T lr = Scalar<T>(ctx, 2);
        bool updateSlots = ctx.Get(UpdateSlots);
        int i = 0;
        if (Vectorized<T>())
        {
            var vlr = Vector256.Create(lr);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Load(g, i);
                var ai = Load(a, i);
                if (updateSlots) { ai += gi * gi; ai.CopyTo(a[i..]); }
                (Load(w, i) - gi * vlr * (Vector256<T>.One / Vector256.Sqrt(ai))).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            if (updateSlots) a[i] += g[i] * g[i];
            w[i] -= g[i] * lr * (T.One / T.Sqrt(a[i]));
        }
    }
}
