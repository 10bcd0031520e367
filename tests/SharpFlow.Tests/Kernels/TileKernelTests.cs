using SharpFlow.Kernels.Cpu;

namespace SharpFlow.Tests.Kernels;

/// <summary><see cref="BlockCopy.Tile"/> against the definition: output index i reads input index i mod shape on every axis.</summary>
public sealed class TileKernelTests
{
    static byte[] Reference(byte[] x, int[] shape, int[] multiples, int elem)
    {
        int r = shape.Length;
        var oShape = shape.Select((d, i) => d * multiples[i]).ToArray();
        int size = oShape.Aggregate(1, (p, d) => p * d);
        var o = new byte[size * elem];
        for (int flat = 0; flat < size; flat++)
        {
            int rest = flat, src = 0, stride = 1;
            for (int d = r - 1; d >= 0; d--)
            {
                src += rest % oShape[d] % shape[d] * stride;
                rest /= oShape[d];
                stride *= shape[d];
            }
            Array.Copy(x, src * elem, o, flat * elem, elem);
        }
        return o;
    }

    [Theory]
    [InlineData(new[] { 1, 1 }, new[] { 150, 1 })]
    [InlineData(new[] { 3 }, new[] { 5 })]
    [InlineData(new[] { 2, 3 }, new[] { 1, 1 })]
    [InlineData(new[] { 2, 3 }, new[] { 3, 1 })]
    [InlineData(new[] { 2, 3 }, new[] { 1, 4 })]
    [InlineData(new[] { 2, 3 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 1, 3 }, new[] { 2, 5, 2 })]
    [InlineData(new[] { 4, 2, 3, 2 }, new[] { 1, 3, 1, 2 })]
    [InlineData(new[] { 2, 3 }, new[] { 0, 2 })]
    [InlineData(new[] { 0, 3 }, new[] { 2, 2 })]
    [InlineData(new[] { 7 }, new[] { 1 })]
    public void Tile_AnyElementSize_MatchesDefinition(int[] shape, int[] multiples)
    {
        foreach (int elem in new[] { 1, 4, 8 })
        {
            int size = shape.Aggregate(1, (p, d) => p * d);
            var x = new byte[size * elem];
            new Random(size * 7 + elem).NextBytes(x);
            var expected = Reference(x, shape, multiples, elem);
            var o = new byte[expected.Length];
            BlockCopy.Tile(x, shape, multiples, o, elem);
            Assert.Equal(expected, o);
        }
    }

    [Fact]
    public void Tile_Scalar_CopiesTheElement()
    {
        var o = new byte[4];
        BlockCopy.Tile(new byte[] { 1, 2, 3, 4 }, [], [], o, 4);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, o);
    }
}
