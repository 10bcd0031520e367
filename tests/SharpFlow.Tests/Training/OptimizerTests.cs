namespace SharpFlow.Tests.Training;

/// <summary>
/// First steps of each optimizer on TensorFlow's own test problem (python/training/*_test.py: var0 = [1, 2],
/// var1 = [3, 4], constant gradients [0.1, 0.1] and [0.01, 0.01]); expected numbers are TF's hard-coded ones or its
/// NumPy reference formulas, re-derived here in double with float32-rounded hyper-parameters.
/// </summary>
public sealed class OptimizerTests
{
    static readonly double[] Var0 = [1.0, 2.0], Var1 = [3.0, 4.0], Grad0 = [0.1, 0.1], Grad1 = [0.01, 0.01];

    sealed record Problem(Variable V0, Variable V1, Operation Update, Session Sess) : IDisposable
    {
        public double[] Run0() => Sess.run(V0).ToArray<double>();
        public double[] Run1() => Sess.run(V1).ToArray<double>();
        public void Dispose() => Sess.Dispose();
    }

    static Problem Setup(Optimizer opt, DType? dtype = null, Variable? globalStep = null)
    {
        dtype ??= tf.float32;
        var v0 = tf.Variable(tf.constant(Var0, dtype), name: "var0");
        var v1 = tf.Variable(tf.constant(Var1, dtype), name: "var1");
        var update = opt.apply_gradients([(tf.constant(Grad0, dtype), v0), (tf.constant(Grad1, dtype), v1)], global_step: globalStep);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        return new Problem(v0, v1, update, sess);
    }

    static double F32(double v) => (float)v;

    static void Close(double[] expected, double[] actual, double rtol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 + rtol * Math.Abs(expected[i]), $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void GradientDescent_OneStep_MatchesTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using var p = Setup(tf.train.GradientDescentOptimizer(3.0));
        Close([1.0, 2.0], p.Run0());
        p.Sess.run(p.Update);
        // TF: gradient_descent_test.testBasic.
        Close([1.0 - 3.0 * 0.1, 2.0 - 3.0 * 0.1], p.Run0());
        Close([3.0 - 3.0 * 0.01, 4.0 - 3.0 * 0.01], p.Run1());
        Assert.Equal("ApplyGradientDescent", g.get_operation_by_name("GradientDescent/update_var0/ApplyGradientDescent").type);
        Assert.Equal("GradientDescent", p.Update.name);
    }

    [Fact]
    public void Momentum_TwoSteps_MatchTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var opt = tf.train.MomentumOptimizer(learning_rate: 2.0, momentum: 0.9);
        using var p = Setup(opt);
        var slot0 = opt.get_slot(p.V0, "momentum")!;
        Assert.Equal("var0/Momentum:0", slot0.name);
        Assert.Equal(new[] { "momentum" }, opt.get_slot_names());
        p.Sess.run(p.Update);
        Close([0.1, 0.1], p.Sess.run(slot0).ToArray<double>());
        Close([1.0 - 0.1 * 2.0, 2.0 - 0.1 * 2.0], p.Run0());
        Close([3.0 - 0.01 * 2.0, 4.0 - 0.01 * 2.0], p.Run1());
        p.Sess.run(p.Update);
        // TF: momentum_test.testBasic.
        Close([0.9 * 0.1 + 0.1, 0.9 * 0.1 + 0.1], p.Sess.run(slot0).ToArray<double>());
        Close([1.0 - 0.1 * 2.0 - (0.9 * 0.1 + 0.1) * 2.0, 2.0 - 0.1 * 2.0 - (0.9 * 0.1 + 0.1) * 2.0], p.Run0());
        Close([2.98 - (0.9 * 0.01 + 0.01) * 2.0, 3.98 - (0.9 * 0.01 + 0.01) * 2.0], p.Run1());
    }

    [Fact]
    public void Momentum_Nesterov_FollowsTheKernelFormula()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using var p = Setup(tf.train.MomentumOptimizer(2.0, 0.9, use_nesterov: true));
        // TF: momentum_test._update_nesterov_momentum_numpy (accum = μ·accum + g; var −= lr·g + lr·μ·accum).
        double[] v = [.. Var0], accum = [0, 0];
        for (int step = 0; step < 3; step++)
        {
            p.Sess.run(p.Update);
            for (int i = 0; i < 2; i++)
            {
                accum[i] = accum[i] * F32(0.9) + Grad0[i];
                v[i] -= Grad0[i] * 2.0 + accum[i] * F32(0.9) * 2.0;
            }
            Close(v, p.Run0());
        }
    }

    [Fact]
    public void Adagrad_ThreeSteps_MatchTensorFlowTest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var opt = tf.train.AdagradOptimizer(3.0, initial_accumulator_value: 0.1);
        using var p = Setup(opt);
        Assert.Equal("var0/Adagrad:0", opt.get_slot(p.V0, "accumulator")!.name);
        Close([0.1, 0.1], p.Sess.run(opt.get_slot(p.V0, "accumulator")!).ToArray<double>());
        for (int i = 0; i < 3; i++) p.Sess.run(p.Update);
        // TF: adagrad_test.testBasic.
        Close([-1.6026098728179932, -0.6026098728179932], p.Run0());
        Close([2.715679168701172, 3.715679168701172], p.Run1());
    }

    [Fact]
    public void Adam_ThreeSteps_MatchTensorFlowReference()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var opt = tf.train.AdamOptimizer();
        using var p = Setup(opt);
        Assert.Equal("var0/Adam:0", opt.get_slot(p.V0, "m")!.name);
        Assert.Equal("var0/Adam_1:0", opt.get_slot(p.V0, "v")!.name);
        Assert.Equal("var1/Adam:0", opt.get_slot(p.V1, "m")!.name);
        Assert.Equal(new[] { "m", "v" }, opt.get_slot_names());
        var (beta1Power, beta2Power) = opt.BetaAccumulators();
        Assert.Equal("beta1_power:0", beta1Power.name);
        Assert.Equal("beta2_power:0", beta2Power.name);
        Assert.False(beta1Power.trainable);
        // TF: adam_test.adam_update_numpy, with the float32 values TensorFlow feeds its kernel.
        double lr = F32(0.001), b1 = F32(0.9), b2 = F32(0.999), eps = F32(1e-8);
        double[] v0 = [.. Var0], v1 = [.. Var1], m0 = [0, 0], s0 = [0, 0], m1 = [0, 0], s1 = [0, 0];
        for (int t = 0; t < 3; t++)
        {
            Close([Math.Pow(b1, t + 1)], [(double)p.Sess.run(beta1Power)]);
            Close([Math.Pow(b2, t + 1)], [(double)p.Sess.run(beta2Power)]);
            p.Sess.run(p.Update);
            AdamStep(v0, m0, s0, Grad0, t, lr, b1, b2, eps);
            AdamStep(v1, m1, s1, Grad1, t, lr, b1, b2, eps);
            Close(v0, p.Run0());
            Close(v1, p.Run1());
        }
    }

    static void AdamStep(double[] param, double[] m, double[] v, double[] g, int t, double lr, double b1, double b2, double eps)
    {
        double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t + 1)) / (1 - Math.Pow(b1, t + 1));
        for (int i = 0; i < param.Length; i++)
        {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            param[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + eps);
        }
    }

    [Fact]
    public void Adam_Float64_UsesFloat32HyperParametersAsTensorFlowDoes()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using var p = Setup(tf.train.AdamOptimizer(0.1), tf.float64);
        p.Sess.run(p.Update);
        double[] v0 = [.. Var0], m0 = [0, 0], s0 = [0, 0];
        AdamStep(v0, m0, s0, Grad0, 0, F32(0.1), F32(0.9), F32(0.999), F32(1e-8));
        var got = p.Run0();
        for (int i = 0; i < 2; i++) Assert.Equal(v0[i], got[i], 14);
    }

    [Theory]
    [InlineData(0.0, 1e-10, false)]
    [InlineData(0.5, 1e-10, false)]
    [InlineData(0.0, 1.0, true)]
    [InlineData(0.5, 0.1, true)]
    public void RMSProp_ThreeSteps_MatchTensorFlowReference(double momentum, double epsilon, bool centered)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var opt = tf.train.RMSPropOptimizer(0.1, decay: 0.9, momentum: momentum, epsilon: epsilon, centered: centered);
        using var p = Setup(opt);
        Assert.Equal("var0/RMSProp:0", opt.get_slot(p.V0, "rms")!.name);
        Assert.Equal(centered ? "var0/RMSProp_2:0" : "var0/RMSProp_1:0", opt.get_slot(p.V0, "momentum")!.name);
        Assert.Equal(centered ? "var0/RMSProp_1:0" : null, opt.get_slot(p.V0, "mg")?.name);
        Close([1.0, 1.0], p.Sess.run(opt.get_slot(p.V0, "rms")!).ToArray<double>());
        // TF: rmsprop_test._rmsprop_update_numpy (rms starts at ones).
        double lr = F32(0.1), decay = F32(0.9), mu = F32(momentum), eps = F32(epsilon);
        double[] v = [.. Var0], rms = [1, 1], mg = [0, 0], mom = [0, 0];
        for (int step = 0; step < 3; step++)
        {
            p.Sess.run(p.Update);
            for (int i = 0; i < 2; i++)
            {
                rms[i] = rms[i] * decay + (1 - decay) * Grad0[i] * Grad0[i];
                double denom = rms[i] + eps;
                if (centered)
                {
                    mg[i] = mg[i] * decay + (1 - decay) * Grad0[i];
                    denom -= mg[i] * mg[i];
                }
                mom[i] = mu * mom[i] + lr * Grad0[i] / Math.Sqrt(denom);
                v[i] -= mom[i];
            }
            Close(v, p.Run0(), 1e-5);
        }
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("nesterov")]
    [InlineData("adagrad")]
    [InlineData("rmsprop")]
    [InlineData("centered")]
    [InlineData("sgd")]
    public void LongVariables_VectorAndScalarPaths_MatchTheReference(string kind)
    {
        // 37 float64 elements: whole 256-bit vectors plus a scalar tail; every element is checked against the
        // kernel formula evaluated in double (TF parity: core/kernels/training_ops.cc).
        const int n = 37;
        var w0 = Enumerable.Range(0, n).Select(i => 0.5 + 0.1 * i).ToArray();
        var grad = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1)).ToArray();
        using var g = tf.Graph();
        using var _ = g.as_default();
        Optimizer opt = kind switch
        {
            "adam" => tf.train.AdamOptimizer(tf.constant(0.1, tf.float64)),
            "nesterov" => tf.train.MomentumOptimizer(tf.constant(0.1, tf.float64), 0.5, use_nesterov: true),
            "adagrad" => tf.train.AdagradOptimizer(tf.constant(0.1, tf.float64), initial_accumulator_value: 0.5),
            "rmsprop" => tf.train.RMSPropOptimizer(tf.constant(0.1, tf.float64), momentum: 0.5),
            "centered" => tf.train.RMSPropOptimizer(tf.constant(0.1, tf.float64), momentum: 0.5, epsilon: 0.25, centered: true),
            _ => tf.train.GradientDescentOptimizer(tf.constant(0.1, tf.float64)),
        };
        var v = tf.Variable(tf.constant(w0), name: "v");
        var update = opt.apply_gradients([(tf.constant(grad), v)]);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var expected = (double[])w0.Clone();
        double[] s1 = new double[n], s2 = new double[n], s3 = new double[n];
        if (kind == "adagrad") Array.Fill(s1, 0.5);
        if (kind is "rmsprop" or "centered") Array.Fill(s1, 1.0);
        double lr = 0.1, mu = F32(0.5);
        // Adam's β powers are float32 variables (TF parity: adam.py), advanced by a float32 multiply.
        float beta1Power = 0.9f, beta2Power = 0.999f;
        for (int t = 0; t < 3; t++)
        {
            sess.run(update);
            for (int i = 0; i < n; i++)
            {
                double gi = grad[i];
                switch (kind)
                {
                    case "adam":
                        double b1 = F32(0.9), b2 = F32(0.999), eps = F32(1e-8);
                        double alpha = lr * Math.Sqrt(1 - (double)beta2Power) / (1 - (double)beta1Power);
                        s1[i] += (gi - s1[i]) * (1 - b1);
                        s2[i] += (gi * gi - s2[i]) * (1 - b2);
                        expected[i] -= s1[i] * alpha / (Math.Sqrt(s2[i]) + eps);
                        break;
                    case "nesterov":
                        s1[i] = s1[i] * mu + gi;
                        expected[i] -= gi * lr + s1[i] * mu * lr;
                        break;
                    case "adagrad":
                        s1[i] += gi * gi;
                        expected[i] -= gi * lr / Math.Sqrt(s1[i]);
                        break;
                    case "rmsprop":
                    case "centered":
                        double rho = F32(0.9), e = kind == "centered" ? F32(0.25) : F32(1e-10);
                        s1[i] += (gi * gi - s1[i]) * (1 - rho);
                        double denom = s1[i] + e;
                        if (kind == "centered")
                        {
                            s2[i] += (gi - s2[i]) * (1 - rho);
                            denom = s1[i] - s2[i] * s2[i] + e;
                        }
                        s3[i] = s3[i] * mu + gi * lr / Math.Sqrt(denom);
                        expected[i] -= s3[i];
                        break;
                    default:
                        expected[i] -= gi * lr;
                        break;
                }
            }
            (beta1Power, beta2Power) = (beta1Power * 0.9f, beta2Power * 0.999f);
            var got = sess.run(v).ToArray<double>();
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(expected[i] - got[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"{kind} step {t} [{i}]: {expected[i]:R} vs {got[i]:R}");
        }
    }

    [Fact]
    public void Minimize_GlobalStep_IncrementsOncePerStep()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.Variable(tf.constant(5.0f), name: "w");
        var step = tf.train.get_or_create_global_step();
        Assert.Equal("global_step:0", step.name);
        Assert.Equal(tf.int64, step.dtype);
        Assert.Same(step, tf.train.get_global_step());
        var train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w), global_step: step);
        Assert.Equal("AssignAdd", train.type);
        Assert.Contains(train, tf.get_collection<Operation>(tf.GraphKeys.TRAIN_OP));
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (int i = 0; i < 3; i++) sess.run(train);
        Assert.Equal(3L, (long)sess.run(step));
        Assert.Equal(3L, tf.train.global_step(sess, step));
        Assert.Equal(5f * 0.8f * 0.8f * 0.8f, (float)sess.run(w), 5);
        Assert.Equal("\"global_step\" already exists.", Assert.Throws<ValueError>(() => tf.train.create_global_step()).Message);
    }

    [Fact]
    public void LearningRate_CanBeATensor()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var lr = tf.placeholder(tf.float32, shape: TensorShape.Scalar);
        var w = tf.Variable(tf.constant(1.0f));
        var train = tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w));
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train, (lr, 0.25f));      // w −= 0.25 · 2w
        Assert.Equal(0.5f, (float)sess.run(w));
    }

    [Fact]
    public void ComputeThenApply_IsMinimize_AndRespectsVarList()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.Variable(tf.constant(1.0f), name: "a");
        var b = tf.Variable(tf.constant(2.0f), name: "b");
        var loss = a * b;
        var opt = tf.train.GradientDescentOptimizer(0.5);
        var gv = opt.compute_gradients(loss, var_list: [a]);
        Assert.Single(gv);
        Assert.Same(a, gv[0].var);
        var train = opt.apply_gradients(gv);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train);
        Assert.Equal(0f, (float)sess.run(a));      // 1 − 0.5 · b
        Assert.Equal(2f, (float)sess.run(b));
    }

    [Fact]
    public void Minimize_BadInput_RaisesTensorFlowsErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var opt = tf.train.GradientDescentOptimizer(0.1);
        var c = tf.constant(1.0f);
        Assert.Equal("No variables to optimize.", Assert.Throws<ValueError>(() => opt.minimize(c)).Message);
        var x = tf.Variable(tf.constant(0.0f), name: "x");
        Assert.Equal("No gradients provided for any variable, check your graph for ops that do not support gradients, between variables " +
            "[\"<tf.Variable 'x:0' shape=() dtype=float32_ref>\"] and loss Tensor(\"Const:0\", shape=(), dtype=float32).",
            Assert.Throws<ValueError>(() => opt.minimize(c)).Message);
        var n = tf.Variable(tf.constant(3), name: "n");
        Assert.Equal("Invalid type tf.int32 for mul:0, expected: [tf.float16, tf.bfloat16, tf.float32, tf.float64].",
            Assert.Throws<ValueError>(() => opt.minimize(n * n)).Message);
        Assert.Equal("No gradients provided for any variable: [\"<tf.Variable 'x:0' shape=() dtype=float32_ref>\"].",
            Assert.Throws<ValueError>(() => opt.apply_gradients([(null, x)])).Message);
        Assert.Equal("No variables provided.", Assert.Throws<ValueError>(() => opt.apply_gradients([])).Message);
        Assert.Equal("initial_accumulator_value must be positive: 0.0",
            Assert.Throws<ValueError>(() => tf.train.AdagradOptimizer(0.1, initial_accumulator_value: 0.0)).Message);
    }

    [Fact]
    public void ApplyOp_UninitializedSlot_FailsAsTensorFlow()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.Variable(tf.constant(new[] { 1.0f, 2.0f }), name: "w");
        var train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(w));
        using var sess = tf.Session();
        sess.run(w.initializer);
        var e = Assert.Throws<FailedPreconditionError>(() => sess.run(train));
        Assert.Equal("Attempting to use uninitialized variables: w/Momentum", e.Message);
    }
}
