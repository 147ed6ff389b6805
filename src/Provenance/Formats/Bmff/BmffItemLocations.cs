using System.Buffers.Binary;
using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Rewrites the file offsets in an <c>iloc</c> box (ISO/IEC 14496-12 §8.11.3), which HEIF, HEIC and AVIF use to find
/// each coded image: when the C2PA box is inserted after <c>ftyp</c> (or an old one removed), every item located by file
/// offset that lies after the change moves, and its location must say so. The rewritten box is hashed as it is written.
/// </summary>
/// <remarks>
/// Only construction_method 0 (file offsets) moves; 1 (inside <c>idat</c>) and 2 (inside another item) are relative.
/// An item's bytes start at base_offset + extent_offset: a non-zero base_offset is shifted when all the item's extents
/// move by the same amount, otherwise each extent_offset is (c2pa-rs shifts both when base_offset is zero, which moves
/// such items twice; see docs/conformance.md). A field 0 bytes wide is an implied 0, which never moves (it is before the
/// insertion point). What cannot be rewritten in place is refused: an offset past its 32-bit field, and an item whose
/// bytes are in a file named by a data reference.
/// </remarks>
internal static class BmffItemLocations
{
    /// <summary>Maps every file offset in <paramref name="payload"/>, the payload of <paramref name="iloc"/>, in place.</summary>
    /// <exception cref="ProvenanceFormatException">The box is malformed, or a new offset does not fit its field.</exception>
    /// <exception cref="UnsupportedFormatException">A moving item is located through a data reference.</exception>
    public static void Patch(Span<byte> payload, BmffBox iloc, Func<long, long> map)
    {
        var reader = new BoxReader(payload, iloc.PayloadOffset, FormatLayer.Bmff);
        byte version = reader.ReadBytes(4, "iloc version and flags")[0];
        if (version > 2)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, iloc.Offset, $"iloc version {version} is unknown (ISO/IEC 14496-12 defines 0, 1 and 2)");
        }

        // offset_size, length_size, base_offset_size, then index_size (versions 1 and 2; reserved in version 0).
        ReadOnlySpan<byte> sizes = reader.ReadBytes(2, "iloc field sizes");
        var layout = new ExtentLayout(
            Width(sizes[0] >> 4, "offset_size", iloc),
            Width(sizes[0] & 0xF, "length_size", iloc),
            version == 0 ? 0 : Width(sizes[1] & 0xF, "index_size", iloc));
        int baseWidth = Width(sizes[1] >> 4, "base_offset_size", iloc);
        int idWidth = version < 2 ? 2 : 4;
        ulong itemCount = ReadField(ref reader, idWidth, "iloc item_count");
        for (ulong i = 0; i < itemCount; i++)
        {
            ulong itemId = ReadField(ref reader, idWidth, "iloc item_ID");
            int construction = version == 0 ? 0 : (int)(ReadField(ref reader, 2, "iloc construction_method") & 0xF);
            long dataReferenceAt = reader.Offset;
            ulong dataReference = ReadField(ref reader, 2, "iloc data_reference_index");
            int baseAt = (int)(reader.Offset - iloc.PayloadOffset);
            ulong baseOffset = ReadField(ref reader, baseWidth, "iloc base_offset");
            int extentCount = (int)ReadField(ref reader, 2, "iloc extent_count");
            int extentsAt = (int)(reader.Offset - iloc.PayloadOffset);
            reader.ReadBytes(extentCount * layout.Size, $"the extents of item {itemId}");
            if (construction != 0)
            {
                continue;
            }

            var item = new Item(itemId, baseOffset, extentCount, payload.Slice(extentsAt, extentCount * layout.Size), layout);
            (bool moves, long? shared) = item.Shifts(map, iloc);
            if (!moves)
            {
                continue;
            }

            if (dataReference != 0)
            {
                throw new UnsupportedFormatException(FormatLayer.Bmff, dataReferenceAt, $"item {itemId} in iloc locates its bytes through data reference {dataReference}, "
                    + "which Provenance does not resolve, so it cannot tell whether they move when the manifest is embedded", SupportedFormats.ForSigning);
            }

            if (baseOffset != 0 && shared is { } shift)
            {
                Write(payload.Slice(baseAt, baseWidth), baseOffset, shift, iloc, itemId);
            }
            else
            {
                item.ShiftExtents(map, iloc);
            }
        }
    }

    // ISO/IEC 14496-12 §8.11.3.3: each size is 0, 4 or 8 bytes (index_size and offset sizes alike).
    private static int Width(int value, string field, BmffBox iloc)
        => value is 0 or 4 or 8 ? value : throw new ProvenanceFormatException(FormatLayer.Bmff, iloc.Offset, $"iloc {field} is {value}; it must be 0, 4 or 8");

    private static ulong ReadField(ref BoxReader reader, int width, string what)
    {
        ReadOnlySpan<byte> bytes = reader.ReadBytes(width, what);
        return width switch
        {
            0 => 0,
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
    }

    private static void Write(Span<byte> field, ulong value, long shift, BmffBox iloc, ulong itemId)
    {
        long shifted = (long)value + shift;
        if (field.Length == 0)
        {
            // Only reachable when bytes at offset 0 move (an insertion before the first box): an implied 0 cannot change.
            throw new ProvenanceFormatException(FormatLayer.Bmff, iloc.Offset, $"item {itemId} in iloc is located by fields 0 bytes wide, which cannot hold its new location");
        }

        if (shifted < 0 || (field.Length == 4 && shifted > uint.MaxValue))
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, iloc.Offset, $"the location of item {itemId} in iloc would no longer fit its {field.Length * 8}-bit field; "
                + "rewrite the file with 64-bit iloc offsets first");
        }

        if (field.Length == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(field, (uint)shifted);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(field, (ulong)shifted);
        }
    }

    /// <summary>The widths of an extent's fields: extent_index (versions 1 and 2), extent_offset, extent_length.</summary>
    private readonly record struct ExtentLayout(int OffsetWidth, int LengthWidth, int IndexWidth)
    {
        public int Size => IndexWidth + OffsetWidth + LengthWidth;
    }

    /// <summary>One item's base_offset and its extents, read in place from the iloc payload.</summary>
    private readonly ref struct Item(ulong id, ulong baseOffset, int count, Span<byte> extents, ExtentLayout layout)
    {
        private readonly Span<byte> _extents = extents;

        /// <summary>Whether any extent moves, and the shift all of them share (null when they move by different amounts).</summary>
        public (bool Moves, long? Shared) Shifts(Func<long, long> map, BmffBox iloc)
        {
            bool moves = false;
            bool same = true;
            long first = 0;
            for (int e = 0; e < count; e++)
            {
                long shift = Shift(e, map, iloc);
                moves |= shift != 0;
                first = e == 0 ? shift : first;
                same &= shift == first;
            }

            return (moves, same ? first : null);
        }

        /// <summary>Shifts each extent_offset by how far its own bytes move.</summary>
        public void ShiftExtents(Func<long, long> map, BmffBox iloc)
        {
            for (int e = 0; e < count; e++)
            {
                long shift = Shift(e, map, iloc);
                if (shift != 0)
                {
                    Write(OffsetField(e), ExtentOffset(e), shift, iloc, id);
                }
            }
        }

        // ISO/IEC 14496-12 §8.11.3.1: the extent's bytes start at base_offset + extent_offset.
        private long Shift(int e, Func<long, long> map, BmffBox iloc)
        {
            ulong offset = ExtentOffset(e);
            if (baseOffset > long.MaxValue / 4 || offset > long.MaxValue / 4)
            {
                throw new ProvenanceFormatException(FormatLayer.Bmff, iloc.Offset, $"item {id} in iloc is located at {baseOffset} + {offset}, past the end of any file");
            }

            long at = (long)(baseOffset + offset);
            return map(at) - at;
        }

        private Span<byte> OffsetField(int e) => _extents.Slice((e * layout.Size) + layout.IndexWidth, layout.OffsetWidth);

        private ulong ExtentOffset(int e)
        {
            Span<byte> field = OffsetField(e);
            return field.Length switch
            {
                0 => 0,
                4 => BinaryPrimitives.ReadUInt32BigEndian(field),
                _ => BinaryPrimitives.ReadUInt64BigEndian(field),
            };
        }
    }
}
