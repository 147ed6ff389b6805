using System.Buffers.Binary;

namespace Provenance.Formats.Tiff;

/// <summary>
/// The file header of a TIFF (TIFF 6.0 §2: byte order, 42, first IFD offset) or a BigTIFF (byte order, 43, offset size 8,
/// 0, a 64-bit first IFD offset), and the widths that follow from it.
/// </summary>
internal readonly record struct TiffHeader(bool LittleEndian, bool Big, long FirstIfdOffset)
{
    /// <summary>Length of the header: 8 bytes, or 16 for BigTIFF.</summary>
    public int Length => Big ? 16 : 8;

    /// <summary>Where the first IFD's offset sits in the header.</summary>
    public int FirstIfdPointer => Big ? 8 : 4;

    /// <summary>Width of an offset (and of an entry's value field): 4 bytes, or 8 for BigTIFF.</summary>
    public int OffsetSize => Big ? 8 : 4;

    /// <summary>Width of an IFD's entry count: 2 bytes, or 8 for BigTIFF.</summary>
    public int CountSize => Big ? 8 : 2;

    /// <summary>Width of one IFD entry: 12 bytes, or 20 for BigTIFF.</summary>
    public int EntrySize => Big ? 20 : 12;

    /// <summary>Length of an IFD of <paramref name="entries"/> entries: count, entries, next-IFD offset.</summary>
    public long IfdLength(long entries) => CountSize + (entries * EntrySize) + OffsetSize;

    /// <summary>Parses a header from the first 8 bytes (16 for BigTIFF, which needs them all).</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out TiffHeader header)
    {
        header = default;
        if (bytes.Length < 8 || !(bytes[..2].SequenceEqual("II"u8) || bytes[..2].SequenceEqual("MM"u8)))
        {
            return false;
        }

        bool little = bytes[0] == (byte)'I';
        ushort magic = little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (magic == 42)
        {
            header = new TiffHeader(little, false, little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]));
            return true;
        }

        // BigTIFF: offset size 8 and a zero word (BigTIFF design, "Header"); detection sees only these 8 bytes.
        ushort offsetSize = little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (magic != 43 || offsetSize != 8 || bytes[6] != 0 || bytes[7] != 0)
        {
            return false;
        }

        ulong first = bytes.Length < 16 ? 0 : little ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) : BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        header = new TiffHeader(little, true, first > long.MaxValue ? -1 : (long)first);
        return true;
    }

    /// <summary>Writes an offset (4 or 8 bytes) in the file's byte order.</summary>
    public byte[] EncodeOffset(long value)
    {
        byte[] bytes = new byte[OffsetSize];
        WriteOffset(bytes, value);
        return bytes;
    }

    /// <summary>Writes an offset or count (4 or 8 bytes) in the file's byte order.</summary>
    public void WriteOffset(Span<byte> destination, long value)
    {
        if (Big)
        {
            if (LittleEndian)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt64BigEndian(destination, (ulong)value);
            }
        }
        else if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, checked((uint)value));
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, checked((uint)value));
        }
    }

    /// <summary>Writes a 16-bit value in the file's byte order.</summary>
    public void WriteUInt16(Span<byte> destination, ushort value)
    {
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        }
    }

    /// <summary>Reads an unsigned value of <paramref name="bytes"/>'s width (1, 2, 4 or 8) in the file's byte order.</summary>
    public ulong ReadUnsigned(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => LittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes),
        4 => LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes),
        8 => LittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : BinaryPrimitives.ReadUInt64BigEndian(bytes),
        _ => throw new ArgumentException("A TIFF value is 1, 2, 4 or 8 bytes wide.", nameof(bytes)),
    };
}
