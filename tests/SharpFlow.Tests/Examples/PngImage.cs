using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SharpFlow.Tests.Examples;

/// <summary>A minimal PNG reader for the walkthrough's pictures: 8-bit RGB or RGBA, not interlaced.</summary>
/// <remarks>Decoding every row (chunks, zlib stream, row filters) proves the file is a whole, readable PNG.</remarks>
internal sealed class PngImage
{
    static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels as 0xRRGGBBAA, row by row.</summary>
    public uint[] Pixels { get; }

    PngImage(int width, int height, uint[] pixels) => (Width, Height, Pixels) = (width, height, pixels);

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG signature");
        int width = 0, height = 0, channels = 0;
        var idat = new MemoryStream();
        for (int at = 8; at + 8 <= file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            var body = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                byte bitDepth = body[8], colourType = body[9], interlace = body[12];
                if (bitDepth != 8 || interlace != 0 || (colourType != 2 && colourType != 6))
                    throw new InvalidDataException($"unsupported PNG: depth {bitDepth}, colour type {colourType}, interlace {interlace}");
                channels = colourType == 6 ? 4 : 3;
            }
            else if (type == "IDAT") idat.Write(body);
            else if (type == "IEND") break;
            at += 12 + length;   // length, type, body, CRC
        }
        if (width <= 0 || height <= 0) throw new InvalidDataException("no IHDR chunk");
        idat.Position = 0;
        using var inflated = new ZLibStream(idat, CompressionMode.Decompress);
        int stride = width * channels;
        var previous = new byte[stride];
        var row = new byte[stride];
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
        {
            int filter = inflated.ReadByte();
            inflated.ReadExactly(row);
            Unfilter(filter, row, previous, channels);
            for (int x = 0; x < width; x++)
            {
                int p = x * channels;
                uint a = channels == 4 ? row[p + 3] : 255u;
                pixels[y * width + x] = (uint)row[p] << 24 | (uint)row[p + 1] << 16 | (uint)row[p + 2] << 8 | a;
            }
            (previous, row) = (row, previous);
        }
        return new PngImage(width, height, pixels);
    }

    static void Unfilter(int filter, byte[] row, byte[] up, int bpp)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0, above = up[i], corner = i >= bpp ? up[i - bpp] : 0;
            row[i] = (byte)(row[i] + filter switch
            {
                0 => 0,
                1 => left,
                2 => above,
                3 => (left + above) / 2,
                4 => Paeth(left, above, corner),
                _ => throw new InvalidDataException($"bad PNG row filter {filter}"),
            });
        }
    }

    static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
