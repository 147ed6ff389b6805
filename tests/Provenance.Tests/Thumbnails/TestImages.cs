using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Provenance.Tests.Thumbnails;

/// <summary>Images made for the thumbnail tests (generated, not committed).</summary>
internal static class TestImages
{
    /// <summary>A gradient with shapes, encoded as PNG or JPEG.</summary>
    public static byte[] Create(int width, int height, SKEncodedImageFormat format)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.Navy, SKColors.Orange], SKShaderTileMode.Clamp);
            surface.Canvas.DrawRect(0, 0, width, height, paint);
            paint.Shader = null;
            paint.Color = SKColors.White;
            surface.Canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 4f, paint);
        }

        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A 100-byte PNG whose IHDR declares <paramref name="width"/>×<paramref name="height"/> (PNG 1.2 §11.2.2): a
    /// decoder that trusted it would allocate width × height × 4 bytes.
    /// </summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]); // an empty zlib stream
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The decoded RGBA pixels of an encoded image.</summary>
    public static (int Width, int Height, byte[] Pixels) Decode(byte[] encoded)
    {
        using SKBitmap bitmap = SKBitmap.Decode(encoded, new SKImageInfo(0, 0, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? SKBitmap.Decode(encoded) ?? throw new InvalidDataException("Skia cannot decode the image.");
        using SKBitmap rgba = bitmap.Copy(SKColorType.Rgba8888);
        return (rgba.Width, rgba.Height, rgba.Bytes);
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Provenance.Formats.Png.Crc32.Compute(typeBytes, data));
        png.Write(crc);
    }
}
