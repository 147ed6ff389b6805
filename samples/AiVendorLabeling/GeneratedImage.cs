using System.Buffers.Binary;
using System.IO.Compression;

namespace AiVendorLabeling;

/// <summary>
/// Stands in for a model's output: a small PNG "rendered" from a seed (a colour field with rings), encoded here so the
/// sample needs no image library and no committed media.
/// </summary>
internal static class GeneratedImage
{
    public static byte[] Render(int seed, int width = 96, int height = 64)
    {
        var random = new Random(seed);
        (int r, int g, int b) = (random.Next(256), random.Next(256), random.Next(256));
        byte[] raw = new byte[height * (1 + (width * 3))];
        for (int y = 0; y < height; y++)
        {
            int row = y * (1 + (width * 3));
            raw[row] = 0; // filter: none
            for (int x = 0; x < width; x++)
            {
                int ring = (int)Math.Sqrt(((x - (width / 2)) * (x - (width / 2))) + ((y - (height / 2)) * (y - (height / 2)))) % 16;
                raw[row + 1 + (x * 3)] = (byte)(r + (ring * 8));
                raw[row + 2 + (x * 3)] = (byte)(g + (x * 2));
                raw[row + 3 + (x * 3)] = (byte)(b + (y * 2));
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(png, "IDAT", compressed.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        png.Write(word);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);
}
