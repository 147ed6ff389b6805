using System.Buffers.Binary;
using System.Text;

namespace Provenance.Formats.Png;

/// <summary>
/// The XMP packet of a PNG: an uncompressed <c>iTXt</c> chunk with the keyword <c>XML:com.adobe.xmp</c> (XMP
/// Specification Part 3 §1.1.5), before the image data. A new one goes right after IHDR.
/// </summary>
internal static class PngXmp
{
    private const int MaxPacketLength = 1 << 20;
    private static readonly byte[] Keyword = Encoding.ASCII.GetBytes("XML:com.adobe.xmp\0");

    public static XmpPacket? Read(Stream asset, AssetReadOptions options, CancellationToken cancellationToken)
        => Find(asset, options, cancellationToken).Packet;

    public static EmbeddingPlan Plan(Stream asset, string packet, AssetReadOptions options, CancellationToken cancellationToken)
    {
        (XmpPacket? existing, long existingLength, long insertAt) = Find(asset, options, cancellationToken);

        // keyword, compression flag 0, method 0, empty language tag, empty translated keyword, then the text.
        byte[] data = [.. Keyword, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(packet)];
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        "iTXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute("iTXt"u8, data));
        long at = existing?.Offset ?? insertAt;
        return new([new InputPiece(0, at), new LiteralPiece(chunk), new InputPiece(at + existingLength, asset.Length - at - existingLength)]);
    }

    private static (XmpPacket? Packet, long Length, long InsertAt) Find(Stream asset, AssetReadOptions options, CancellationToken cancellationToken)
    {
        asset.Position = 0;
        PngChunkReader reader = PngChunkReader.Open(asset, options);
        long insertAt = -1;
        foreach (PngChunk chunk in reader.Chunks(requireEnd: false, cancellationToken))
        {
            if (chunk.Type == "IHDR")
            {
                insertAt = chunk.End;
            }
            else if (chunk.Type is "IDAT" or "IEND")
            {
                break;
            }
            else if (chunk.Type == "iTXt" && chunk.DataLength > Keyword.Length && chunk.DataLength <= MaxPacketLength)
            {
                byte[] data = new byte[chunk.DataLength];
                reader.ReadAt(chunk, 8, data);
                if (data.AsSpan().StartsWith(Keyword))
                {
                    return (new XmpPacket(Text(data, chunk.Offset), chunk.Offset), chunk.TotalLength, insertAt);
                }
            }
        }

        return insertAt < 0
            ? throw new ProvenanceFormatException(FormatLayer.Png, 8, "the file has no IHDR chunk")
            : (null, 0, insertAt);
    }

    // The text of an uncompressed iTXt chunk: after the keyword, the two flag bytes and two NUL-terminated strings.
    private static string Text(byte[] data, long offset)
    {
        if (data[Keyword.Length] != 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, offset, "the XMP iTXt chunk is compressed, which is not read or rewritten");
        }

        int position = Keyword.Length + 2;
        for (int nulls = 0; nulls < 2; position++)
        {
            if (position >= data.Length)
            {
                throw new ProvenanceFormatException(FormatLayer.Png, offset, "the XMP iTXt chunk ends inside its header");
            }

            nulls += data[position] == 0 ? 1 : 0;
        }

        return Encoding.UTF8.GetString(data, position, data.Length - position);
    }
}
