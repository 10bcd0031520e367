using SharpFlow.NumPy;

namespace SharpFlow.Tests.NumPy;

// Unless noted otherwise, expected values were produced by NumPy 1.24.2 (`np.random.seed(s)` followed by the
// call named in each test), the legacy RandomState stream, which NumPy keeps frozen across versions.
public sealed class MersenneTwisterTests
{
    // NumPy documentation and countless tutorials: np.random.seed(0); np.random.rand(3).
    [Fact]
    public void NextDouble_Seed0_MatchesNumPyRandomSample()
    {
        var mt = new MersenneTwister(0);

        Assert.Equal(0.5488135039273248, mt.NextDouble());
        Assert.Equal(0.7151893663724195, mt.NextDouble());
        Assert.Equal(0.6027633760716439, mt.NextDouble());
    }

    [Fact]
    public void NextDouble_Seed42_MatchesNumPyRand()
    {
        var mt = new MersenneTwister(42);

        Assert.Equal(0.3745401188473625, mt.NextDouble());
        Assert.Equal(0.9507143064099162, mt.NextDouble());
        Assert.Equal(0.7319939418114051, mt.NextDouble());
    }

    [Fact]
    public void NextDouble_MaxSeed_MatchesNumPy()
    {
        var mt = new MersenneTwister(uint.MaxValue);

        Assert.Equal(0.0976320289940138, mt.NextDouble());
        Assert.Equal(0.9123828453026218, mt.NextDouble());
    }

    // np.random.seed(0); np.random.randint(0, 2**32, size=3, dtype=np.uint32) returns raw outputs.
    [Fact]
    public void NextUInt32_Seed0_MatchesNumPyRawOutputs()
    {
        var mt = new MersenneTwister(0);

        Assert.Equal(2357136044u, mt.NextUInt32());
        Assert.Equal(2546248239u, mt.NextUInt32());
        Assert.Equal(3071714933u, mt.NextUInt32());
    }

    // C++ standard [rand.predef]: the 10000th output of a default-constructed mt19937 (seed 5489) is 4123659995;
    // the first is 3499211612 (the MT19937 reference output for init_genrand(5489)).
    [Fact]
    public void NextUInt32_Seed5489_MatchesMt19937ReferenceOutputs()
    {
        var mt = new MersenneTwister(5489);

        Assert.Equal(3499211612u, mt.NextUInt32());
        for (int i = 2; i < 10000; i++) mt.NextUInt32();
        Assert.Equal(4123659995u, mt.NextUInt32());
    }

    [Fact]
    public void Normal_Seed0_ReturnsPolarPairWithCachedSecondValue()
    {
        var mt = new MersenneTwister(0);

        Assert.Equal(1.764052345967664, mt.Normal(0, 1));
        Assert.Equal(0.4001572083672233, mt.Normal(0, 1));
    }

    [Fact]
    public void Normal_UniformBetweenNormals_KeepsCachedValue()
    {
        // np.random.seed(0); normal(), uniform(), normal(): the uniform draws the third double, and the
        // second normal still comes from the cache.
        var mt = new MersenneTwister(0);

        Assert.Equal(1.764052345967664, mt.Normal(0, 1));
        Assert.Equal(0.6027633760716439, mt.Uniform(0, 1));
        Assert.Equal(0.4001572083672233, mt.Normal(0, 1));
    }

    [Fact]
    public void Seed_AfterOddNormal_DiscardsCachedValue()
    {
        var mt = new MersenneTwister(0);
        mt.Normal(0, 1);

        mt.Seed(0);

        Assert.Equal(1.764052345967664, mt.Normal(0, 1));
    }

    [Fact]
    public void Normal_LocAndScale_MatchNumPy()
    {
        var mt = new MersenneTwister(1);

        Assert.Equal(6.873036090989725, mt.Normal(2.0, 3.0));
        Assert.Equal(0.16473075904977375, mt.Normal(2.0, 3.0));
        Assert.Equal(0.4154847432096329, mt.Normal(2.0, 3.0));
    }

    [Fact]
    public void Uniform_LowHigh_MatchesNumPy()
    {
        var mt = new MersenneTwister(2);

        Assert.Equal(0.8979719617810207, mt.Uniform(-1.5, 4.0));
        Assert.Equal(-1.3574057249465976, mt.Uniform(-1.5, 4.0));
        Assert.Equal(1.5231436283329005, mt.Uniform(-1.5, 4.0));
    }

    // np.random.seed(42); np.random.randint(0, 100, size=5) is the well-known [51, 92, 14, 71, 60].
    [Fact]
    public void RandInt_Seed42_MatchesNumPy()
    {
        var mt = new MersenneTwister(42);

        long[] drawn = [mt.RandInt(0, 100), mt.RandInt(0, 100), mt.RandInt(0, 100), mt.RandInt(0, 100), mt.RandInt(0, 100)];

        Assert.Equal([51L, 92L, 14L, 71L, 60L], drawn);
    }

    [Fact]
    public void RandInt_WideRanges_UseMaskedSixtyFourBitDraws()
    {
        var mt = new MersenneTwister(3);
        Assert.Equal(455570294424L, mt.RandInt(-(1L << 40), 1L << 40));
        Assert.Equal(-26457217405L, mt.RandInt(-(1L << 40), 1L << 40));
        Assert.Equal(790795084744L, mt.RandInt(-(1L << 40), 1L << 40));

        mt.Seed(3);
        Assert.Equal(937055941807507096L, mt.RandInt(long.MinValue, long.MaxValue));
        Assert.Equal(3839649608876091011L, mt.RandInt(long.MinValue, long.MaxValue));

        mt.Seed(3);
        Assert.Equal(2365658986L, mt.RandInt(0, 1L << 32));
        Assert.Equal(303761048L, mt.RandInt(0, 1L << 32));
    }

    [Fact]
    public void RandInt_SingleValueRange_ConsumesNothing()
    {
        var mt = new MersenneTwister(7);

        Assert.Equal(5L, mt.RandInt(5, 6));
        Assert.Equal(0.07630828937395717, mt.NextDouble());
    }

    [Fact]
    public void RandInt_EmptyRange_Throws()
    {
        var mt = new MersenneTwister(0);

        Assert.Throws<ArgumentException>(() => mt.RandInt(3, 3));
    }

    [Fact]
    public void Permutation_Seed0_MatchesNumPy()
    {
        var mt = new MersenneTwister(0);

        Assert.Equal([2, 8, 4, 9, 1, 6, 7, 3, 0, 5], mt.Permutation(10));
    }

    [Fact]
    public void Shuffle_Seed0_MatchesNumPyShuffleOfList()
    {
        var mt = new MersenneTwister(0);
        int[] items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

        mt.Shuffle<int>(items);

        Assert.Equal([2, 8, 4, 9, 1, 6, 7, 3, 0, 5], items);
    }

    [Fact]
    public void Permutation_SuccessiveCalls_MatchNumPy()
    {
        // np.random.seed(4); permutation(0), permutation(1), permutation(2), permutation(5).
        var mt = new MersenneTwister(4);

        Assert.Empty(mt.Permutation(0));
        Assert.Equal([0], mt.Permutation(1));
        mt.Permutation(2);
        Assert.Equal([4, 2, 3, 0, 1], mt.Permutation(5));
    }
}
