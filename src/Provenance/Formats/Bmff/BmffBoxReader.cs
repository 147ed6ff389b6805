using System.Buffers.Binary;
using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Walks ISO BMFF boxes forward from a stream, reading headers only: 32- and 64-bit sizes, size 0 (to the end of the
/// parent), <c>uuid</c> extended types. Each level is a lazy sequence bounded by its parent, so a caller keeps only the
/// boxes it needs and memory does not grow with the number of boxes.
/// </summary>
internal static partial class BmffBoxReader
{
    // Boxes whose payload is a sequence of boxes (ISO/IEC 14496-12, 14496-14, 23008-12); meta is handled apart.
    private static readonly HashSet<FourCC> Containers =
    [
        .. new[]
        {
            "moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "mvex", "moof", "traf", "mfra", "udta", "tref",
            "iprp", "ipco", "grpl", "sinf", "schi", "meco", "strk", "strd",
        }.Select(t => new FourCC(t)),
    ];

    // Full boxes (version + flags) whose version and flags matter to readers or C2PA exclusions.
    private static readonly HashSet<FourCC> FullBoxes =
        [.. new[] { "tfhd", "trun", "stco", "co64", "tfra", "mvhd", "tkhd", "mdhd", "iloc", "saio", "sidx" }.Select(t => new FourCC(t))];

    /// <summary>The top-level boxes of <paramref name="stream"/>, one at a time.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Thrown while enumerating, at the first box whose size is past the end or overflows, or a cut-off header.
    /// </exception>
    public static IEnumerable<BmffBoxHeader> EnumerateTopLevel(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Bmff);
        return Enumerate(reader, 0, reader.Length, cancellationToken);
    }

    /// <summary>The boxes from <paramref name="start"/> to <paramref name="end"/>, one at a time.</summary>
    public static IEnumerable<BmffBoxHeader> Enumerate(BufferedReader reader, long start, long end, CancellationToken cancellationToken)
    {
        long position = start;
        while (position < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (end - position < 8)
            {
                // Some writers pad containers with a few zero bytes; anything else is a cut-off header.
                reader.Seek(position);
                while (reader.Position < end)
                {
                    if (reader.ReadByte() != 0)
                    {
                        BmffErrors.ThrowHeaderCutOff(position, "a box header is cut off");
                    }
                }

                yield break;
            }

            BmffBoxHeader box = ReadHeader(reader, position, end);
            yield return box;
            position = box.End;
        }
    }

    /// <summary>The children of a container box (none for other boxes), one at a time.</summary>
    public static IEnumerable<BmffBoxHeader> Children(BufferedReader reader, BmffBoxHeader box, CancellationToken cancellationToken)
    {
        if (!IsContainer(box))
        {
            return [];
        }

        long childStart = box.PayloadOffset;
        if (box.Type == BmffBoxTypes.Meta && IsIsoFullBoxMeta(reader, box))
        {
            // ISO/IEC 14496-12 §8.11.1: meta is a full box; QuickTime's meta (in udta) has no version and flags.
            childStart += 4;
        }

        return childStart <= box.End ? Enumerate(reader, childStart, box.End, cancellationToken) : [];
    }

    public static bool IsContainer(BmffBoxHeader box) => box.Type == BmffBoxTypes.Meta || Containers.Contains(box.Type);

    private static bool IsIsoFullBoxMeta(BufferedReader reader, BmffBoxHeader box)
    {
        if (box.Size < box.HeaderSize + 4)
        {
            return false;
        }

        reader.Seek(box.PayloadOffset);
        return reader.ReadUInt32BigEndian() == 0;
    }

    private static BmffBoxHeader ReadHeader(BufferedReader reader, long position, long end)
    {
        reader.Seek(position);
        long size = reader.ReadUInt32BigEndian();
        var type = new FourCC(reader.ReadUInt32BigEndian());
        int header = 8;
        if (size == 1)
        {
            if (end - position < 16)
            {
                BmffErrors.ThrowHeaderCutOff(position, $"box '{type}' has a cut-off 64-bit size");
            }

            ulong large = ((ulong)reader.ReadUInt32BigEndian() << 32) | reader.ReadUInt32BigEndian();
            if (large > long.MaxValue)
            {
                throw new ProvenanceFormatException(FormatLayer.Bmff, position, $"box '{type}' has a 64-bit size that overflows");
            }

            size = (long)large;
            header = 16;
        }
        else if (size == 0)
        {
            size = end - position;
        }

        bool isC2pa = false;
        bool isUuid = type == BmffBoxTypes.Uuid;
        if (isUuid)
        {
            if (end - position < header + 16)
            {
                BmffErrors.ThrowHeaderCutOff(position, "uuid box is cut off before its extended type");
            }

            Span<byte> userType = stackalloc byte[16];
            reader.ReadExactly(userType);
            isC2pa = userType.SequenceEqual(C2paUuidBox.Id);
            header += 16;
        }

        if (size < header)
        {
            BmffErrors.ThrowSmallerThanHeader(position, type, size, header);
        }

        if (size > end - position)
        {
            BmffErrors.ThrowPastEnd(position, type, size, end - position);
        }

        (byte, uint)? fullBox = null;
        if ((isUuid || FullBoxes.Contains(type)) && size >= header + 4)
        {
            uint versionAndFlags = reader.ReadUInt32BigEndian();
            fullBox = ((byte)(versionAndFlags >> 24), versionAndFlags & 0xFFFFFF);
        }

        return new BmffBoxHeader(type, position, size, header, isC2pa, fullBox);
    }
}
