using System.Runtime.Intrinsics;

namespace SharpFlow.Ops;

/// <summary>Adam: m, v moving moments; var −= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε).</summary>
internal sealed class ApplyAdamOp : ApplyOp
{
    public static readonly ApplyAdamOp Instance = new();
    public static readonly AttrKey<bool> UseNesterov = new("use_nesterov", false);

    ApplyAdamOp() : base("ApplyAdam", 3, "var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad") { }

    protected override void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad)
    {
        // TF parity: core/kernels/training_ops.cc, ApplyAdamNonCuda (same expression order, in T).
        var w = refs[0].AsSpan<T>();
        var m = refs[1].AsSpan<T>();
        var v = refs[2].AsSpan<T>();
        ReadOnlySpan<T> g = grad.AsSpan<T>();
        T b1p = Scalar<T>(ctx, 3), b2p = Scalar<T>(ctx, 4), lr = Scalar<T>(ctx, 5);
        T b1 = Scalar<T>(ctx, 6), b2 = Scalar<T>(ctx, 7), eps = Scalar<T>(ctx, 8);
        T alpha = lr * T.Sqrt(T.One - b2p) / (T.One - b1p);
        T c1 = T.One - b1, c2 = T.One - b2;
        bool nesterov = ctx.Get(UseNesterov);
        int i = 0;
        if (Vectorized<T>())
        {
            Vector256<T> va = Vector256.Create(alpha), vc1 = Vector256.Create(c1), vc2 = Vector256.Create(c2);
            Vector256<T> vb1 = Vector256.Create(b1), veps = Vector256.Create(eps);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Load(g, i);
                var mi = Load(m, i);
                var vi = Load(v, i);
                mi += (gi - mi) * vc1;
                vi += (gi * gi - vi) * vc2;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var num = nesterov ? (gi * vc1 + vb1 * mi) * va : mi * va;
                (Load(w, i) - num / (Vector256.Sqrt(vi) + veps)).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            m[i] += (g[i] - m[i]) * c1;
            v[i] += (g[i] * g[i] - v[i]) * c2;
            T num = nesterov ? (g[i] * c1 + b1 * m[i]) * alpha : m[i] * alpha;
            w[i] -= num / (T.Sqrt(v[i]) + eps);
        }
    }
}

/// <summary>RMSProp: ms += (g² − ms)(1 − ρ); mom = mom·μ + lr·g/√(ms + ε); var −= mom.</summary>
internal sealed class ApplyRMSPropOp : ApplyOp
{
    public static readonly ApplyRMSPropOp Instance = new();

    ApplyRMSPropOp() : base("ApplyRMSProp", 3, "var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad") { }

    protected override void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad)
    {
        // TF parity: training_ops.cc, ApplyRMSProp.
        var w = refs[0].AsSpan<T>();
        var ms = refs[1].AsSpan<T>();
        var mom = refs[2].AsSpan<T>();
        ReadOnlySpan<T> g = grad.AsSpan<T>();
        T lr = Scalar<T>(ctx, 3), rho = Scalar<T>(ctx, 4), mu = Scalar<T>(ctx, 5), eps = Scalar<T>(ctx, 6);
        T c = T.One - rho;
        int i = 0;
        if (Vectorized<T>())
        {
            Vector256<T> vlr = Vector256.Create(lr), vmu = Vector256.Create(mu), veps = Vector256.Create(eps), vc = Vector256.Create(c);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Load(g, i);
                var msi = Load(ms, i);
                msi += (gi * gi - msi) * vc;
                var momi = Load(mom, i) * vmu + gi * vlr / Vector256.Sqrt(msi + veps);
                msi.CopyTo(ms[i..]);
                momi.CopyTo(mom[i..]);
                (Load(w, i) - momi).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            ms[i] += (g[i] * g[i] - ms[i]) * c;
            mom[i] = mom[i] * mu + g[i] * lr / T.Sqrt(ms[i] + eps);
            w[i] -= mom[i];
        }
    }
}

/// <summary>Centered RMSProp: also tracks the mean gradient mg and divides by √(ms − mg² + ε).</summary>
internal sealed class ApplyCenteredRMSPropOp : ApplyOp
{
    public static readonly ApplyCenteredRMSPropOp Instance = new();

    ApplyCenteredRMSPropOp() : base("ApplyCenteredRMSProp", 4, "var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad") { }

    protected override void Update<T>(KernelContext ctx, NDArray[] refs, NDArray grad)
    {
        // TF parity: training_ops.cc, ApplyCenteredRMSProp.
        var w = refs[0].AsSpan<T>();
        var mg = refs[1].AsSpan<T>();
        var ms = refs[2].AsSpan<T>();
        var mom = refs[3].AsSpan<T>();
        ReadOnlySpan<T> g = grad.AsSpan<T>();
        T lr = Scalar<T>(ctx, 4), rho = Scalar<T>(ctx, 5), mu = Scalar<T>(ctx, 6), eps = Scalar<T>(ctx, 7);
        T c = T.One - rho;
        int i = 0;
        if (Vectorized<T>())
        {
            Vector256<T> vlr = Vector256.Create(lr), vmu = Vector256.Create(mu), veps = Vector256.Create(eps), vc = Vector256.Create(c);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Load(g, i);
                var msi = Load(ms, i);
                var mgi = Load(mg, i);
                msi += (gi * gi - msi) * vc;
                mgi += (gi - mgi) * vc;
                var denom = msi - mgi * mgi + veps;
                var momi = Load(mom, i) * vmu + gi * vlr / Vector256.Sqrt(denom);
                msi.CopyTo(ms[i..]);
                mgi.CopyTo(mg[i..]);
                momi.CopyTo(mom[i..]);
                (Load(w, i) - momi).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            ms[i] += (g[i] * g[i] - ms[i]) * c;
            mg[i] += (g[i] - mg[i]) * c;
            T denom = ms[i] - mg[i] * mg[i] + eps;
            mom[i] = mom[i] * mu + g[i] * lr / T.Sqrt(denom);
            w[i] -= mom[i];
        }
    }
}
