using System.Buffers.Binary;
using System.Text;

namespace Provenance.Formats.Bmff;

/// <summary>
/// The C2PA ContentProvenanceBox (C2PA 2.2 §A.5.2): a full <c>uuid</c> box with the C2PA extended type, a purpose
/// string, an 8-byte offset of the first Merkle box (0 when none), then the manifest store.
/// </summary>
internal static class C2paUuidBox
{
    /// <summary>D8FEC3D6-1B0E-483C-9297-5828877EC481.</summary>
    public static ReadOnlySpan<byte> Id => [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81];

    public const string ManifestPurpose = "manifest";

    public const string MerklePurpose = "merkle";

    /// <summary>Bytes before the store: size, type, extended type, version/flags, "manifest\0", Merkle offset.</summary>
    public static int HeaderLength => 8 + 16 + 4 + ManifestPurpose.Length + 1 + 8;

    public static bool IsC2pa(BmffBox box) => box.IsC2pa;

    public static byte[] Encode(ReadOnlySpan<byte> store)
    {
        byte[] box = new byte[HeaderLength + store.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        "uuid"u8.CopyTo(box.AsSpan(4));
        Id.CopyTo(box.AsSpan(8));
        // version 0, flags 0 at 24..27
        Encoding.ASCII.GetBytes(ManifestPurpose).CopyTo(box.AsSpan(28));
        // NUL terminator and the 8-byte Merkle offset (0: no Merkle boxes) are already zero.
        store.CopyTo(box.AsSpan(HeaderLength));
        return box;
    }

    /// <summary>A fragment's Merkle box: the purpose <c>merkle</c> followed by a CBOR <c>bmff-merkle-map</c> (C2PA 2.2 §A.5.4.1.2).</summary>
    public static byte[] EncodeMerkle(ReadOnlySpan<byte> cbor)
    {
        int header = 8 + 16 + 4 + MerklePurpose.Length + 1;
        byte[] box = new byte[header + cbor.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        "uuid"u8.CopyTo(box.AsSpan(4));
        Id.CopyTo(box.AsSpan(8));
        Encoding.ASCII.GetBytes(MerklePurpose).CopyTo(box.AsSpan(28));
        cbor.CopyTo(box.AsSpan(header));
        return box;
    }

    /// <summary>The CBOR of a fragment's Merkle box, or null when the box has another purpose.</summary>
    public static byte[]? ReadMerkle(BmffBoxHeader box, Stream stream)
    {
        long payloadStart = box.PayloadOffset + 4;
        long length = PayloadLength(box);
        if (length > 16 * 1024 * 1024)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, "a C2PA Merkle box is larger than 16 MiB");
        }

        byte[] payload = new byte[length];
        stream.Position = payloadStart;
        stream.ReadExactly(payload);
        int end = payload.AsSpan().IndexOf((byte)0);
        return end >= 0 && Encoding.ASCII.GetString(payload, 0, end) == MerklePurpose ? payload[(end + 1)..] : null;
    }

    /// <summary>The purpose and the store of a C2PA uuid box's payload (the bytes after version and flags).</summary>
    public static (string Purpose, byte[] Store) Parse(BmffBoxHeader box, Stream stream, int maxStoreSize)
    {
        long payloadStart = box.PayloadOffset + 4;
        long payloadLength = PayloadLength(box);
        if (payloadLength > maxStoreSize + 64L)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, $"the C2PA box is larger than the {maxStoreSize}-byte manifest store limit");
        }

        byte[] payload = new byte[payloadLength];
        stream.Position = payloadStart;
        stream.ReadExactly(payload);
        int end = payload.AsSpan().IndexOf((byte)0);
        if (end < 0 || payload.Length < end + 1 + 8)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, "the C2PA box has no NUL-terminated purpose and Merkle offset");
        }

        string purpose = Encoding.ASCII.GetString(payload, 0, end);
        return (purpose, payload[(end + 1 + 8)..]);
    }

    /// <summary>The length of the payload after the full box's version and flags; a box too short to hold them is refused.</summary>
    private static long PayloadLength(BmffBoxHeader box)
    {
        long length = box.End - (box.PayloadOffset + 4);
        if (length < 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, "the C2PA box is too short to hold its version and flags");
        }

        return length;
    }
}
