using System.Text;

namespace Provenance.Formats.Id3;

/// <summary>
/// The ID3v2 tag at the start of a file (ID3v2.2, 2.3 and 2.4): its header and its frames, read from headers only with
/// every size checked against the tag and the file. Offsets are absolute.
/// </summary>
internal sealed class Id3Tag
{
    private Id3Tag(byte major, byte minor, byte flags, long end, IReadOnlyList<Id3Frame> frames)
    {
        Major = major;
        Minor = minor;
        Flags = flags;
        End = end;
        Frames = frames;
    }

    /// <summary>The major version: 2, 3 or 4.</summary>
    public byte Major { get; }

    /// <summary>The revision.</summary>
    public byte Minor { get; }

    /// <summary>The header's flags: 0x80 unsynchronisation, 0x40 extended header, 0x10 footer (2.4).</summary>
    public byte Flags { get; }

    /// <summary>Whether the tag is unsynchronised as a whole (ID3v2.3 §5; in 2.4, every frame is).</summary>
    public bool Unsynchronised => (Flags & 0x80) != 0;

    /// <summary>Where the tag, with its footer if any, ends: where the audio starts.</summary>
    public long End { get; }

    /// <summary>The frames, in order, up to the padding.</summary>
    public IReadOnlyList<Id3Frame> Frames { get; }

    /// <summary>Whether <paramref name="header"/> starts with an ID3v2 tag header; <paramref name="end"/> is where the tag ends.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out long end)
    {
        end = 0;
        if (header.Length < 10 || !header[..3].SequenceEqual("ID3"u8) || header[3] is < 2 or > 4
            || ((header[6] | header[7] | header[8] | header[9]) & 0x80) != 0)
        {
            return false;
        }

        end = 10 + Syncsafe(header[6..10]) + (header[3] == 4 && (header[5] & 0x10) != 0 ? 10 : 0);
        return true;
    }

    /// <summary>The tag at the start of <paramref name="stream"/>, or null when the stream does not start with "ID3".</summary>
    /// <exception cref="ProvenanceFormatException">
    /// An unknown version, a size that is not syncsafe, a frame or tag past its end, or more frames than
    /// <see cref="AssetReadOptions.MaxContainerEntries"/>.
    /// </exception>
    public static Id3Tag? Read(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Id3);
        if (reader.Length < 3)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[10];
        reader.ReadExactly(header[..3]);
        if (!header[..3].SequenceEqual("ID3"u8))
        {
            return null;
        }

        if (reader.Remaining < 7)
        {
            FormatErrors.ThrowTruncated(FormatLayer.Id3, 3, 7, reader.Remaining);
        }

        reader.ReadExactly(header[3..]);
        if (header[3] is < 2 or > 4)
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 3, $"ID3v2.{header[3]} is not a known version (2.2 to 2.4)");
        }

        if (!TryReadHeader(header, out long end))
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 6, "the tag size is not a syncsafe integer (ID3v2.4 structure §6.2)");
        }

        if (end > reader.Length)
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 6, $"the tag says it ends at {end} but the file ends at {reader.Length}");
        }

        byte flags = header[5];
        long framesEnd = 10 + Syncsafe(header[6..10]);
        List<Id3Frame> frames = [];
        // ID3v2.2 flag 0x40 is compression of the whole tag (ID3v2.2 §3.1): its frames cannot be walked.
        if (header[3] > 2 || (flags & 0x40) == 0)
        {
            long start = header[3] > 2 && (flags & 0x40) != 0 ? 10 + ExtendedHeaderLength(reader, header[3], framesEnd) : 10;
            ReadFrames(reader, header[3], start, framesEnd, frames, new ContainerEntries(FormatLayer.Id3, options, "frames"), cancellationToken);
        }

        return new Id3Tag(header[3], header[4], flags, end, frames);
    }

    /// <summary>A 28-bit syncsafe integer: seven bits per byte (ID3v2.4 structure §6.2).</summary>
    public static long Syncsafe(ReadOnlySpan<byte> bytes) => (bytes[0] << 21) | (bytes[1] << 14) | (bytes[2] << 7) | bytes[3];

    /// <summary>Writes <paramref name="value"/> (below 2^28) as a syncsafe integer.</summary>
    public static void WriteSyncsafe(Span<byte> destination, long value)
    {
        destination[0] = (byte)((value >> 21) & 0x7F);
        destination[1] = (byte)((value >> 14) & 0x7F);
        destination[2] = (byte)((value >> 7) & 0x7F);
        destination[3] = (byte)(value & 0x7F);
    }

    private static long SyncsafeFrameSize(ReadOnlySpan<byte> bytes, long offset)
        => ((bytes[0] | bytes[1] | bytes[2] | bytes[3]) & 0x80) != 0
            ? throw new ProvenanceFormatException(FormatLayer.Id3, offset, "a frame size is not a syncsafe integer (ID3v2.4 structure §4)")
            : Syncsafe(bytes);

    // ID3v2.3 §3.2: the size field (4 bytes) excludes itself; ID3v2.4 §3.2: a syncsafe size that includes itself.
    private static long ExtendedHeaderLength(BufferedReader reader, byte major, long framesEnd)
    {
        if (framesEnd < 14)
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 10, "the extended header does not fit in the tag");
        }

        Span<byte> size = stackalloc byte[4];
        reader.Seek(10);
        reader.ReadExactly(size);
        long length = major == 3 ? 4L + System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(size) : Syncsafe(size);
        if (length < 4 || 10 + length > framesEnd)
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 10, $"the extended header's length {length} does not fit in the tag");
        }

        return length;
    }

    private static void ReadFrames(BufferedReader reader, byte major, long position, long framesEnd, List<Id3Frame> frames, ContainerEntries entries, CancellationToken cancellationToken)
    {
        int headerLength = major == 2 ? 6 : 10;
        int idLength = major == 2 ? 3 : 4;
        Span<byte> frameHeader = stackalloc byte[10];
        while (framesEnd - position >= headerLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.Seek(position);
            reader.ReadExactly(frameHeader[..headerLength]);
            if (frameHeader[0] == 0)
            {
                break; // Padding (ID3v2.4 structure §3.3).
            }

            entries.Add(position);

            foreach (byte b in frameHeader[..idLength])
            {
                if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'))
                {
                    throw new ProvenanceFormatException(FormatLayer.Id3, position, "a frame identifier is not capital letters and digits (ID3v2.4 structure §4)");
                }
            }

            long size = major switch
            {
                2 => (frameHeader[3] << 16) | (frameHeader[4] << 8) | frameHeader[5],
                3 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frameHeader[4..8]),
                _ => SyncsafeFrameSize(frameHeader[4..8], position + 4),
            };
            if (size > framesEnd - position - headerLength)
            {
                throw new ProvenanceFormatException(FormatLayer.Id3, position, $"a frame of {size} bytes runs past the end of the tag at {framesEnd}");
            }

            ushort flags = major == 2 ? (ushort)0 : (ushort)((frameHeader[8] << 8) | frameHeader[9]);
            frames.Add(new Id3Frame(Encoding.ASCII.GetString(frameHeader[..idLength]), position, headerLength, size, flags));
            position += headerLength + size;
        }
    }
}
