using System.Buffers.Binary;
using System.Text;

namespace Provenance.Formats.Jpeg;

/// <summary>
/// The XMP packet of a JPEG: an APP1 segment that starts with the XMP namespace (XMP Specification Part 3 §1.1.3),
/// before the first scan. A new one goes after SOI and the APP0 (JFIF) and APP1 (Exif) segments that open the file;
/// extended XMP (more than one segment) is not written.
/// </summary>
internal static class JpegXmp
{
    private const byte App1 = 0xE1;
    private static readonly byte[] Namespace = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");

    public static XmpPacket? Read(Stream asset, AssetReadOptions options, CancellationToken cancellationToken)
        => Find(asset, options, cancellationToken).Packet;

    public static EmbeddingPlan Plan(Stream asset, string packet, AssetReadOptions options, CancellationToken cancellationToken)
    {
        (XmpPacket? existing, long existingLength, long insertAt) = Find(asset, options, cancellationToken);
        byte[] xmp = Encoding.UTF8.GetBytes(packet);
        int length = 2 + Namespace.Length + xmp.Length;
        long at = existing?.Offset ?? insertAt;
        if (length > ushort.MaxValue)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, at, $"the XMP packet is {xmp.Length} bytes, more than one APP1 segment holds (extended XMP is not written)");
        }

        byte[] segment = new byte[2 + length];
        segment[0] = 0xFF;
        segment[1] = App1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)length);
        Namespace.CopyTo(segment, 4);
        xmp.CopyTo(segment, 4 + Namespace.Length);
        return new([new InputPiece(0, at), new LiteralPiece(segment), new InputPiece(at + existingLength, asset.Length - at - existingLength)]);
    }

    private static (XmpPacket? Packet, long Length, long InsertAt) Find(Stream asset, AssetReadOptions options, CancellationToken cancellationToken)
    {
        asset.Position = 0;
        JpegSegmentReader reader = JpegSegmentReader.Open(asset, options);
        long insertAt = 2;
        bool leading = true;
        foreach (JpegSegment segment in reader.Segments(requireEnd: false, cancellationToken))
        {
            if (segment.Marker is JpegSegment.Sos or JpegSegment.Eoi)
            {
                break;
            }

            if (segment.Marker == App1 && segment.Length - 4 > Namespace.Length)
            {
                byte[] payload = new byte[segment.Length - 4];
                reader.ReadAt(segment, 4, payload);
                if (payload.AsSpan().StartsWith(Namespace))
                {
                    return (new XmpPacket(Encoding.UTF8.GetString(payload, Namespace.Length, payload.Length - Namespace.Length), segment.Offset), segment.Length, insertAt);
                }
            }

            leading &= segment.Marker is JpegSegment.Soi or JpegSegment.App0 or App1;
            insertAt = leading ? segment.End : insertAt;
        }

        return (null, 0, insertAt);
    }
}
