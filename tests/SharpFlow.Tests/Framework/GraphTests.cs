namespace SharpFlow.Tests.Framework;

/// <summary>Graph naming, scopes, devices, collections; expected strings are TensorFlow 1.x's (python/framework/ops.py behaviour).</summary>
public sealed class GraphTests
{
    [Fact]
    public void UniqueName_RepeatedAndExplicitNames_AreSuffixed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        var b = tf.constant(2.0f);
        var c = tf.constant(3.0f, name: "c");
        var c2 = tf.constant(4.0f, name: "c");
        Assert.Equal("Const:0", a.name);
        Assert.Equal("Const_1:0", b.name);
        Assert.Equal("c:0", c.name);
        Assert.Equal("c_1:0", c2.name);
        Assert.Equal("add", (a + b).op.name);
        Assert.Equal("Add_1", tf.add(a, b).op.name);
    }

    [Fact]
    public void UniqueName_IsCaseInsensitive()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        Assert.Equal("add", (a + a).op.name);
        // TF parity: Graph.unique_name lower-cases the key, so "Add" after "add" becomes "Add_1".
        Assert.Equal("Add_1", tf.add(a, a).op.name);
    }

    [Fact]
    public void NameScope_ReenteredAndNested_GivesTensorFlowNames()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Tensor x, y, z;
        using (tf.name_scope("s")) x = tf.constant(1.0f);
        using (tf.name_scope("s"))
        {
            y = tf.constant(1.0f);
            using (tf.name_scope("inner")) z = tf.constant(1.0f, name: "k");
        }
        Assert.Equal("s/Const:0", x.name);
        Assert.Equal("s_1/Const:0", y.name);
        Assert.Equal("s_1/inner/k:0", z.name);
    }

    [Fact]
    public void Scopes_RestoreOnException()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        void Fail()
        {
            using (tf.name_scope("boom"))
            using (g.device("/gpu:0"))
                throw new InvalidOperationException();
        }
        Assert.Throws<InvalidOperationException>(Fail);
        var t = tf.constant(1.0f);
        Assert.Equal("Const:0", t.name);
        Assert.Equal("", t.device);
    }

    [Fact]
    public void AsDefault_NestsAndRestores()
    {
        var outer = tf.get_default_graph();
        using var g1 = tf.Graph();
        using var g2 = tf.Graph();
        using (g1.as_default())
        {
            Assert.Same(g1, tf.get_default_graph());
            using (g2.as_default()) Assert.Same(g2, tf.get_default_graph());
            Assert.Same(g1, tf.get_default_graph());
        }
        Assert.Same(outer, tf.get_default_graph());
    }

    [Theory]
    [InlineData("/gpu:0", "/device:GPU:0")]
    [InlineData("/cpu:0", "/device:CPU:0")]
    [InlineData("/device:GPU:1", "/device:GPU:1")]
    [InlineData("/job:localhost/replica:0/task:0/cpu:0", "/job:localhost/replica:0/task:0/device:CPU:0")]
    public void Device_Strings_AreNormalised(string given, string expected)
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using (g.device(given))
            Assert.Equal(expected, tf.constant(1.0f).device);
    }

    [Fact]
    public void Device_NestedPartialSpecs_Merge()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        using (g.device("/job:worker"))
        using (g.device("/gpu:0"))
        {
            Assert.Equal("/job:worker/device:GPU:0", tf.constant(1.0f).device);
            using (g.device(null)) Assert.Equal("", tf.constant(1.0f).device);
        }
    }

    [Fact]
    public void ControlDependencies_AreRecordedAndNest()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        var b = tf.constant(2.0f);
        Tensor c, d;
        using (tf.control_dependencies([a]))
        {
            c = tf.constant(3.0f);
            using (tf.control_dependencies([b])) d = tf.constant(4.0f);
        }
        Assert.Equal([a.op], c.op.control_inputs);
        Assert.Equal([a.op, b.op], d.op.control_inputs);
    }

    [Fact]
    public void Collections_AddAndGet()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        tf.add_to_collection("losses", a);
        tf.add_to_collection("losses", "not a tensor");
        Assert.Equal(2, tf.get_collection("losses").Count);
        Assert.Equal([a], tf.get_collection<Tensor>("losses"));
        Assert.Empty(tf.get_collection("missing"));
        var v = tf.Variable(1.0f);
        Assert.Equal([v], tf.get_collection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES));
        Assert.Equal([v], tf.trainable_variables());
    }

    [Fact]
    public void Lookup_ByName_FindsOperationsAndTensors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f, name: "a");
        Assert.Same(a.op, g.get_operation_by_name("a"));
        Assert.Same(a, g.get_tensor_by_name("a:0"));
        Assert.Equal([a.op], g.get_operations());
        Assert.Throws<KeyNotFoundException>(() => g.get_operation_by_name("b"));
        var e = Assert.Throws<ValueError>(() => g.get_tensor_by_name("a"));
        Assert.StartsWith("The name 'a' looks like an (invalid) Operation name, not a Tensor.", e.Message);
    }

    [Fact]
    public void Finalize_ForbidsNewOps()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        tf.constant(1.0f);
        g.finalize();
        var e = Assert.Throws<RuntimeError>(() => tf.constant(2.0f));
        Assert.Equal("Graph is finalized and cannot be modified.", e.Message);
    }

    [Fact]
    public void Tensor_ToString_MatchesTensorFlow()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var p = tf.placeholder(tf.float32, shape: (-1, 2), name: "x");
        var q = tf.placeholder(tf.int32, name: "q");
        var s = tf.constant(3.0);
        Assert.Equal("Tensor(\"x:0\", shape=(?, 2), dtype=float32)", p.ToString());
        Assert.Equal("Tensor(\"q:0\", dtype=int32)", q.ToString());
        Assert.Equal("Tensor(\"Const:0\", shape=(), dtype=float32)", s.ToString());
        Assert.Equal("Placeholder", p.op.type);
        Assert.Equal("Const", s.op.type);
    }

    [Fact]
    public void TensorShape_PrintsAndIndexesAsTensorFlow()
    {
        var s = new TensorShape(2, -1);
        Assert.Equal("(2, ?)", s.ToString());
        Assert.Equal(2, s[0].value);
        Assert.Null(s[1].value);
        Assert.Equal("(3,)", new TensorShape(3).ToString());
        Assert.Equal("()", TensorShape.Scalar.ToString());
        Assert.Equal("<unknown>", TensorShape.Unknown.ToString());
        Assert.Equal([2, null], s.as_list());
        Assert.Equal("TensorShape([Dimension(2), Dimension(None)])", s.Repr);
        Assert.True(new TensorShape(2, 3).is_compatible_with(s));
        Assert.False(new TensorShape(3, 3).is_compatible_with(s));
    }

    [Fact]
    public void SetShape_RefinesOrRejects()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var p = tf.placeholder(tf.float32, shape: (-1, 2));
        p.set_shape((5, 2));
        Assert.Equal("(5, 2)", p.get_shape().ToString());
        Assert.Throws<ValueError>(() => p.set_shape((5, 3)));
    }

    [Fact]
    public void MixedGraphs_AreRejected()
    {
        using var g1 = tf.Graph();
        using var g2 = tf.Graph();
        Tensor a, b;
        using (g1.as_default()) a = tf.constant(1.0f);
        using (g2.as_default()) b = tf.constant(1.0f);
        using (g2.as_default())
        {
            var e = Assert.Throws<ValueError>(() => tf.add(a, b));
            Assert.Contains("must be from the same graph", e.Message);
        }
    }

    [Fact]
    public void Version_IsTensorFlows()
    {
        Assert.StartsWith("1.", tf.__version__);
    }
}

/// <summary>C# numbers used as op inputs become constants inside the op's scope, as Python numbers do in TensorFlow.</summary>
public sealed class LiteralTests
{
    [Fact]
    public void Literal_BecomesConstNamedAfterItsConsumer()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float64, name: "x");
        int before = g.get_operations().Length;
        var m = tf.maximum(x, 0.0);
        var ops = g.get_operations().Skip(before).Select(o => o.name).ToArray();
        // TF parity: exactly one Const, named Maximum/y, in the dtype of x.
        Assert.Equal(["Maximum/y", "Maximum"], ops);
        Assert.Equal(tf.float64, m.op.inputs[1].dtype);
        Assert.Equal("mul/y", (x * 2.0).op.inputs[1].op.name);
    }

    [Fact]
    public void Literal_UsedTwice_AddsOneConstPerUse()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Tensor two = 2;
        var a = tf.constant(new[] { 1, 2 });
        var s1 = tf.add(a, two);
        var s2 = tf.multiply(a, two);
        Assert.Equal("Add/y", s1.op.inputs[1].op.name);
        Assert.Equal("Mul/y", s2.op.inputs[1].op.name);
        using var sess = tf.Session();
        Assert.Equal([3, 4], sess.run(s1).ToArray<int>());
        Assert.Equal([2, 4], sess.run(s2).ToArray<int>());
    }

    [Fact]
    public void FetchFromAnotherGraph_ErrorShowsPythonRepr()
    {
        using var g1 = tf.Graph();
        using var g2 = tf.Graph();
        Tensor a;
        using (g1.as_default()) a = tf.constant(1.0f, name: "a");
        using (g2.as_default()) tf.constant(1.0f);
        using var sess = tf.Session(graph: g2);
        var e = Assert.Throws<ValueError>(() => sess.run(a));
        Assert.Equal("Fetch argument <tf.Tensor 'a:0' shape=() dtype=float32> cannot be interpreted as a Tensor. (Tensor Tensor(\"a:0\", shape=(), dtype=float32) is not an element of this graph.)", e.Message);
    }
}
