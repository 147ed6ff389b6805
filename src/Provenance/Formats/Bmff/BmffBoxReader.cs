using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Walks ISO BMFF boxes from a stream, reading headers only: 32- and 64-bit sizes, size 0 (to the end of the parent),
/// <c>uuid</c> extended types, and the children of container boxes, each bounded by its parent and by a depth limit.
/// </summary>
internal static class BmffBoxReader
{
    // Boxes whose payload is a sequence of boxes (ISO/IEC 14496-12, 14496-14, 23008-12).
    private static readonly HashSet<string> Containers =
    [
        "moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "mvex", "moof", "traf", "mfra", "udta", "tref",
        "iprp", "ipco", "grpl", "sinf", "schi", "meco", "strk", "strd",
    ];

    // Full boxes (version + flags) whose version and flags matter to readers or C2PA exclusions.
    private static readonly HashSet<string> FullBoxes = ["tfhd", "trun", "stco", "co64", "tfra", "mvhd", "tkhd", "mdhd", "iloc", "saio", "sidx"];

    /// <summary>The top-level boxes, with their descendants.</summary>
    /// <exception cref="ProvenanceFormatException">A size past the end, an overflowing size, or nesting past the limit.</exception>
    public static List<BmffBox> ReadTopLevel(Stream stream, int maxDepth, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, "BMFF");
        return ReadChildren(reader, 0, reader.Length, 0, maxDepth, cancellationToken);
    }

    private static List<BmffBox> ReadChildren(BufferedReader reader, long start, long end, int depth, int maxDepth, CancellationToken cancellationToken)
    {
        if (depth > maxDepth)
        {
            throw new ProvenanceFormatException("BMFF", start, $"boxes nested deeper than {maxDepth}");
        }

        var boxes = new List<BmffBox>();
        long position = start;
        while (position < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (end - position < 8)
            {
                // Some writers pad containers with a few zero bytes; anything else is a cut-off header.
                reader.Seek(position);
                byte[] rest = reader.ReadBytes((int)(end - position));
                if (rest.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
                {
                    throw new ProvenanceFormatException("BMFF", position, "a box header is cut off");
                }

                break;
            }

            BmffBox box = ReadHeader(reader, position, end);
            if (Containers.Contains(box.Type.ToString()) || box.Type.ToString() == "meta")
            {
                long childStart = box.PayloadOffset;
                if (box.Type.ToString() == "meta" && IsIsoFullBoxMeta(reader, box))
                {
                    // ISO/IEC 14496-12 §8.11.1: meta is a full box; QuickTime's meta (in udta) has no version and flags.
                    childStart += 4;
                }

                if (childStart <= box.End)
                {
                    box.Children.AddRange(ReadChildren(reader, childStart, box.End, depth + 1, maxDepth, cancellationToken));
                }
            }

            boxes.Add(box);
            position = box.End;
        }

        return boxes;
    }

    private static bool IsIsoFullBoxMeta(BufferedReader reader, BmffBox box)
    {
        if (box.Size < box.HeaderSize + 4)
        {
            return false;
        }

        reader.Seek(box.PayloadOffset);
        return reader.ReadUInt32BigEndian() == 0;
    }

    private static BmffBox ReadHeader(BufferedReader reader, long position, long end)
    {
        reader.Seek(position);
        long size = reader.ReadUInt32BigEndian();
        var type = new FourCC(reader.ReadUInt32BigEndian());
        int header = 8;
        if (size == 1)
        {
            if (end - position < 16)
            {
                throw new ProvenanceFormatException("BMFF", position, $"box '{type}' has a cut-off 64-bit size");
            }

            ulong large = ((ulong)reader.ReadUInt32BigEndian() << 32) | reader.ReadUInt32BigEndian();
            if (large > long.MaxValue)
            {
                throw new ProvenanceFormatException("BMFF", position, $"box '{type}' has a 64-bit size that overflows");
            }

            size = (long)large;
            header = 16;
        }
        else if (size == 0)
        {
            size = end - position;
        }

        byte[]? userType = null;
        if (type.ToString() == "uuid")
        {
            if (end - position < header + 16)
            {
                throw new ProvenanceFormatException("BMFF", position, "uuid box is cut off before its extended type");
            }

            userType = reader.ReadBytes(16);
            header += 16;
        }

        if (size < header)
        {
            throw new ProvenanceFormatException("BMFF", position, $"box '{type}' declares {size} bytes, less than its {header}-byte header");
        }

        if (size > end - position)
        {
            throw new ProvenanceFormatException("BMFF", position, $"box '{type}' of {size} bytes runs past its container ({end - position} bytes remain)");
        }

        var box = new BmffBox { Type = type, Offset = position, Size = size, HeaderSize = header, UserType = userType };
        if ((FullBoxes.Contains(type.ToString()) || userType is not null) && size >= header + 4)
        {
            uint versionAndFlags = reader.ReadUInt32BigEndian();
            box.FullBox = ((byte)(versionAndFlags >> 24), versionAndFlags & 0xFFFFFF);
        }

        return box;
    }
}
