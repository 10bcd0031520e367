using SharpFlow.Kernels.Cpu;
using SharpFlow.Ops;

namespace SharpFlow.Tests.Ops.Random;

/// <summary>
/// Issue 3 end to end: seeded random ops built with the tf facade and run in sessions give TensorFlow 1.x's streams.
/// </summary>
/// <remarks>
/// Golden sources: the book's <c>random_normal((2, 3), stddev=1, seed=1)</c>; TensorFlow's published
/// <c>random_uniform</c> stream for seed 1 (see PhiloxTests); everything else from tests/golden/tf_philox_random.py,
/// an independent pure-Python Philox4x32-10 (checked against Random123's known-answer vectors and the published
/// stream) applying the transforms of TF's random_distributions.h in IEEE float32/float64 arithmetic. Float32
/// normals go through sinf/cosf/logf, so they are compared within one ulp.
/// </remarks>
public sealed class RandomOpTests
{
    const int DefaultGraphSeed = 87654321;

    static readonly float[] BookW1 = [-0.8113182f, 1.4845988f, 0.06532937f, -2.4427042f, 0.0992484f, 0.5912243f];

    [Fact]
    public void RandomNormal_Seed1_GivesTheBooksW1()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w1 = tf.random_normal((2, 3), stddev: 1, seed: 1);
        Assert.Equal("(2, 3)", w1.get_shape().ToString());
        Assert.Equal(tf.float32, w1.dtype);
        using var sess = tf.Session();
        var v = sess.run(w1);
        Assert.Equal([2, 3], v.shape);
        AssertUlp(BookW1, v.ToArray<float>(), 1);
    }

    [Fact]
    public void RandomOps_SeedAttributes_FollowGetSeed()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var opSeedOnly = tf.random_normal((2, 3), seed: 1);
        Assert.Equal(((long)DefaultGraphSeed, 1L), Seeds(opSeedOnly, "random_normal/RandomStandardNormal"));

        // TF parity: random_seed.get_seed uses the graph's last op id when only a graph seed is set; the
        // random op is created after its shape, min and max constants.
        tf.set_random_seed(1234);
        var graphOnly = tf.random_uniform(new[] { 1 });
        Assert.Equal((1234L, 9L), Seeds(graphOnly, "random_uniform/RandomUniform"));   // 6 ops of random_normal, then shape, min, max
        var both = tf.truncated_normal(new[] { 1 }, seed: 5);
        Assert.Equal((1234L, 5L), Seeds(both, "truncated_normal/TruncatedNormal"));
    }

    [Fact]
    public void GraphSeedOnly_FreshGraph_UsesOpCountAsSeed2()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        tf.set_random_seed(1234);
        var a = tf.random_uniform(new[] { 1 });   // ops 1–3: shape, min, max; so seeds (1234, 3)
        Assert.Equal((1234L, 3L), Seeds(a, "random_uniform/RandomUniform"));
        using var sess = tf.Session();
        // Independent Philox: lane 0 of the first block for key 1234, counter [0, 0, 3, 0].
        Assert.Equal(0.9604687690734863f, sess.run(a).ToArray<float>()[0]);
    }

    // TensorFlow's own table (tensorflow/python/framework/random_seed_test.py, testRandomSeed, graph mode).
    [Theory]
    [InlineData(null, null, 0, null, null)]
    [InlineData(null, 1, 0, 87654321L, 1L)]
    [InlineData(1, 1, 0, 1L, 1L)]
    [InlineData(0, 0, 0, 0L, 2147483647L)]
    [InlineData(2147483647, 0, 0, 0L, 2147483647L)]
    [InlineData(0, 2147483647, 0, 0L, 2147483647L)]
    [InlineData(1, null, 0, 1L, 0L)]
    public void GetSeed_TensorFlowsTestTable(int? graphSeed, int? opSeed, int lastId, long? seed, long? seed2)
    {
        var r = RandomSeed.Get(graphSeed, opSeed, lastId);
        if (seed is null) Assert.Null(r);
        else Assert.Equal<(long, long)?>((seed.Value, seed2!.Value), r);
    }

    [Fact]
    public void SessionRuns_AdvanceTheStream_AndANewSessionStartsOver()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_normal((2, 3), seed: 1);
        float[] first, second;
        using (var sess = tf.Session())
        {
            first = sess.run(r).ToArray<float>();
            second = sess.run(r).ToArray<float>();
        }
        AssertUlp(BookW1, first, 1);
        // TF parity: each run reserves 256 × 6 Philox blocks, so run 2 starts at counter 1536 (independent Python Philox).
        AssertUlp([-0.6759059f, 0.28665832f, 0.3215887f, 1.2124637f, -0.80585712f, -0.13349454f], second, 1);
        using var fresh = tf.Session();
        Assert.Equal(first, fresh.run(r).ToArray<float>());
    }

    [Fact]
    public void TwoSessions_EachOwnTheirOpsState()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_uniform(new[] { 4 }, seed: 1);
        using var s1 = tf.Session();
        using var s2 = tf.Session();
        var a1 = s1.run(r).ToArray<float>();
        var a2 = s1.run(r).ToArray<float>();
        var b1 = s2.run(r).ToArray<float>();
        Assert.Equal(a1, b1);
        Assert.NotEqual(a1, a2);
        Assert.Equal(a2, s2.run(r).ToArray<float>());
    }

    [Fact]
    public void SameSeed_AnyThreadCount_GivesTheSameNumbers()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var n = tf.random_normal((100, 50), seed: 3);
        var t = tf.truncated_normal((100, 50), seed: 4, dtype: tf.float64);
        var u = tf.random_uniform((100, 50), -2, 3, seed: 5);
        var i = tf.random_uniform(new[] { 1001 }, 0, 7, dtype: tf.int64, seed: 6);
        var y = tf.matmul(n, tf.transpose(u));
        NDArray[] Run(int threads)
        {
            using var sess = tf.Session(config: tf.ConfigProto(intra_op_parallelism_threads: threads));
            return [.. sess.run(new[] { n, t, u, i, y }), .. sess.run(new[] { n, t, u, i })];
        }
        var one = Run(1);
        var two = Run(2);
        var many = Run(0);
        for (int k = 0; k < one.Length; k++)
        {
            Assert.True(one[k].ValueEquals(two[k]), $"fetch {k} differs between 1 and 2 threads");
            Assert.True(one[k].ValueEquals(many[k]), $"fetch {k} differs between 1 thread and all cores");
        }
    }

    [Fact]
    public void OpSeed_UnrelatedOpsAddedBefore_DoNotChangeTheNumbers()
    {
        float[] Build(int unrelated, int? graphSeed)
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            if (graphSeed is int gs) tf.set_random_seed(gs);
            var c = tf.constant(1.0f);
            for (int k = 0; k < unrelated; k++) c = c + 1.0;
            var r = tf.random_normal((2, 3), seed: 1);
            var later = r * 3.0 + c;   // unrelated to the random op's stream
            using var sess = tf.Session();
            return sess.run(r).ToArray<float>();
        }
        AssertUlp(BookW1, Build(0, null), 1);
        Assert.Equal(Build(0, null), Build(37, null));
        Assert.Equal(Build(0, 99), Build(11, 99));
        Assert.NotEqual(Build(0, null), Build(0, 99));
    }

    [Fact]
    public void SeededOp_GraphGrowsAfterARun_StreamsAreUnchanged()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        tf.set_random_seed(5);
        var r = tf.random_uniform(new[] { 4 }, seed: 2);
        using var s1 = tf.Session();
        var first = s1.run(r).ToArray<float>();
        for (int k = 0; k < 20; k++) tf.random_normal(new[] { 3 }, seed: k);   // more ops, more random ops
        var second = s1.run(r).ToArray<float>();
        using var s2 = tf.Session();
        Assert.Equal(first, s2.run(r).ToArray<float>());
        Assert.Equal(second, s2.run(r).ToArray<float>());
    }

    [Fact]
    public void GraphSeedOnly_UnrelatedOpsBefore_ChangeTheStream_AsInTensorFlow()
    {
        float[] Build(int unrelated)
        {
            using var g = tf.Graph();
            using var _ = g.as_default();
            tf.set_random_seed(7);
            for (int k = 0; k < unrelated; k++) tf.constant(k);
            var r = tf.random_uniform(new[] { 4 });
            using var sess = tf.Session();
            return sess.run(r).ToArray<float>();
        }
        Assert.Equal(Build(2), Build(2));
        Assert.NotEqual(Build(2), Build(3));
    }

    [Fact]
    public void RandomNormal_Float64_IsTwoLanesPerUniform()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_normal((2, 3), seed: 1, dtype: tf.float64);
        var shifted = tf.random_normal((2, 3), mean: 1.5, stddev: 2.0, seed: 1, dtype: tf.float64);
        Assert.Equal(tf.float64, r.dtype);
        using var sess = tf.Session();
        double[] expected = [0.24282754598505307, -0.35299821810996557, -0.8365077914900015,
                             -0.24356901971324732, 1.9100682898663162, -0.36929723159349664];
        var v = sess.run(r).ToArray<double>();
        var s = sess.run(shifted).ToArray<double>();
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(expected[k], v[k], 1e-15);
            Assert.Equal(expected[k] * 2.0 + 1.5, s[k], 1e-14);
        }
    }

    [Fact]
    public void RandomUniform_Float64_UsesFiftyTwoMantissaBits()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_uniform(new[] { 3 }, dtype: tf.float64, seed: 1);
        using var sess = tf.Session();
        Assert.Equal([0.9122999234504989, 0.4040997484619626, 0.6841790844248057], sess.run(r).ToArray<double>());
    }

    [Fact]
    public void TruncatedNormal_Seed1_RejectsTheBooksOutlier()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var t = tf.truncated_normal((2, 3), seed: 1);
        var wide = tf.truncated_normal(new[] { 4000 }, mean: 3.0, stddev: 0.5, seed: 2);
        Assert.Equal("truncated_normal/TruncatedNormal", t.op.inputs[0].op.inputs[0].op.name);
        using var sess = tf.Session();
        // Group 0: the book's first three, -2.4427042 rejected, then 0.0992484; group 1 restarts 256 blocks on.
        AssertUlp([-0.8113182f, 1.4845988f, 0.06532937f, 0.0992484f, 0.63969707f, 1.6108712f], sess.run(t).ToArray<float>(), 1);
        var w = sess.run(wide).ToArray<float>();
        Assert.All(w, x => Assert.InRange(x, 2.0f, 4.0f));
        Assert.InRange(w.Average(), 2.95, 3.05);
    }

    [Fact]
    public void RandomUniform_MinvalMaxval_ScalesTheStreamInFloat32()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var u = tf.random_uniform((2, 3), minval: -1, maxval: 1, seed: 1);
        var names = g.get_operations().Select(o => o.name).ToArray();
        Assert.Equal(["random_uniform/shape", "random_uniform/min", "random_uniform/max", "random_uniform/RandomUniform",
                      "random_uniform/sub", "random_uniform/mul", "random_uniform"], names);
        using var sess = tf.Session();
        // 0.2390374 × 2 − 1 = −0.5219252 … (TF's published stream, scaled in float32).
        Assert.Equal([-0.5219252109527588f, 0.84079909324646f, -0.898975133895874f, -0.008511066436767578f,
                      0.6710445880889893f, -0.947059154510498f], sess.run(u).ToArray<float>());
    }

    [Fact]
    public void RandomUniform_Int32_IsEachLaneModuloTheRange()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_uniform((2, 3), minval: -5, maxval: 5, dtype: tf.int32, seed: 1);
        Assert.Equal("RandomUniformInt", r.op.type);
        Assert.Equal("random_uniform", r.op.name);
        Assert.Equal(tf.int32, r.dtype);
        Assert.Equal("(2, 3)", r.get_shape().ToString());
        Assert.Equal(((long)DefaultGraphSeed, 1L), Seeds(r, "random_uniform"));
        using var sess = tf.Session();
        Assert.Equal([2, 4, -2, -3, 2, -1], sess.run(r).ToArray<int>());
        Assert.Equal([1, -5, 2, 4, 1, 3], sess.run(r).ToArray<int>());   // second run: counter + 256 × 6
    }

    [Fact]
    public void RandomUniform_Int64_TakesLowThenHighWordOfTwoLanes()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_uniform(new[] { 3 }, minval: -7, maxval: 1e10, dtype: tf.int64, seed: 1);
        Assert.Equal(tf.int64, r.dtype);
        using var sess = tf.Session();
        Assert.Equal([5718037269L, 3855627144L, 6044124057L], sess.run(r).ToArray<long>());
    }

    [Fact]
    public void RandomUniform_IntegerErrors_AreTensorFlows()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        Assert.Equal("Must specify maxval for integer dtype tf.int32",
            Assert.Throws<ValueError>(() => tf.random_uniform(new[] { 2 }, dtype: tf.int32)).Message);
        Assert.Equal("Invalid dtype tf.bool", Assert.Throws<ValueError>(() => tf.random_uniform(new[] { 2 }, dtype: tf.@bool)).Message);
        Assert.Equal("Expected int32, got 0.5 of type 'float' instead.",
            Assert.Throws<TypeError>(() => tf.random_uniform(new[] { 2 }, 0.5, 3, dtype: tf.int32)).Message);
        var bad = tf.random_uniform(new[] { 2 }, 5, 5, dtype: tf.int32, seed: 1);
        var empty = tf.random_uniform(new[] { 0 }, 5, 5, dtype: tf.int32, seed: 1);
        using var sess = tf.Session();
        Assert.Equal("Need minval < maxval, got 5 >= 5", Assert.Throws<InvalidArgumentError>(() => sess.run(bad)).Message);
        // TF parity: an empty output returns before the bounds are checked.
        Assert.Equal(0, sess.run(empty).size);
    }

    [Fact]
    public void Unseeded_Ops_DifferBetweenSessions()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var r = tf.random_uniform(new[] { 8 });
        Assert.Equal((0L, 0L), Seeds(r, "random_uniform/RandomUniform"));
        using var s1 = tf.Session();
        using var s2 = tf.Session();
        Assert.NotEqual(s1.run(r).ToArray<float>(), s2.run(r).ToArray<float>());
    }

    [Fact]
    public void GetVariable_RandomNormalInitializer_ReproducesTheStream()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.get_variable("w", shape: (2, 3), initializer: tf.random_normal_initializer(seed: 1));
        var b = tf.get_variable("b", shape: new[] { 2 }, initializer: tf.random_normal_initializer(mean: 1, stddev: 2, seed: 3));
        Assert.Equal("w/Initializer/random_normal/RandomStandardNormal",
            g.get_operations().Single(o => o.type == "RandomStandardNormal" && o.name.StartsWith("w/")).name);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        AssertUlp(BookW1, sess.run(w).ToArray<float>(), 1);
        AssertUlp([3.123324155807495f, -0.7571566104888916f], sess.run(b).ToArray<float>(), 1);
    }

    [Fact]
    public void GetVariable_TruncatedNormalInitializer_ReproducesTheStream()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.get_variable("w", shape: new[] { 3 }, initializer: tf.truncated_normal_initializer(stddev: 0.1, seed: 7));
        using var sess = tf.Session();
        sess.run(w.initializer);
        float[] raw = [-0.046945683658123016f, -1.2039023637771606f, 1.1668351888656616f];
        AssertUlp(raw.Select(x => x * 0.1f).ToArray(), sess.run(w).ToArray<float>(), 1);
    }

    [Fact]
    public void GetVariable_GlorotUniformDefault_WithGraphSeed_ReproducesTheStream()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        tf.set_random_seed(1);
        // Default initializer with only a graph seed: ops 1–3 are its shape, min and max, so seeds (1, 3).
        var byDefault = tf.get_variable("d", shape: (2, 3));
        Assert.Equal((1L, 3L), Seeds(byDefault, "d/Initializer/random_uniform/RandomUniform"));
        using var sess = tf.Session();
        sess.run(byDefault.initializer);
        // limit = sqrt(6 / (2 + 3)) = 1.0954452; uniform × (max − min) + min in float32.
        Assert.Equal([0.6107885837554932f, 0.6598912477493286f, 0.4915802478790283f, -0.5895810127258301f,
                      0.49764156341552734f, -0.7002289295196533f], sess.run(byDefault).ToArray<float>());
    }

    [Fact]
    public void GetVariable_GlorotUniformInitializer_OpSeed_ReproducesTheStream()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var seeded = tf.get_variable("s", shape: (2, 3), initializer: tf.glorot_uniform_initializer(seed: 1));
        using var sess = tf.Session();
        sess.run(seeded.initializer);
        Assert.Equal([-0.571740448474884f, 0.9210493564605713f, -0.9847779273986816f, -0.009323358535766602f,
                      0.7350925207138062f, -1.0374513864517212f], sess.run(seeded).ToArray<float>());
    }

    [Fact]
    public void GetVariable_RandomUniformInitializer_IntegerVariable_UsesRandomUniformInt()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var n = tf.get_variable("n", shape: new[] { 6 }, dtype: tf.int32, initializer: tf.random_uniform_initializer(0, 10, seed: 1));
        Assert.Equal("n/Initializer/random_uniform", n.initial_value.op.name);
        Assert.Equal("Must specify maxval for integer dtype tf.int32",
            Assert.Throws<ValueError>(() => tf.get_variable("m", shape: new[] { 2 }, dtype: tf.int32, initializer: tf.random_uniform_initializer())).Message);
        using var sess = tf.Session();
        sess.run(n.initializer);
        // The same lanes as RandomUniform_Int32_IsEachLaneModuloTheRange, shifted by 5.
        Assert.Equal([7, 9, 3, 2, 7, 4], sess.run(n).ToArray<int>());
    }

    [Fact]
    public void ForwardPass_ApiMd_PrintsTheBooksValue()
    {
        using var g = tf.Graph();
        using var _ = g.as_default();
        var w1 = tf.Variable(tf.random_normal((2, 3), stddev: 1, seed: 1));
        var w2 = tf.Variable(tf.random_normal((3, 1), stddev: 1, seed: 1));
        var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
        var y = tf.matmul(tf.matmul(x, w1), w2);
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal("[[3.957578]]", sess.run(y, feed_dict: new() { [x] = new[,] { { 0.7f, 0.9f } } }).ToString());
    }

    static (long, long) Seeds(Tensor t, string opName)
    {
        var op = t.graph.get_operation_by_name(opName);
        return op.type == "RandomUniformInt"
            ? (op.Get(RandomUniformIntOp.Seed), op.Get(RandomUniformIntOp.Seed2))
            : (op.Get(RandomOp.Seed), op.Get(RandomOp.Seed2));
    }

    static void AssertUlp(float[] expected, float[] actual, int ulps)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            int e = BitConverter.SingleToInt32Bits(expected[i]), a = BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(Math.Abs((long)e - a) <= ulps, $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
