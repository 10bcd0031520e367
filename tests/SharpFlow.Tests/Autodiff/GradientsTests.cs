namespace SharpFlow.Tests.Autodiff;

/// <summary>Semantics of tf.gradients: naming, path summing, unconnected inputs, stop_gradient, grad_ys, dtypes.</summary>
/// <remarks>Expected values are derivatives computed by hand; names follow TF 1.x's gradients_util.py.</remarks>
public sealed class GradientsTests
{
    [Fact]
    public void Gradients_OpsAreNamedUnderGradientsScope()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(3.0f, name: "x");
        var y = tf.square(x);
        var grads = tf.gradients(y, new[] { x });
        // TF parity: _SquareGrad builds Mul(x, 2) then Mul(grad, ·) under gradients/Square_grad.
        Assert.Equal("gradients/Square_grad/Mul_1:0", grads[0]!.name);
        Assert.Equal("Fill", g.get_operation_by_name("gradients/Fill").type);
        Assert.Equal("Const", g.get_operation_by_name("gradients/grad_ys_0").type);
        var again = tf.gradients(y, new[] { x });
        Assert.StartsWith("gradients_1/", again[0]!.name);
        using var sess = tf.Session();
        Assert.Equal(6f, (float)sess.run(grads[0]!));
    }

    [Fact]
    public void Gradients_SeveralPaths_AreSummedWithAddN()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: TensorShape.Scalar, name: "x");
        var y = x * x + x;                          // dy/dx = 2x + 1
        var dx = tf.gradients(y, x)[0]!;
        Assert.Equal("AddN", dx.op.type);
        Assert.Equal("gradients/AddN", dx.op.name);
        using var sess = tf.Session();
        Assert.Equal(7f, (float)sess.run(dx, (x, 3f)));
    }

    [Fact]
    public void Gradients_UnconnectedX_IsNull()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(1.0f);
        var z = tf.constant(2.0f);
        var grads = tf.gradients(tf.square(x), new[] { x, z });
        Assert.NotNull(grads[0]);
        Assert.Null(grads[1]);
    }

    [Fact]
    public void StopGradient_BlocksOnePath()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(3.0f);
        var y = x * tf.stop_gradient(x);            // only the first factor is differentiated: dy/dx = x
        Assert.Equal("StopGradient", g.get_operations().Single(o => o.type == "StopGradient").name);
        using var sess = tf.Session();
        Assert.Equal(3f, (float)sess.run(tf.gradients(y, x)[0]!));
        Assert.Empty(tf.gradients(tf.stop_gradient(x), x).OfType<Tensor>());
    }

    [Fact]
    public void StopGradientsArgument_TreatsTensorsAsConstants()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(3.0f);
        var a = 2.0 * x;
        var y = a + x;                               // d/dx with a held constant: 1
        using var sess = tf.Session();
        Assert.Equal(1f, (float)sess.run(tf.gradients(y, x, stop_gradients: [a])[0]!));
        Assert.Equal(3f, (float)sess.run(tf.gradients(y, x)[0]!));
    }

    [Fact]
    public void GradYs_WeightTheOutput_AndSeveralYsAreSummed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1.0f, 2.0f });
        var y1 = 2.0 * x;
        var y2 = x * x;
        using var sess = tf.Session();
        var weighted = tf.gradients(y1, new[] { x }, grad_ys: tf.constant(new[] { 3.0f, -1.0f }))[0]!;
        Assert.Equal(new[] { 6f, -2f }, sess.run(weighted).ToArray<float>());
        var both = tf.gradients(new[] { y1, y2 }, new[] { x })[0]!;   // 2 + 2x
        Assert.Equal(new[] { 4f, 6f }, sess.run(both).ToArray<float>());
        Assert.Equal("Passed 2 grad_ys for 1 ys",
            Assert.Throws<ValueError>(() => tf.gradients(new[] { y1 }, new[] { x }, grad_ys: [x, x])).Message);
    }

    [Fact]
    public void Gradients_IntegerTensors_GetNone()
    {
        // TF parity: gradients_util._IsBackpropagatable: only floating-point tensors carry gradients.
        using var g = tf.Graph();
        using var _ = g.as_default();
        var n = tf.constant(3);
        Assert.Null(tf.gradients(n * n, n)[0]);
        var x = tf.constant(1.5f);
        Assert.Null(tf.gradients(tf.cast(x, tf.int32), x)[0]);
    }

    [Fact]
    public void Gradients_ThroughVariables_ReachTheVariable()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.Variable(tf.constant(new[] { 1.0f, -2.0f }), name: "w");
        var loss = tf.reduce_sum(w * w);
        var dw = tf.gradients(loss, w)[0]!;
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new[] { 2f, -4f }, sess.run(dw).ToArray<float>());
    }

    [Fact]
    public void Gradients_AtKinks_FollowTensorFlowConventions()
    {
        // TF parity: relu'(0) = 0 (ReluGrad uses x > 0), abs'(0) = sign(0) = 0, and clip_by_value passes the
        // gradient inside the bounds and on them (Minimum/Maximum send ties to x).
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { -1.0f, 0.0f, 0.5f, 1.0f, 1.5f });
        using var sess = tf.Session();
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 1f }, sess.run(tf.gradients(tf.nn.relu(x), x)[0]!).ToArray<float>());
        Assert.Equal(new[] { -1f, 0f, 1f, 1f, 1f }, sess.run(tf.gradients(tf.abs(x), x)[0]!).ToArray<float>());
        Assert.Equal(new[] { 0f, 1f, 1f, 1f, 0f }, sess.run(tf.gradients(tf.clip_by_value(x, 0.0, 1.0), x)[0]!).ToArray<float>());
    }

    [Fact]
    public void BroadcastGradient_StaticAndDynamicShapes_SumOverBroadcastAxes()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } });
        var b = tf.constant(new[] { 10.0, 20.0, 30.0 });
        var c = tf.constant(new[,] { { 1.0 }, { 2.0 } });
        var grads = tf.gradients(a * b + c, new[] { a, b, c });
        // Unknown shapes take the BroadcastGradientArgs path.
        var pa = tf.placeholder(tf.float64);
        var pb = tf.placeholder(tf.float64);
        var pc = tf.placeholder(tf.float64);
        var dynamic = tf.gradients(pa * pb + pc, new[] { pa, pb, pc });
        Assert.Contains(g.get_operations(), op => op.type == "BroadcastGradientArgs");
        using var sess = tf.Session();
        var feed = new FeedDict { [pa] = new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } }, [pb] = new[] { 10.0, 20.0, 30.0 }, [pc] = new[,] { { 1.0 }, { 2.0 } } };
        foreach (var set in new[] { sess.run(grads.Select(t => t!).ToArray()), sess.run(dynamic.Select(t => t!).ToArray(), feed) })
        {
            Assert.Equal(new[] { 10.0, 20.0, 30.0, 10.0, 20.0, 30.0 }, set[0].ToArray<double>());
            Assert.Equal(new[] { 2, 3 }, set[0].shape);
            Assert.Equal(new[] { 5.0, 7.0, 9.0 }, set[1].ToArray<double>());
            Assert.Equal(new[] { 3 }, set[1].shape);
            Assert.Equal(new[] { 3.0, 3.0 }, set[2].ToArray<double>());
            Assert.Equal(new[] { 2, 1 }, set[2].shape);
        }
    }

    [Fact]
    public void Gradients_OfATensorWithRespectToItself_IsGradYs()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.constant(new[] { 1.0f, 2.0f });
        using var sess = tf.Session();
        Assert.Equal(new[] { 1f, 1f }, sess.run(tf.gradients(x, x)[0]!).ToArray<float>());
    }
}
