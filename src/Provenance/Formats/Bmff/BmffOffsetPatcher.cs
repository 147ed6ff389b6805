using System.Buffers.Binary;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Rewrites the absolute file offsets that moving media data invalidates (C2PA 2.2 §18.6.2): chunk offsets in
/// <c>stco</c> and <c>co64</c>, <c>base_data_offset</c> in <c>tfhd</c>, <c>moof_offset</c> in <c>tfra</c>, and item
/// locations in <c>iloc</c> (<see cref="BmffItemLocations"/>).
/// </summary>
internal static class BmffOffsetPatcher
{
    /// <summary>Whether a top-level box holds absolute offsets that may need rewriting.</summary>
    public static bool NeedsPatching(BmffBox topLevel) => Find(topLevel).Any();

    /// <summary>The box's bytes with every absolute offset mapped through <paramref name="map"/>.</summary>
    public static byte[] Patch(BmffBox topLevel, Stream input, Func<long, long> map)
    {
        byte[] bytes = new byte[topLevel.Size];
        input.Position = topLevel.Offset;
        input.ReadExactly(bytes);
        foreach (BmffBox box in Find(topLevel))
        {
            Span<byte> payload = bytes.AsSpan((int)(box.PayloadOffset - topLevel.Offset), (int)(box.Size - box.HeaderSize));
            if (box.Type == BmffBoxTypes.Stco)
            {
                PatchTable(payload, box, 4, map, wide: false);
            }
            else if (box.Type == BmffBoxTypes.Co64)
            {
                PatchTable(payload, box, 8, map, wide: true);
            }
            else if (box.Type == BmffBoxTypes.Tfhd && (box.FullBox?.Flags & 0x000001) != 0 && payload.Length >= 16)
            {
                // ISO/IEC 14496-12 §8.8.7: base-data-offset-present; the offset follows track_ID.
                BinaryPrimitives.WriteUInt64BigEndian(payload[8..], (ulong)MapOffset(BinaryPrimitives.ReadUInt64BigEndian(payload[8..]), map, box));
            }
            else if (box.Type == BmffBoxTypes.Tfra)
            {
                PatchTfra(payload, box, map);
            }
            else if (box.Type == BmffBoxTypes.Iloc)
            {
                BmffItemLocations.Patch(payload, box, map);
            }
        }

        return bytes;
    }

    private static bool HoldsOffsets(Jumbf.FourCC type)
        => type == BmffBoxTypes.Stco || type == BmffBoxTypes.Co64 || type == BmffBoxTypes.Tfhd || type == BmffBoxTypes.Tfra || type == BmffBoxTypes.Iloc;

    private static IEnumerable<BmffBox> Find(BmffBox box)
    {
        foreach (BmffBox child in box.Children)
        {
            if (HoldsOffsets(child.Type))
            {
                yield return child;
            }

            foreach (BmffBox descendant in Find(child))
            {
                yield return descendant;
            }
        }
    }

    private static void PatchTable(Span<byte> payload, BmffBox box, int width, Func<long, long> map, bool wide)
    {
        if (payload.Length < 8)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, $"{box.Type} box is too short");
        }

        uint count = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        if (count > (payload.Length - 8) / width)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, $"{box.Type} declares {count} entries but holds room for {(payload.Length - 8) / width}");
        }

        for (int i = 0; i < count; i++)
        {
            Span<byte> entry = payload.Slice(8 + (i * width), width);
            if (wide)
            {
                BinaryPrimitives.WriteUInt64BigEndian(entry, (ulong)MapOffset(BinaryPrimitives.ReadUInt64BigEndian(entry), map, box));
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(entry, MapNarrowOffset(BinaryPrimitives.ReadUInt32BigEndian(entry), map, box, "convert the file to co64 first"));
            }
        }
    }

    // ISO/IEC 14496-12 §8.8.10: entries of time, moof_offset (32 or 64 bits by version), then traf/trun/sample numbers.
    private static void PatchTfra(Span<byte> payload, BmffBox box, Func<long, long> map)
    {
        if (payload.Length < 16)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, "tfra box is too short");
        }

        bool version1 = payload[0] == 1;
        uint sizes = BinaryPrimitives.ReadUInt32BigEndian(payload[8..]);
        int entrySize = (version1 ? 16 : 8) + (int)(((sizes >> 4) & 3) + 1 + ((sizes >> 2) & 3) + 1 + (sizes & 3) + 1);
        uint count = BinaryPrimitives.ReadUInt32BigEndian(payload[12..]);
        if (count > (payload.Length - 16) / entrySize)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, "tfra declares more entries than it holds");
        }

        for (int i = 0; i < count; i++)
        {
            Span<byte> entry = payload.Slice(16 + (i * entrySize), entrySize);
            if (version1)
            {
                BinaryPrimitives.WriteUInt64BigEndian(entry[8..], (ulong)MapOffset(BinaryPrimitives.ReadUInt64BigEndian(entry[8..]), map, box));
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(entry[4..], MapNarrowOffset(BinaryPrimitives.ReadUInt32BigEndian(entry[4..]), map, box, "rewrite the tfra box as version 1 first"));
            }
        }
    }

    // The map only shifts an offset by the bytes inserted or removed before it, so a non-negative offset stays
    // non-negative. An offset past any real file (a hostile one) cannot be shifted without overflowing: a format error.
    private static long MapOffset(ulong offset, Func<long, long> map, BmffBox box)
        => offset <= long.MaxValue / 2
            ? map((long)offset)
            : throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, $"{box.Type} holds the offset {offset}, past the end of any file");

    private static uint MapNarrowOffset(uint offset, Func<long, long> map, BmffBox box, string remedy)
    {
        long mapped = map(offset);
        return mapped <= uint.MaxValue
            ? (uint)mapped
            : throw new ProvenanceFormatException(FormatLayer.Bmff, box.Offset, $"an offset in {box.Type} would no longer fit in 32 bits; {remedy}");
    }
}
