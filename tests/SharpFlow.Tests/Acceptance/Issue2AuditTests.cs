namespace SharpFlow.Tests.Acceptance;

/// <summary>
/// Issue 2, item by item: the op list's TensorFlow op types and default names, dtype rules, graph features and
/// the bad-input errors (each leaving the session usable).
/// </summary>
/// <remarks>
/// Expected names and types are TensorFlow 1.15's Python layer (python/ops/math_ops.py, array_ops.py, nn_ops.py,
/// random_ops.py: which functions open a name scope and which call the generated op directly).
/// </remarks>
public sealed class Issue2AuditTests
{
    static readonly (string what, Func<ITensorOrOperation> build, string name, string type)[] OpTable =
    [
        ("constant", () => tf.constant(1.0f), "Const", "Const"),
        ("placeholder", () => tf.placeholder(tf.float32), "Placeholder", "Placeholder"),
        ("zeros", () => tf.zeros((2, 2)), "zeros", "Const"),
        ("ones", () => tf.ones((2, 2)), "ones", "Const"),
        ("fill", () => tf.fill(new[] { 2, 2 }, 1.0f), "Fill", "Fill"),
        ("zeros_like", () => tf.zeros_like(F()), "zeros_like", "Const"),
        ("ones_like", () => tf.ones_like(F()), "ones_like", "Fill"),
        ("random_normal", () => tf.random_normal((2, 2), seed: 1), "random_normal", "Add"),
        ("truncated_normal", () => tf.truncated_normal((2, 2), seed: 1), "truncated_normal", "Add"),
        ("random_uniform", () => tf.random_uniform((2, 2), seed: 1), "random_uniform", "Add"),
        ("random_uniform int", () => tf.random_uniform((2, 2), 0, 5, dtype: tf.int32, seed: 1), "random_uniform", "RandomUniformInt"),
        ("matmul", () => tf.matmul(F(), F(), transpose_b: true), "MatMul", "MatMul"),
        ("add", () => tf.add(F(), F()), "Add", "Add"),
        ("+", () => F() + F(), "add", "Add"),
        ("subtract", () => tf.subtract(F(), F()), "Sub", "Sub"),
        ("-", () => F() - F(), "sub", "Sub"),
        ("multiply", () => tf.multiply(F(), F()), "Mul", "Mul"),
        ("*", () => F() * F(), "mul", "Mul"),
        ("div float", () => tf.div(F(), F()), "div", "RealDiv"),
        ("div int", () => tf.div(I(), I()), "div", "FloorDiv"),
        ("truediv", () => tf.truediv(F(), F()), "truediv", "RealDiv"),
        ("/", () => F() / F(), "truediv", "RealDiv"),
        ("floordiv", () => tf.floordiv(I(), I()), "floordiv", "FloorDiv"),
        ("mod", () => tf.mod(I(), I()), "FloorMod", "FloorMod"),
        ("floormod", () => tf.floormod(I(), I()), "FloorMod", "FloorMod"),
        ("%", () => I() % I(), "mod", "FloorMod"),
        ("negative", () => tf.negative(F()), "Neg", "Neg"),
        ("unary -", () => -F(), "Neg", "Neg"),
        ("square", () => tf.square(F()), "Square", "Square"),
        ("pow", () => tf.pow(F(), 2.0), "Pow", "Pow"),
        ("sqrt", () => tf.sqrt(F()), "Sqrt", "Sqrt"),
        ("rsqrt", () => tf.rsqrt(F()), "Rsqrt", "Rsqrt"),
        ("exp", () => tf.exp(F()), "Exp", "Exp"),
        ("log", () => tf.log(F()), "Log", "Log"),
        ("log1p", () => tf.log1p(F()), "Log1p", "Log1p"),
        ("abs", () => tf.abs(F()), "Abs", "Abs"),
        ("sign", () => tf.sign(F()), "Sign", "Sign"),
        ("reciprocal", () => tf.reciprocal(F()), "Reciprocal", "Reciprocal"),
        ("maximum", () => tf.maximum(F(), 0.0), "Maximum", "Maximum"),
        ("minimum", () => tf.minimum(F(), 0.0), "Minimum", "Minimum"),
        ("relu", () => tf.nn.relu(F()), "Relu", "Relu"),
        ("relu6", () => tf.nn.relu6(F()), "Relu6", "Relu6"),
        ("elu", () => tf.nn.elu(F()), "Elu", "Elu"),
        ("selu", () => tf.nn.selu(F()), "Selu", "Selu"),
        ("softplus", () => tf.nn.softplus(F()), "Softplus", "Softplus"),
        ("sigmoid", () => tf.sigmoid(F()), "Sigmoid", "Sigmoid"),
        ("tanh", () => tf.tanh(F()), "Tanh", "Tanh"),
        ("softmax", () => tf.nn.softmax(F()), "Softmax", "Softmax"),
        ("log_softmax", () => tf.nn.log_softmax(F()), "LogSoftmax", "LogSoftmax"),
        ("clip_by_value", () => tf.clip_by_value(F(), 0.0, 1.0), "clip_by_value", "Maximum"),
        ("reduce_sum", () => tf.reduce_sum(F(), 1, keepdims: true), "Sum", "Sum"),
        ("reduce_mean", () => tf.reduce_mean(F()), "Mean", "Mean"),
        ("reduce_max", () => tf.reduce_max(F(), 0), "Max", "Max"),
        ("reduce_min", () => tf.reduce_min(F(), 0), "Min", "Min"),
        ("reduce_prod", () => tf.reduce_prod(F(), 0), "Prod", "Prod"),
        ("argmax", () => tf.argmax(F(), 1), "ArgMax", "ArgMax"),
        ("argmin", () => tf.argmin(F(), 1), "ArgMin", "ArgMin"),
        ("equal", () => tf.equal(F(), F()), "Equal", "Equal"),
        ("not_equal", () => tf.not_equal(F(), F()), "NotEqual", "NotEqual"),
        ("less", () => tf.less(F(), F()), "Less", "Less"),
        ("greater", () => tf.greater(F(), F()), "Greater", "Greater"),
        ("less_equal", () => tf.less_equal(F(), F()), "LessEqual", "LessEqual"),
        ("greater_equal", () => tf.greater_equal(F(), F()), "GreaterEqual", "GreaterEqual"),
        ("logical_and", () => tf.logical_and(B(), B()), "LogicalAnd", "LogicalAnd"),
        ("logical_or", () => tf.logical_or(B(), B()), "LogicalOr", "LogicalOr"),
        ("logical_not", () => tf.logical_not(B()), "LogicalNot", "LogicalNot"),
        ("where(c, x, y)", () => tf.where(B(), F(), F()), "Select", "Select"),
        ("where(c)", () => tf.where(B()), "Where", "Where"),
        ("cast", () => tf.cast(F(), tf.int32), "Cast", "Cast"),
        ("reshape", () => tf.reshape(F(), new[] { 4 }), "Reshape", "Reshape"),
        ("transpose", () => tf.transpose(F()), "transpose", "Transpose"),
        ("concat", () => tf.concat(new[] { F(), F() }, 0), "concat", "ConcatV2"),
        ("stack", () => tf.stack(new[] { F(), F() }), "stack", "Pack"),
        ("unstack", () => tf.unstack(F())[0], "unstack", "Unpack"),
        ("squeeze", () => tf.squeeze(tf.constant(new float[,] { { 1f, 2f } }, name: "row")), "Squeeze", "Squeeze"),
        ("expand_dims", () => tf.expand_dims(F(), 0), "ExpandDims", "ExpandDims"),
        ("tile", () => tf.tile(F(), new[] { 1, 2 }), "Tile", "Tile"),
        ("slice", () => tf.slice(F(), new[] { 0, 0 }, new[] { 1, 1 }), "Slice", "Slice"),
        ("gather", () => tf.gather(F(), tf.constant(new[] { 1, 0 }, name: "idx")), "GatherV2", "GatherV2"),
        ("one_hot", () => tf.one_hot(I(), 3), "one_hot", "OneHot"),
        ("shape", () => tf.shape(tf.placeholder(tf.float32, name: "p")), "Shape", "Shape"),
        ("size", () => tf.size(tf.placeholder(tf.float32, name: "p")), "Size", "Size"),
        ("rank", () => tf.rank(tf.placeholder(tf.float32, name: "p")), "Rank", "Rank"),
        ("range", () => tf.range(5), "range", "Range"),
        ("linspace", () => tf.linspace(0.0, 1.0, 5), "LinSpace", "LinSpace"),
        ("identity", () => tf.identity(F()), "Identity", "Identity"),
        ("add_n", () => tf.add_n(new[] { F(), F() }), "AddN", "AddN"),
        ("Variable", () => tf.Variable(1.0f), "Variable", "VariableV2"),
        ("assign", () => tf.assign(tf.Variable(1.0f, name: "v"), 2.0), "Assign", "Assign"),
        ("assign_add", () => tf.assign_add(tf.Variable(1.0f, name: "v"), 2.0), "AssignAdd", "AssignAdd"),
        ("assign_sub", () => tf.assign_sub(tf.Variable(1.0f, name: "v"), 2.0), "AssignSub", "AssignSub"),
        ("global_variables_initializer", () => tf.global_variables_initializer(), "init", "NoOp"),
    ];

    // Named inputs, so the op under test is the first of its default name in the graph.
    static Tensor F() => tf.constant(new float[,] { { 1f, -2f }, { 3f, 4f } }, name: "f");
    static Tensor I() => tf.constant(new[] { 2, 1 }, name: "i");
    static Tensor B() => tf.constant(new[,] { { true, false }, { false, true } }, name: "b");

    [Fact]
    public void EveryOpOfTheIssue_HasTensorFlowsTypeAndDefaultName()
    {
        var wrong = new List<string>();
        foreach (var (what, build, name, type) in OpTable)
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            var op = build().AsOperation;
            if (op.name != name || op.type != type) wrong.Add($"{what}: got {op.name} ({op.type}), want {name} ({type})");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void EveryOpOfTheIssue_RunsInASession()
    {
        var wrong = new List<string>();
        foreach (var (what, build, _, _) in OpTable)
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            var fetch = build();
            if (fetch.AsTensor is { } t && t.op.type == "Placeholder") continue;
            using var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            try
            {
                if (fetch.AsTensor is { } tensor)
                {
                    var v = tensor.op.inputs.Any(i => i.op.type == "Placeholder")
                        ? sess.run(tensor, (tensor.op.inputs[0], new[,] { { 1f } }))
                        : sess.run(tensor);
                    if (tensor.get_shape().is_fully_defined() && !v.shape.SequenceEqual(tensor.get_shape().as_list().Select(d => d!.Value)))
                        wrong.Add($"{what}: static shape {tensor.get_shape()} but value shape {NDArray.FormatShape(v.shape)}");
                    if (v.dtype != tensor.dtype) wrong.Add($"{what}: dtype {tensor.dtype} but value {v.dtype}");
                }
                else sess.run(fetch.AsOperation);
            }
            catch (Exception e) when (e is OpError or ValueError or TypeError)
            {
                wrong.Add($"{what}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void Dtypes_IntTrueDivision_GivesFloat64()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(new[] { 7, -7 });
        var b = tf.constant(new[] { 2, 2 });
        var q = a / b;
        var q64 = tf.truediv(tf.constant(new[] { 1L }), tf.constant(new[] { 4L }));
        Assert.Equal(tf.float64, q.dtype);
        Assert.Equal(tf.float64, q64.dtype);
        Assert.Equal(["Const", "Const_1", "truediv/Cast", "truediv/Cast_1", "truediv"], g.get_operations().Take(5).Select(o => o.name));
        using var sess = tf.Session();
        Assert.Equal([3.5, -3.5], sess.run(q).ToArray<double>());
        Assert.Equal([0.25], sess.run(q64).ToArray<double>());
        // Python 2 semantics of tf.div and floor semantics of floordiv / mod: -7 // 2 = -4, -7 mod 2 = 1.
        Assert.Equal([3, -4], sess.run(tf.div(a, b)).ToArray<int>());
        Assert.Equal([3, -4], sess.run(tf.floordiv(a, b)).ToArray<int>());
        Assert.Equal([1, 1], sess.run(a % b).ToArray<int>());
        Assert.Equal([-1, -1], sess.run(tf.mod(a, -b)).ToArray<int>());
    }

    [Fact]
    public void Dtypes_NoSilentMixing_TensorFlowsTypeErrors()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var f32 = tf.constant(new[] { 1f }, name: "x");
        var f64 = tf.constant(new[] { 1.0 }, name: "y");
        var i32 = tf.constant(new[] { 1 }, name: "n");
        Assert.Equal("x and y must have the same dtype, got tf.float32 != tf.float64",
            Assert.Throws<TypeError>(() => f32 / f64).Message);
        Assert.Equal("Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.",
            Assert.Throws<TypeError>(() => f32 + i32).Message);
        Assert.Equal("Input 'y' of 'Mul' Op has type float64 that does not match type float32 of argument 'x'.",
            Assert.Throws<TypeError>(() => f32 * f64).Message);
        Assert.Equal("Input 'b' of 'MatMul' Op has type float64 that does not match type float32 of argument 'a'.",
            Assert.Throws<TypeError>(() => tf.matmul(tf.constant(new float[,] { { 1f } }), tf.constant(new double[,] { { 1.0 } }))).Message);
        // C# literals adopt the tensor's dtype, as Python scalars do; a fraction cannot become an int.
        Assert.Equal(tf.float32, (f32 * 2.5).dtype);
        Assert.Equal(tf.float64, (f64 + 1).dtype);
        Assert.Equal(tf.int32, (i32 * 2).dtype);
        Assert.Throws<TypeError>(() => i32 * 2.5);
    }

    [Fact]
    public void MatMul_ShapeMismatch_IsTensorFlowsValueError()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (1, 2));
        var w = tf.zeros((3, 1));
        var e = Assert.Throws<ValueError>(() => tf.matmul(x, w));
        Assert.Equal("Dimensions must be equal, but are 2 and 3 for 'MatMul' (op: 'MatMul') with input shapes: [1,2], [3,1].", e.Message);
        Assert.Equal("(2, 3)", tf.matmul(x, tf.zeros((1, 3)), transpose_a: true).get_shape().ToString());
        Assert.Equal("(1, 3)", tf.matmul(x, tf.zeros((3, 2)), transpose_b: true).get_shape().ToString());
    }

    [Fact]
    public void DefaultGraph_IsPerThread()
    {
        Graph mine = tf.get_default_graph(), theirs = null!, theirsInside = null!;
        using var g = tf.Graph();
        using (g.as_default())
        {
            var t = new Thread(() =>
            {
                theirs = tf.get_default_graph();
                using var h = tf.Graph();
                using (h.as_default()) theirsInside = tf.get_default_graph();
            });
            t.Start();
            t.Join();
            Assert.Same(g, tf.get_default_graph());
        }
        Assert.NotSame(mine, theirs);
        Assert.NotSame(g, theirs);
        Assert.NotSame(theirs, theirsInside);
        Assert.Same(mine, tf.get_default_graph());
    }

    [Fact]
    public void GraphKeys_AreTensorFlowsStrings_AndCollectionsFilterByTypeAndScope()
    {
        Assert.Equal("variables", tf.GraphKeys.GLOBAL_VARIABLES);
        Assert.Equal("trainable_variables", tf.GraphKeys.TRAINABLE_VARIABLES);
        Assert.Equal("local_variables", tf.GraphKeys.LOCAL_VARIABLES);
        Assert.Equal("moving_average_variables", tf.GraphKeys.MOVING_AVERAGE_VARIABLES);
        Assert.Equal("losses", tf.GraphKeys.LOSSES);
        Assert.Equal("regularization_losses", tf.GraphKeys.REGULARIZATION_LOSSES);
        Assert.Equal("global_step", tf.GraphKeys.GLOBAL_STEP);
        Assert.Equal("update_ops", tf.GraphKeys.UPDATE_OPS);
        Assert.Equal("summaries", tf.GraphKeys.SUMMARIES);
        Assert.Equal("train_op", tf.GraphKeys.TRAIN_OP);

        using var g = tf.Graph();
        using var _ = g.as_default();
        Variable a, b;
        using (tf.variable_scope("layer1")) a = tf.get_variable("w", shape: new[] { 1 });
        using (tf.variable_scope("layer2")) b = tf.get_variable("w", shape: new[] { 1 }, trainable: false);
        tf.add_to_collection("mixed", a);
        tf.add_to_collection("mixed", 42);
        tf.add_to_collection("mixed", a.op);
        Assert.Equal([a, b], tf.get_collection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES));
        Assert.Equal([b], tf.global_variables("layer2"));
        Assert.Equal([a], tf.trainable_variables());
        Assert.Equal([a], tf.get_collection<Tensor>("mixed"));
        Assert.Equal([a.op], tf.get_collection<Operation>("mixed"));
        Assert.Equal(3, tf.get_collection("mixed").Count);
        Assert.Equal([a, b], g.get_collection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES));
    }

    [Fact]
    public void GetOperations_ListsEveryOpInCreationOrder()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(tf.zeros(new[] { 2 }), name: "v");
        var y = v * tf.constant(2.0f, name: "two");
        Assert.Equal(["zeros", "v", "v/Assign", "v/read", "two", "mul"], g.get_operations().Select(o => o.name));
        Assert.Equal(["Const", "VariableV2", "Assign", "Identity", "Const", "Mul"], g.get_operations().Select(o => o.type));
        Assert.Same(y.op, g.get_operation_by_name("mul"));
        Assert.Same(y, g.get_tensor_by_name("mul:0"));
        Assert.Equal(6, g.version);
    }

    [Fact]
    public void TensorAndOperation_Properties()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Tensor x;
        using (g.device("/cpu:0")) x = tf.placeholder(tf.float32, shape: (-1, 2), name: "x");
        var y = tf.reduce_sum(x, 1, name: "total");
        Assert.Equal("total:0", y.name);
        Assert.Equal(0, y.value_index);
        Assert.Same(g, y.graph);
        Assert.Same(g, y.op.graph);
        Assert.Equal("Tensor(\"total:0\", shape=(?,), dtype=float32)", y.ToString());
        Assert.Equal("/device:CPU:0", x.device);
        Assert.Equal([x, y.op.inputs[1]], y.op.inputs);
        Assert.Equal([y], y.op.outputs);
        Assert.Equal([y.op], x.consumers());
        Assert.Equal([null, 2], x.get_shape().as_list());
        Assert.Null(x.get_shape()[0].value);
        using var sess = tf.Session();
        Assert.Equal([3f, 7f], y.eval(feed_dict: new() { [x] = new[,] { { 1f, 2f }, { 3f, 4f } } }).ToArray<float>());
        Assert.Equal([3f], y.eval(new() { [x] = new[,] { { 1f, 2f } } }, session: sess).ToArray<float>());
    }

    [Fact]
    public void Session_GraphAndConfigArguments_AreKept()
    {
        using var g = tf.Graph();
        Tensor c;
        using (g.as_default()) c = tf.constant(2.0f) * 3.0;
        var config = tf.ConfigProto(allow_soft_placement: true, intra_op_parallelism_threads: 1);
        using var sess = tf.Session(graph: g, config: config);
        Assert.Same(g, sess.graph);
        Assert.Same(config, sess.config);
        Assert.Same(g, tf.get_default_graph());   // a live session makes its graph the default
        Assert.Equal(6f, (float)sess.run(c));
    }

    [Fact]
    public void InteractiveSession_IsTheDefaultUntilClosed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var v = tf.Variable(3.0f);
        var y = v * 2.0;
        var isess = tf.InteractiveSession();
        Assert.Same(isess, tf.get_default_session());
        v.initializer.run();
        Assert.Equal(6f, (float)y.eval());
        isess.close();
        Assert.Null(tf.get_default_session());
        Assert.Throws<ValueError>(() => y.eval());
        Assert.Equal("Attempted to use a closed Session.", Assert.Throws<RuntimeError>(() => isess.run(y)).Message);
    }

    [Fact]
    public void Run_EveryFetchForm()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var a = tf.constant(1.0f);
        var b = tf.constant(2.0f);
        var c = a + b;
        var op = tf.no_op();
        using var sess = tf.Session();
        Assert.Equal(3f, (float)sess.run(c));
        sess.run(op);
        Assert.Equal([1f, 2f, 3f], sess.run(new[] { a, b, c }).Select(x => (float)x));
        Assert.Equal([3f, 1f], sess.run(new List<Tensor> { c, a }).Select(x => (float)x));
        var (x1, x2) = sess.run((a, c));
        Assert.Equal((1f, 3f), ((float)x1!, (float)x2!));
        var (y1, y2, y3) = sess.run((op, b, c));
        Assert.Null(y1);
        Assert.Equal((2f, 3f), ((float)y2!, (float)y3!));
        var (z1, z2, z3, z4) = sess.run((a, b, c, op));
        Assert.Equal((1f, 2f, 3f), ((float)z1!, (float)z2!, (float)z3!));
        Assert.Null(z4);
        // TF parity: a tensor fetched twice is computed once and both slots hold its value.
        var twice = sess.run(new[] { c, c });
        Assert.Equal((3f, 3f), ((float)twice[0], (float)twice[1]));
    }

    [Fact]
    public void BadInputs_ThrowTensorFlowsErrors_AndLeaveTheSessionUsable()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        var ids = tf.placeholder(tf.int32, shape: new[] { 2 }, name: "ids");
        var y = x * 2.0;
        var ok = new FeedDict { [x] = new[,] { { 1f, 2f } } };
        using var other = tf.Graph();
        Tensor foreign;
        using (other.as_default()) foreign = tf.constant(1.0f, name: "a");
        using var sess = tf.Session();
        void Usable() => Assert.Equal([2f, 4f], sess.run(y, ok).ToArray<float>());

        Assert.Equal("Cannot feed value of shape (2,) for Tensor 'input:0', which has shape '(1, 2)'",
            Assert.Throws<ValueError>(() => sess.run(y, (x, new[] { 1f, 2f }))).Message);
        Usable();
        Assert.Equal("You must feed a value for placeholder tensor 'input' with dtype float and shape [1,2]",
            Assert.Throws<InvalidArgumentError>(() => sess.run(y)).Message);
        Usable();
        Assert.Equal("Cannot feed value of dtype float32 for Tensor 'ids:0', which has dtype int32",
            Assert.Throws<TypeError>(() => sess.run(ids, (ids, new[] { 1.5f, 2f }))).Message);
        Assert.Equal([1, 2], sess.run(ids, (ids, new[] { 1, 2 })).ToArray<int>());
        Usable();
        Assert.EndsWith("(Tensor Tensor(\"a:0\", shape=(), dtype=float32) is not an element of this graph.)",
            Assert.Throws<ValueError>(() => sess.run(foreign)).Message);
        Usable();
        Assert.Equal("Cannot interpret feed_dict key as Tensor: Tensor Tensor(\"a:0\", shape=(), dtype=float32) is not an element of this graph.",
            Assert.Throws<TypeError>(() => sess.run(y, (foreign, 1f))).Message);
        Usable();
        Assert.Throws<ValueError>(() => tf.add(x, foreign));
        Usable();
        sess.close();
        Assert.Equal("Attempted to use a closed Session.", Assert.Throws<RuntimeError>(() => sess.run(y, ok)).Message);
        using var again = tf.Session();
        Assert.Equal([2f, 4f], again.run(y, ok).ToArray<float>());
    }

    [Fact]
    public void DefaultScopes_RestoreWhenAnExceptionEscapes()
    {
        var outer = tf.get_default_graph();
        using var g = tf.Graph();
        void Fail()
        {
            using (g.as_default())
            using (tf.Session())
            using (tf.variable_scope("vs", reuse: true))
            using (tf.control_dependencies([tf.no_op()]))
                throw new InvalidOperationException("boom");
        }
        Assert.Throws<InvalidOperationException>(Fail);
        Assert.Same(outer, tf.get_default_graph());
        Assert.Null(tf.get_default_session());
        using (g.as_default())
        {
            Assert.Equal("", tf.get_variable_scope().name);
            Assert.False(tf.get_variable_scope().reuse);
            Assert.Empty(tf.constant(1.0f).op.control_inputs);
        }
    }
}
