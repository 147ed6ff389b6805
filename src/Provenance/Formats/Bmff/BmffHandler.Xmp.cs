using System.Buffers.Binary;
using System.Text;

namespace Provenance.Formats.Bmff;

/// <summary>
/// The XMP packet of an ISO BMFF file: a top-level <c>uuid</c> box of type BE7ACFCB-97A9-42E8-9C71-999491E3AFAC (XMP
/// Specification Part 3 §1.1.4), the one c2pa-rs reads and writes. A rewritten packet replaces it, right after
/// <c>ftyp</c>, and the boxes that hold absolute offsets are rewritten as for the C2PA box.
/// </summary>
internal sealed partial class BmffHandler
{
    private const int MaxXmpLength = 1 << 20;

    private static ReadOnlySpan<byte> XmpId => [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    /// <inheritdoc />
    public XmpPacket? ReadXmp(Stream asset, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        foreach (BmffBoxHeader box in TopLevel(asset, options, cancellationToken))
        {
            if (!IsXmp(box, asset))
            {
                continue;
            }

            long length = box.Size - box.HeaderSize;
            if (length > MaxXmpLength)
            {
                throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, $"the XMP box holds {length} bytes, more than the {MaxXmpLength} read");
            }

            byte[] packet = new byte[length];
            asset.Position = box.PayloadOffset;
            asset.ReadExactly(packet);
            return new XmpPacket(Encoding.UTF8.GetString(packet), box.Offset);
        }

        return null;
    }

    /// <inheritdoc />
    public EmbeddingPlan PlanXmp(Stream asset, string packet, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        byte[] xmp = Encoding.UTF8.GetBytes(packet);
        byte[] box = new byte[8 + 16 + xmp.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, checked((uint)box.Length));
        "uuid"u8.CopyTo(box.AsSpan(4));
        XmpId.CopyTo(box.AsSpan(8));
        xmp.CopyTo(box, 24);
        return Plan(asset, new LiteralPiece(box), options, cancellationToken, drops: b => IsXmp(b.Header, asset));
    }

    private static bool IsXmp(BmffBoxHeader box, Stream asset)
    {
        if (box.Type != BmffBoxTypes.Uuid || box.IsC2pa || box.HeaderSize < 24)
        {
            return false;
        }

        Span<byte> id = stackalloc byte[16];
        asset.Position = box.PayloadOffset - 16;
        asset.ReadExactly(id);
        return id.SequenceEqual(XmpId);
    }
}
