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
    /// A JPEG stored with its left half red and its right half blue, and an EXIF APP1 segment giving
    /// <paramref name="orientation"/> (CIPA DC-008 tag 0x0112: 1 upright, 3 half turn, 6 and 8 quarter turns).
    /// </summary>
    public static byte[] RedLeftBlueRightJpeg(int width, int height, ushort orientation)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var paint = new SKPaint { Color = SKColors.Red })
        {
            surface.Canvas.DrawRect(0, 0, width / 2f, height, paint);
            paint.Color = SKColors.Blue;
            surface.Canvas.DrawRect(width / 2f, 0, width / 2f, height, paint);
        }

        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        byte[] jpeg = data.ToArray();

        // APP1: "Exif\0\0", a big-endian TIFF header, one IFD with the Orientation entry (SHORT, count 1), no next IFD.
        byte[] exif =
        [
            .. "Exif\0\0"u8, .. "MM\0*"u8, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,
        ];
        byte[] segment = [0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2), .. exif];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    /// <summary>The RGBA colour of the pixel at (<paramref name="x"/>, <paramref name="y"/>) of decoded pixels.</summary>
    public static (byte R, byte G, byte B) PixelAt((int Width, int Height, byte[] Pixels) image, int x, int y)
    {
        int at = ((y * image.Width) + x) * 4;
        return (image.Pixels[at], image.Pixels[at + 1], image.Pixels[at + 2]);
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

    /// <summary>A PNG whose left half is red and whose right half is transparent.</summary>
    public static byte[] RedLeftTransparentRightPng(int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Transparent);
        using (var paint = new SKPaint { Color = SKColors.Red })
        {
            surface.Canvas.DrawRect(0, 0, width / 2f, height, paint);
        }

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary><paramref name="png"/> with a chunk inserted right after its IHDR (which is 25 bytes after the signature).</summary>
    public static byte[] InsertPngChunk(byte[] png, string type, byte[] data)
    {
        using var chunk = new MemoryStream();
        Chunk(chunk, type, data);
        return [.. png.AsSpan(0, 33), .. chunk.ToArray(), .. png.AsSpan(33)];
    }

    /// <summary><paramref name="jpeg"/> with a marker segment inserted right after its SOI.</summary>
    public static byte[] InsertJpegSegment(byte[] jpeg, byte marker, byte[] payload)
        => [0xFF, 0xD8, 0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload, .. jpeg.AsSpan(2)];

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
