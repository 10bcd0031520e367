namespace SharpFlow.Tests.Acceptance;

/// <summary>
/// Issue 2's variable items: tf.Variable arguments, per-session values, initialisers of get_variable, variable-scope
/// errors and control dependencies at run time (TensorFlow 1.15's variables.py / variable_scope.py behaviour).
/// </summary>
public sealed class Issue2VariableAuditTests
{
    [Fact]
    public void Variables_InSession_AreSeparatePerSessionAndTyped()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(new[] { 1.0, 2.0 }, name: "v", dtype: tf.float64);
        var n = tf.Variable(5, name: "n", trainable: false);
        Assert.Equal(tf.float64, v.dtype);
        Assert.Equal("<tf.Variable 'v:0' shape=(2,) dtype=float64_ref>", v.ToString());
        Assert.Equal([v], tf.trainable_variables());
        Assert.Equal([v, n], tf.global_variables());
        var init = tf.variables_initializer(new[] { v });
        Assert.Equal("init", init.name);
        using var s1 = tf.Session();
        s1.run(init);
        Assert.Equal("Attempting to use uninitialized value n", Assert.Throws<FailedPreconditionError>(() => s1.run(n)).Message);
        s1.run(tf.assign(v, new[] { 3.0, 4.0 }));
        using var s2 = tf.Session();
        s2.run(tf.global_variables_initializer());
        Assert.Equal([3.0, 4.0], s1.run(v).ToArray<double>());
        Assert.Equal([1.0, 2.0], s2.run(v).ToArray<double>());
        Assert.Equal(5, (int)s2.run(n));
    }

    [Fact]
    public void ControlDependencies_RunFirst_WhenTheirDependentRuns()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(1.0f, name: "v");
        var bump = tf.assign_add(v, 10.0);
        Tensor after;
        using (tf.control_dependencies([bump])) after = tf.identity(v.value()) * 1.0;
        var plain = v * 1.0;
        using var sess = tf.Session();
        sess.run(v.initializer);
        Assert.Equal(1f, (float)sess.run(plain));
        Assert.Equal(11f, (float)sess.run(after));
        Assert.Equal(11f, (float)sess.run(plain));
    }

    [Fact]
    public void GetVariable_EveryInitializer_GivesItsValues()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var z = tf.get_variable("z", shape: (2, 2), initializer: tf.zeros_initializer());
        var o = tf.get_variable("o", shape: new[] { 3 }, dtype: tf.float64, initializer: tf.ones_initializer());
        var c = tf.get_variable("c", shape: new[] { 2 }, initializer: tf.constant_initializer(0.5f));
        var cv = tf.get_variable("cv", shape: new[] { 2 }, initializer: tf.constant_initializer(new[] { 1f, 2f }));
        var u = tf.get_variable("u", shape: new[] { 1000 }, initializer: tf.random_uniform_initializer(-3, -2, seed: 1));
        var n = tf.get_variable("n", shape: new[] { 1000 }, initializer: tf.random_normal_initializer(5, 0.1, seed: 1));
        var t = tf.get_variable("t", shape: new[] { 1000 }, initializer: tf.truncated_normal_initializer(0, 1, seed: 1));
        var d = tf.get_variable("d", shape: (300, 200));
        var i = tf.get_variable("i", shape: new[] { 2 }, dtype: tf.int32);
        Assert.Equal("z/Initializer/zeros", z.initial_value.op.name);
        Assert.Equal("c/Initializer/Const", c.initial_value.op.name);
        Assert.Equal(tf.float64, o.dtype);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new float[4], sess.run(z).ToArray<float>());
        Assert.Equal([1.0, 1.0, 1.0], sess.run(o).ToArray<double>());
        Assert.Equal([0.5f, 0.5f], sess.run(c).ToArray<float>());
        Assert.Equal([1f, 2f], sess.run(cv).ToArray<float>());
        Assert.All(sess.run(u).ToArray<float>(), x => Assert.InRange(x, -3f, -2f));
        Assert.InRange(sess.run(n).ToArray<float>().Average(), 4.99, 5.01);
        Assert.All(sess.run(t).ToArray<float>(), x => Assert.InRange(x, -2f, 2f));
        // glorot_uniform: limit = sqrt(6 / (300 + 200)).
        float limit = MathF.Sqrt(6f / 500f);
        var dv = sess.run(d).ToArray<float>();
        Assert.All(dv, x => Assert.InRange(x, -limit, limit));
        Assert.True(dv.Max() > 0.9f * limit && dv.Min() < -0.9f * limit);
        Assert.Equal([0, 0], sess.run(i).ToArray<int>());   // non-float variables default to zeros
    }

    [Fact]
    public void VariableScope_ShapeOrDtypeMismatchOnReuse_IsTensorFlowsError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using (tf.variable_scope("s")) tf.get_variable("v", shape: new[] { 1 });
        using (tf.variable_scope("s", reuse: true))
        {
            Assert.Equal("Trying to share variable s/v, but specified shape (2,) and found shape (1,).",
                Assert.Throws<ValueError>(() => tf.get_variable("v", shape: new[] { 2 })).Message);
            Assert.Equal("Trying to share variable s/v, but specified dtype float64 and found dtype float32_ref.",
                Assert.Throws<ValueError>(() => tf.get_variable("v", dtype: tf.float64)).Message);
            using (tf.variable_scope("inner"))
                Assert.True(tf.get_variable_scope().reuse);   // reuse is inherited by nested scopes
        }
        Assert.Equal("Shape of a new variable (w) must be fully defined, but instead was (?,).",
            Assert.Throws<ValueError>(() => tf.get_variable("w", shape: new[] { -1 })).Message);
    }
}
