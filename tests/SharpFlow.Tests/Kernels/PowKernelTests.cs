using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary>
/// <see cref="PowKernel"/> (float x² and x¹ without powf) against <see cref="MathF.Pow(float, float)"/>, bit for bit.
/// The kernel was also checked against MathF.Pow over all 2^32 floats, vector and scalar forms, for both exponents;
/// these cases keep the hard parts: exact rounding ties and near-ties of x², where powf and x·x disagree, subnormal
/// and overflowing squares, powers of two, zeros, infinities and NaN payloads.
/// </summary>
public sealed class PowKernelTests
{
    static float[] Inputs(int seed)
    {
        var rng = new Random(seed);
        var x = new List<float>
        {
            0f, -0f, 1f, -1f, 2f, 0.5f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN,
            BitConverter.Int32BitsToSingle(0x7F800001), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC12345)),
            float.Epsilon, -float.Epsilon, 1e-20f, 1.0853e-19f, 1.8446743e19f, 1.8446744e19f, float.MaxValue, -float.MaxValue,
            // x² exactly halfway between two floats (13 significant bits), where powf rounds away from even.
            4097f, -4097f, 4097f * 1024f, 4097f / 65536f,
            // Values found to differ between powf(x, 2) and x·x.
            7.940934e-23f, 1.323489e-22f, 1.085356e-19f,
        };
        for (int i = 0; i < 2000; i++)
        {
            // Random 13- to 16-bit mantissas in random binades: the exact ties and near-ties of x².
            int bits = rng.Next(1 << 12, 1 << 16) | 1;
            float t = MathF.ScaleB(bits, rng.Next(-80, 50));
            x.Add(rng.Next(2) == 0 ? t : -t);
            x.Add(BitConverter.Int32BitsToSingle(rng.Next()));   // any bit pattern
            x.Add((float)(rng.NextDouble() * 2 - 1));
        }
        return [.. x];
    }

    static void AssertPow(float y)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var x = Inputs(seed);
            foreach (int n in Enumerable.Range(0, 20).Append(x.Length))
            {
                var input = x.AsSpan(0, n).ToArray();
                var o = new float[n];
                PowKernel.Run(input, y, o);
                for (int i = 0; i < n; i++)
                {
                    int expected = BitConverter.SingleToInt32Bits(MathF.Pow(input[i], y));
                    Assert.True(expected == BitConverter.SingleToInt32Bits(o[i]), $"pow({input[i]:R}, {y}) n={n}: {MathF.Pow(input[i], y):R} vs {o[i]:R}");
                }
                // In place: the output is the input array itself.
                PowKernel.Run(input, y, input);
                for (int i = 0; i < n; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(o[i]) == BitConverter.SingleToInt32Bits(input[i]), $"in place, pow(·, {y}) i={i}");
            }
        }
    }

    [Fact]
    public void Square_MatchesMathFPowBits() => AssertPow(2f);

    [Fact]
    public void Identity_MatchesMathFPowBits() => AssertPow(1f);

    [Fact]
    public void Handles_OnlyTwoAndOne()
    {
        Assert.True(PowKernel.Handles(2f));
        Assert.True(PowKernel.Handles(1f));
        Assert.False(PowKernel.Handles(0.5f));
        Assert.False(PowKernel.Handles(3f));
        Assert.False(PowKernel.Handles(float.NaN));
    }
}
