using System.Buffers.Binary;

namespace Provenance.Formats.Riff;

/// <summary>
/// The <c>VP8X</c> chunk that turns a simple WebP (one <c>VP8 </c> or <c>VP8L</c> chunk) into the extended layout,
/// the only one in which other chunks, such as <c>C2PA</c>, may follow the image (WebP Container Specification,
/// "Extended File Format"). The canvas is the image's size, read from its bitstream header, as libwebp's muxer does.
/// </summary>
internal static class WebpExtendedHeader
{
    /// <summary>The whole chunk: id, size 10, flags, three reserved bytes, canvas width - 1 and height - 1 (24 bits each).</summary>
    public const int ChunkLength = 18;

    // VP8X flags byte (WebP Container Specification): the image has an alpha channel.
    private const byte AlphaFlag = 0x10;

    /// <summary>
    /// The <c>VP8X</c> chunk to insert before the image of a simple WebP, or null when <paramref name="layout"/> is not a
    /// simple WebP (another form, or already extended).
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The image chunk's header is not a VP8 key frame or VP8L header.</exception>
    public static byte[]? ForSimpleImage(RiffLayout layout)
    {
        if (layout.FormType != "WEBP" || layout.First is not { Id: "VP8 " or "VP8L" } image)
        {
            return null;
        }

        (int width, int height, bool alpha) = image.Id == "VP8L" ? ReadLossless(layout, image) : ReadLossy(layout, image);
        byte[] chunk = new byte[ChunkLength];
        "VP8X"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), 10);
        chunk[8] = alpha ? AlphaFlag : (byte)0;
        WriteUInt24LittleEndian(chunk.AsSpan(12), width - 1);
        WriteUInt24LittleEndian(chunk.AsSpan(15), height - 1);
        return chunk;
    }

    // RFC 6386 §9.1: a key frame's 3-byte frame tag (bit 0 clear), the start code 9D 01 2A, then 14-bit width and height
    // (the top two bits of each are a scale, not part of the size).
    private static (int Width, int Height, bool Alpha) ReadLossy(RiffLayout layout, RiffChunk image)
    {
        Span<byte> header = stackalloc byte[10];
        layout.ReadData(image, 0, header);
        if ((header[0] & 1) != 0 || !header[3..6].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]))
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, image.DataOffset, "the VP8 chunk does not start with a key frame header (RFC 6386 §9.1)");
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]) & 0x3FFF;
        int height = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) & 0x3FFF;
        if (width == 0 || height == 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, image.DataOffset + 6, "the VP8 frame has no width or height");
        }

        return (width, height, false);
    }

    // WebP Lossless Bitstream Specification §3.1-3.2: signature 0x2F, then 14 bits width - 1, 14 bits height - 1,
    // 1 bit alpha_is_used and a 3-bit version that must be 0, least significant bit first.
    private static (int Width, int Height, bool Alpha) ReadLossless(RiffLayout layout, RiffChunk image)
    {
        Span<byte> header = stackalloc byte[5];
        layout.ReadData(image, 0, header);
        uint bits = BinaryPrimitives.ReadUInt32LittleEndian(header[1..]);
        if (header[0] != 0x2F || bits >> 29 != 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, image.DataOffset, "the VP8L chunk does not start with a lossless header (signature 0x2F, version 0)");
        }

        return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1, ((bits >> 28) & 1) != 0);
    }

    private static void WriteUInt24LittleEndian(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value & 0xFF);
        destination[1] = (byte)((value >> 8) & 0xFF);
        destination[2] = (byte)((value >> 16) & 0xFF);
    }
}
