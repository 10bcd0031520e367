using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

public sealed class PhiloxTests
{
    // Random123 known-answer vectors (Random123 distribution, tests/kat_vectors, "philox4x32 10" lines):
    // counter words, key words, expected output words.
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
                0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
                0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u,
                0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void NextBlock_Random123Vector_MatchesKnownAnswer(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        var g = new PhiloxRandom(c0, c1, c2, c3, k0, k1);
        Span<uint> block = stackalloc uint[4];

        g.NextBlock(block);

        Assert.Equal([e0, e1, e2, e3], block.ToArray());
    }

    [Fact]
    public void Constructor_Seeds_SplitIntoKeyAndHighCounterWords()
    {
        var g = new PhiloxRandom(0x1122334455667788UL, 0x99AABBCCDDEEFF00UL);

        Assert.Equal((0x55667788u, 0x11223344u), g.Key);
        Assert.Equal((0u, 0u, 0xDDEEFF00u, 0x99AABBCCu), g.Counter);
    }

    [Fact]
    public void NextBlock_CounterAtWordBoundaries_CarriesAcrossAllWords()
    {
        var g = new PhiloxRandom(0xffffffffu, 0xffffffffu, 0xffffffffu, 0u, 0u, 0u);
        Span<uint> block = stackalloc uint[4];

        g.NextBlock(block);

        Assert.Equal((0u, 0u, 0u, 1u), g.Counter);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    [InlineData(300UL)]
    public void Skip_SmallCount_EqualsDrawingThatManyBlocks(ulong count)
    {
        var skipped = new PhiloxRandom(42, 7);
        var drawn = skipped.Clone();
        Span<uint> a = stackalloc uint[4], b = stackalloc uint[4];

        skipped.Skip(count);
        for (ulong i = 0; i < count; i++) drawn.NextBlock(b);

        Assert.Equal(drawn.Counter, skipped.Counter);
        skipped.NextBlock(a);
        drawn.NextBlock(b);
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    [Fact]
    public void Skip_LargeCounts_AddAcrossWordsLikeTensorFlow()
    {
        var g = new PhiloxRandom(0xffffffffu, 5u, 0u, 0u, 0u, 0u);
        g.Skip(1);
        Assert.Equal((0u, 6u, 0u, 0u), g.Counter);

        g = new PhiloxRandom(3u, 0xffffffffu, 0xffffffffu, 9u, 0u, 0u);
        g.Skip(1UL << 32);
        Assert.Equal((3u, 0u, 0u, 10u), g.Counter);
    }

    [Fact]
    public void Clone_AdvancingCopy_LeavesOriginalInPlace()
    {
        var g = new PhiloxRandom(1, 2);
        var copy = g.Clone();
        Span<uint> block = stackalloc uint[4];

        copy.NextBlock(block);

        Assert.Equal((0u, 0u, 2u, 0u), g.Counter);
        Assert.Equal((1u, 0u, 2u, 0u), copy.Counter);
    }

    // TensorFlow 1.x: tf.random_normal((2, 3), stddev=1, seed=1) printed [[-0.8113182, 1.4845988, 0.06532937],
    // [-2.4427042, 0.0992484, 0.5912243]]; an op seed without a graph seed gives seeds (87654321, 1).
    [Fact]
    public void Normal_Float_BookValuesForSeed1()
    {
        var g = new GuardedPhilox(RandomSeed.DefaultGraphSeed, 1).Reserve(6);
        var output = new float[6];

        RandomDistributions.Normal(g, output);

        AssertUlp([-0.8113182f, 1.4845988f, 0.06532937f, -2.4427042f, 0.0992484f, 0.5912243f], output);
    }

    // TensorFlow's own output, as printed in tutorials that run the tf.random.set_seed docstring examples:
    // tf.random.uniform([1], seed=1) gives 0.2390374 and a second run of the same op 0.22267115.
    [Fact]
    public void Uniform_SecondRunOfOneOp_StartsAfterTheReservedBlocks()
    {
        var guarded = new GuardedPhilox(RandomSeed.DefaultGraphSeed, 1);
        var output = new float[1];

        RandomDistributions.Uniform(guarded.Reserve(1), output);
        Assert.Equal(0.2390374f, output[0]);

        RandomDistributions.Uniform(guarded.Reserve(1), output);
        Assert.Equal(0.22267115f, output[0]);
    }

    // TensorFlow 2 output for tf.random.uniform with seed=1 (8 values per row), used as the "same with tf"
    // input of BigDL's AttentionSpec; the first 16 values of the stream.
    [Fact]
    public void Uniform_Float_MatchesPublishedTensorFlowStream()
    {
        float[] expected =
        [
            0.2390374f, 0.92039955f, 0.05051243f, 0.49574447f, 0.8355223f, 0.02647042f, 0.08811307f, 0.4566604f,
            0.76883924f, 0.7376363f, 0.78504944f, 0.31202638f, 0.15186465f, 0.20276117f, 0.3083856f, 0.5401472f,
        ];
        var output = new float[16];

        RandomDistributions.Uniform(new GuardedPhilox(RandomSeed.DefaultGraphSeed, 1).Reserve(16), output);

        // Printed with 8 significant digits, so a value may sit one ulp from the float it names.
        AssertUlp(expected, output);
    }

    [Fact]
    public void Reserve_TwoRuns_SecondStartsSamplesTimesMultiplierBlocksLater()
    {
        var guarded = new GuardedPhilox(5, 9);

        var first = guarded.Reserve(6);
        var second = guarded.Reserve(6);
        var third = guarded.Reserve(10, multiplier: 1);
        var fourth = guarded.Reserve(1);

        first.Skip(6 * 256);
        Assert.Equal(first.Counter, second.Counter);
        second.Skip(6 * 256);
        Assert.Equal(second.Counter, third.Counter);
        third.Skip(10);
        Assert.Equal(third.Counter, fourth.Counter);
        Assert.Equal(new PhiloxRandom(5, 9).Key, fourth.Key);
    }

    [Fact]
    public void GuardedPhilox_ZeroSeeds_PicksFreshRandomSeeds()
    {
        var a = new GuardedPhilox(0, 0).Reserve(1);
        var b = new GuardedPhilox(0, 0).Reserve(1);

        Assert.NotEqual((a.Key, a.Counter), (b.Key, b.Counter));
    }

    [Fact]
    public void Uniform_Float_IsMantissaOfEachWordMinusOne()
    {
        var g = new PhiloxRandom(3, 4);
        var words = new uint[8];
        var reference = g.Clone();
        reference.NextBlock(words.AsSpan(0, 4));
        reference.NextBlock(words.AsSpan(4, 4));
        var output = new float[7];

        RandomDistributions.Uniform(g, output);

        for (int i = 0; i < 7; i++)
            Assert.Equal(BitConverter.UInt32BitsToSingle(0x3F800000u | (words[i] & 0x7FFFFFu)) - 1.0f, output[i]);
    }

    [Fact]
    public void Uniform_Double_UsesTwentyHighAndThirtyTwoLowMantissaBits()
    {
        var g = new PhiloxRandom(3, 4);
        Span<uint> w = stackalloc uint[4];
        g.Clone().NextBlock(w);
        var output = new double[2];

        RandomDistributions.Uniform(g, output);

        double Expected(uint hi, uint lo) =>
            BitConverter.UInt64BitsToDouble(0x3FF0000000000000UL | ((ulong)(hi & 0xFFFFFu) << 32) | lo) - 1.0;
        Assert.Equal(Expected(w[0], w[1]), output[0]);
        Assert.Equal(Expected(w[2], w[3]), output[1]);
    }

    [Fact]
    public void Normal_Double_IsSinThenCosBoxMullerOfOneBlock()
    {
        var g = new PhiloxRandom(11, 12);
        Span<uint> w = stackalloc uint[4];
        g.Clone().NextBlock(w);
        var output = new double[2];

        RandomDistributions.Normal(g, output);

        double u1 = Math.Max(RandomDistributions.Uint64ToDouble(w[0], w[1]), 1e-7);
        double theta = 2 * Math.PI * RandomDistributions.Uint64ToDouble(w[2], w[3]);
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        Assert.Equal(Math.Sin(theta) * r, output[0], 1e-12);
        Assert.Equal(Math.Cos(theta) * r, output[1], 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(13)]
    public void Normal_ShortLastGroup_IsPrefixOfLongerOutput(int length)
    {
        var shortOut = new float[length];
        var longOut = new float[16];
        var shortD = new double[length];
        var longD = new double[16];

        RandomDistributions.Normal(new PhiloxRandom(8, 9), shortOut);
        RandomDistributions.Normal(new PhiloxRandom(8, 9), longOut);
        RandomDistributions.Normal(new PhiloxRandom(8, 9), shortD);
        RandomDistributions.Normal(new PhiloxRandom(8, 9), longD);

        Assert.Equal(longOut[..length], shortOut);
        Assert.Equal(longD[..length], shortD);
    }

    [Fact]
    public void TruncatedNormal_Float_EachGroupOfFourRestartsEvery256Blocks()
    {
        var start = new PhiloxRandom(RandomSeed.DefaultGraphSeed, 1);
        var output = new float[4 * 50 + 3];

        RandomDistributions.TruncatedNormal(start.Clone(), output);

        Assert.All(output, x => Assert.True(MathF.Abs(x) < 2.0f));
        for (int group = 0; group * 4 < output.Length; group++)
        {
            var g = start.Clone();
            g.Skip((ulong)group * 256);
            var expected = AcceptedNormals<float>(g, 4, x => MathF.Abs(x) < 2.0f);
            int n = Math.Min(4, output.Length - group * 4);
            Assert.Equal(expected[..n], output.AsSpan(group * 4, n).ToArray());
        }
    }

    [Fact]
    public void TruncatedNormal_Double_EachGroupOfTwoRestartsEvery128Blocks()
    {
        var start = new PhiloxRandom(17, 23);
        var output = new double[2 * 60 + 1];

        RandomDistributions.TruncatedNormal(start.Clone(), output);

        Assert.All(output, x => Assert.True(Math.Abs(x) < 2.0));
        for (int group = 0; group * 2 < output.Length; group++)
        {
            var g = start.Clone();
            g.Skip((ulong)group * 128);
            var expected = AcceptedNormals<double>(g, 2, x => Math.Abs(x) < 2.0);
            int n = Math.Min(2, output.Length - group * 2);
            Assert.Equal(expected[..n], output.AsSpan(group * 2, n).ToArray());
        }
    }

    [Fact]
    public void TruncatedNormal_Float_SeedOneKeepsInRangeBookValues()
    {
        // With seeds (87654321, 1) the first group's normals are the book's -0.8113182, 1.4845988,
        // 0.06532937, -2.4427042; the last is rejected, so the next accepted value 0.0992484 fills slot 4.
        var output = new float[4];

        RandomDistributions.TruncatedNormal(new PhiloxRandom(RandomSeed.DefaultGraphSeed, 1), output);

        AssertUlp([-0.8113182f, 1.4845988f, 0.06532937f, 0.0992484f], output);
    }

    [Theory]
    [InlineData(null, null, 5, null, null)]
    [InlineData(null, 1, 5, 87654321L, 1L)]
    [InlineData(null, 0, 5, 87654321L, 0L)]
    [InlineData(null, -1, 5, 87654321L, 2147483646L)]
    [InlineData(42, null, 7, 42L, 7L)]
    [InlineData(42, 3, 7, 42L, 3L)]
    [InlineData(0, 0, 7, 0L, 2147483647L)]
    [InlineData(0, null, 0, 0L, 2147483647L)]
    [InlineData(int.MaxValue, 5, 0, 0L, 5L)]
    [InlineData(-2, int.MaxValue, 0, 2147483645L, 0L)]
    public void Get_GraphAndOpSeeds_FollowTensorFlowRules(int? graphSeed, int? opSeed, int lastOpId, long? seed, long? seed2)
    {
        var result = RandomSeed.Get(graphSeed, opSeed, lastOpId);

        if (seed is null) Assert.Null(result);
        else Assert.Equal<(long, long)?>((seed.Value, seed2!.Value), result);
    }

    // Draws normals block by block (the stream a SingleSampleAdapter reads) and keeps the first `count` accepted.
    static T[] AcceptedNormals<T>(PhiloxRandom g, int count, Func<T, bool> accept)
    {
        var kept = new List<T>();
        var block = new T[typeof(T) == typeof(float) ? 4 : 2];
        while (kept.Count < count)
        {
            if (block is float[] f) RandomDistributions.Normal(g, f);
            else RandomDistributions.Normal(g, (double[])(object)block);
            kept.AddRange(block.Where(accept));
        }
        return kept.GetRange(0, count).ToArray();
    }

    static void AssertUlp(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            int e = BitConverter.SingleToInt32Bits(expected[i]), a = BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(Math.Abs((long)e - a) <= 1, $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
