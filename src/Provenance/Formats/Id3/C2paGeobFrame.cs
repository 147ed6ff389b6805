using System.Buffers.Binary;

namespace Provenance.Formats.Id3;

/// <summary>
/// The <c>GEOB</c> (general encapsulated object) frame that carries a C2PA manifest store in an ID3v2 tag (C2PA 2.2
/// §A.3.9; ID3v2.4 frames §4.15): text encoding, MIME type <c>application/c2pa</c> (or the deprecated
/// <c>application/x-c2pa-manifest-store</c>), file name, description, then the store. Written as c2pa-rs writes it.
/// </summary>
internal static class C2paGeobFrame
{
    /// <summary>The MIME type written (C2PA 2.2 §A.3.9).</summary>
    public const string MimeType = "application/c2pa";

    /// <summary>The MIME type c2pa-rs wrote before, still read.</summary>
    public const string DeprecatedMimeType = "application/x-c2pa-manifest-store";

    // UTF-8 text (encoding 3), then the MIME type, file name and description, each NUL-terminated, as c2pa-rs writes them.
    private static ReadOnlySpan<byte> Prefix => "\u0003application/c2pa\0c2pa\0c2pa manifest store\0"u8;

    /// <summary>How far into a frame the MIME type, file name and description are looked for.</summary>
    private const int MaxPrefixLength = 4096;

    /// <summary>The frame header and the content before the store, for a tag of version <paramref name="major"/> (3 or 4).</summary>
    public static byte[] EncodeHeader(byte major, long storeLength)
    {
        long contentLength = Prefix.Length + storeLength;
        byte[] header = new byte[10 + Prefix.Length];
        "GEOB"u8.CopyTo(header);
        if (major == 4)
        {
            Id3Tag.WriteSyncsafe(header.AsSpan(4), contentLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)contentLength);
        }

        Prefix.CopyTo(header.AsSpan(10));
        return header;
    }

    /// <summary>The length of the frame header and content before a store.</summary>
    public static int HeaderLength => 10 + Prefix.Length;

    /// <summary>
    /// Whether <paramref name="frame"/> is a C2PA GEOB frame; if so, where its store lies. Compressed and encrypted frames
    /// cannot be told apart and are not C2PA frames here (c2pa-rs never writes them).
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A C2PA frame whose content is unsynchronised, or whose strings do not end.</exception>
    public static bool TryLocateStore(Stream stream, Id3Tag tag, Id3Frame frame, out long storeOffset, out long storeLength)
    {
        storeOffset = storeLength = 0;
        if (frame.Id is not ("GEOB" or "GEO"))
        {
            return false;
        }

        // Format flags (ID3v2.3 §3.3.1: 0x80 compression, 0x40 encryption, 0x20 grouping; ID3v2.4 §4.1.2: 0x40 grouping,
        // 0x08 compression, 0x04 encryption, 0x02 unsynchronisation, 0x01 data length indicator).
        int format = frame.Flags & 0xFF;
        bool opaque = tag.Major == 3 ? (format & 0xC0) != 0 : (format & 0x0C) != 0;
        if (opaque)
        {
            return false;
        }

        long skip = tag.Major switch
        {
            3 => (format & 0x20) != 0 ? 1 : 0,
            4 => ((format & 0x40) != 0 ? 1 : 0) + ((format & 0x01) != 0 ? 4 : 0),
            _ => 0,
        };
        long contentOffset = frame.DataOffset + skip;
        long contentLength = frame.DataLength - skip;
        if (contentLength < 2)
        {
            return false;
        }

        byte[] head = new byte[(int)Math.Min(contentLength, MaxPrefixLength)];
        stream.Position = contentOffset;
        stream.ReadExactly(head);
        int mimeEnd = Array.IndexOf(head, (byte)0, 1);
        if (mimeEnd < 0)
        {
            return false;
        }

        string mime = System.Text.Encoding.Latin1.GetString(head, 1, mimeEnd - 1);
        if (mime is not (MimeType or DeprecatedMimeType))
        {
            return false;
        }

        if (tag.Unsynchronised || (tag.Major == 4 && (format & 0x02) != 0))
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, frame.Offset, "the C2PA GEOB frame is unsynchronised, which this reader does not undo");
        }

        // File name and description: NUL-terminated, or a 16-bit NUL on an even boundary in UTF-16 (encodings 1 and 2).
        bool wide = head[0] is 1 or 2;
        int position = mimeEnd + 1;
        for (int text = 0; text < 2; text++)
        {
            position = EndOfString(head, position, wide);
            if (position < 0)
            {
                throw new ProvenanceFormatException(FormatLayer.Id3, contentOffset, $"the C2PA GEOB frame's file name or description does not end within its first {MaxPrefixLength} bytes");
            }
        }

        storeOffset = contentOffset + position;
        storeLength = contentLength - position;
        return true;
    }

    // The index after the terminator of the string that starts at start, or -1.
    private static int EndOfString(byte[] bytes, int start, bool wide)
    {
        if (!wide)
        {
            int nul = Array.IndexOf(bytes, (byte)0, start);
            return nul < 0 ? -1 : nul + 1;
        }

        for (int i = start; i + 1 < bytes.Length; i += 2)
        {
            if (bytes[i] == 0 && bytes[i + 1] == 0)
            {
                return i + 2;
            }
        }

        return -1;
    }
}
