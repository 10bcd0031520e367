namespace SharpFlow.Tests.Framework;

/// <summary>Variables, get_variable and variable scopes, with TensorFlow 1.x's names and errors (python/ops/variables.py, variable_scope.py).</summary>
public sealed class VariableTests
{
    [Fact]
    public void Variable_CreatesTensorFlowsOps()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.zeros((2, 3)));
        Assert.Equal("Variable:0", v.name);
        Assert.Equal("VariableV2", v.op.type);
        Assert.Equal("Variable/Assign", v.initializer.name);
        Assert.Equal("Variable/read:0", v.value().name);
        Assert.Equal("<tf.Variable 'Variable:0' shape=(2, 3) dtype=float32_ref>", v.ToString());
        var w = tf.Variable(1, name: "w");
        Assert.Equal("w/initial_value", w.initial_value.op.name);
        Assert.Equal(tf.int32, w.dtype);
        Assert.Equal(tf.float32, tf.Variable(0, dtype: tf.float32).dtype);
    }

    [Fact]
    public void Uninitialised_Read_IsFailedPrecondition()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(1.0f, name: "v");
        var y = v * 2.0;
        using var sess = tf.Session();
        Assert.Equal("Attempting to use uninitialized value v", Assert.Throws<FailedPreconditionError>(() => sess.run(y)).Message);
        Assert.Equal("Attempting to use uninitialized value v", Assert.Throws<FailedPreconditionError>(() => sess.run(v)).Message);
        sess.run(tf.global_variables_initializer());
        Assert.Equal(2f, (float)sess.run(y));
    }

    [Fact]
    public void Assign_ValidateShapeFalse_ChangesShape()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w1 = tf.Variable(tf.zeros((2, 3)));
        var w2 = tf.Variable(tf.ones((2, 2)));
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var e = Assert.Throws<ValueError>(() => tf.assign(w1, w2));
        Assert.StartsWith("Dimension 1 in both shapes must be equal, but are 3 and 2. Shapes are [2,3] and [2,2].", e.Message);
        sess.run(tf.assign(w1, w2, validate_shape: false));
        Assert.Equal([2, 2], sess.run(w1).shape);
    }

    [Fact]
    public void AssignAddSub_UpdateInPlace()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(10);
        using var sess = tf.Session();
        sess.run(v.initializer);
        sess.run(tf.assign_add(v, 5));
        sess.run(v.assign_sub(3));
        Assert.Equal(12, (int)sess.run(v));
        sess.run(tf.assign(v, 5));
        Assert.Equal(5, (int)sess.run(v));
    }

    [Fact]
    public void InitializedValue_CopiesAnotherVariable()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w1 = tf.Variable(tf.random_normal((2, 3), stddev: 1, seed: 1));
        var w3 = tf.Variable(w1.initialized_value());
        var w4 = tf.Variable(w1.initialized_value() * 2.0);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var a = sess.run(w1).ToArray<float>();
        Assert.Equal(a, sess.run(w3).ToArray<float>());
        Assert.Equal(a.Select(x => x * 2).ToArray(), sess.run(w4).ToArray<float>());
    }

    [Fact]
    public void Trainable_False_StaysOutOfTrainableCollection()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var step = tf.Variable(0, trainable: false);
        var w = tf.Variable(1.0f);
        Assert.Equal([step, w], tf.global_variables());
        Assert.Equal([w], tf.trainable_variables());
    }

    [Fact]
    public void GetVariable_ReuseAndErrors_AreTensorFlows()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Variable v;
        using (tf.variable_scope("foo"))
            v = tf.get_variable("v", shape: new[] { 1 }, initializer: tf.constant_initializer(1.0f));
        Assert.Equal("foo/v:0", v.name);
        using (tf.variable_scope("foo"))
        {
            var e = Assert.Throws<ValueError>(() => tf.get_variable("v", shape: new[] { 1 }));
            Assert.StartsWith("Variable foo/v already exists, disallowed.", e.Message);
        }
        using (tf.variable_scope("foo", reuse: true))
        {
            Assert.Same(v, tf.get_variable("v", shape: new[] { 1 }));
            Assert.True(tf.get_variable_scope().reuse);
            Assert.Equal("foo", tf.get_variable_scope().name);
            var e = Assert.Throws<ValueError>(() => tf.get_variable("w", shape: new[] { 1 }));
            Assert.StartsWith("Variable foo/w does not exist, or was not created with tf.get_variable().", e.Message);
        }
        using (tf.variable_scope("outer"))
        using (tf.variable_scope("inner"))
            Assert.Equal("outer/inner/u:0", tf.get_variable("u", shape: (2, 2)).name);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal([1f], sess.run(v).ToArray<float>());
    }

    [Fact]
    public void GetVariable_DefaultGlorotUniform_StaysWithinLimit()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.get_variable("w", shape: (20, 30));
        using var sess = tf.Session();
        sess.run(v.initializer);
        double limit = Math.Sqrt(6.0 / (20 + 30));
        var values = sess.run(v).ToArray<float>();
        Assert.All(values, x => Assert.InRange(x, -limit, limit));
        Assert.True(values.Distinct().Count() > 500);
    }

    [Fact]
    public void VariablesInitializer_InitialisesOnlyThoseGiven()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.Variable(1.0f, name: "a");
        var b = tf.Variable(2.0f, name: "b");
        using var sess = tf.Session();
        sess.run(tf.variables_initializer([a]));
        Assert.Equal(1f, (float)sess.run(a));
        Assert.Throws<FailedPreconditionError>(() => sess.run(b));
        Assert.False((bool)sess.run(tf.is_variable_initialized(b)));
    }
}
