using System.Text;

namespace Provenance.Jumbf;

/// <summary>The embedded-file description box (<c>bfdb</c>, ISO/IEC 19566-5 §B.5): toggles, media type, optional file name.</summary>
internal static class EmbeddedFileBoxes
{
    private const byte FileNameBit = 0x01;

    /// <summary>Encodes a <c>bfdb</c> payload.</summary>
    public static byte[] EncodeDescription(string mediaType, string? fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        using var payload = new MemoryStream();
        payload.WriteByte(fileName is null ? (byte)0 : FileNameBit);
        payload.Write(Encoding.UTF8.GetBytes(mediaType));
        payload.WriteByte(0);
        if (fileName is not null)
        {
            payload.Write(Encoding.UTF8.GetBytes(fileName));
            payload.WriteByte(0);
        }

        return payload.ToArray();
    }

    /// <summary>Reads a <c>bfdb</c> payload.</summary>
    /// <exception cref="ProvenanceFormatException">Empty, or a string without its NUL terminator.</exception>
    public static (string MediaType, string? FileName) ParseDescription(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            throw new ProvenanceFormatException(FormatLayer.Jumbf, 0, "embedded-file description is empty");
        }

        byte toggles = payload[0];
        ReadOnlySpan<byte> rest = payload[1..];
        int end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Jumbf, 1, "embedded-file media type is not NUL-terminated");
        }

        string mediaType = Encoding.UTF8.GetString(rest[..end]);
        string? fileName = null;
        if ((toggles & FileNameBit) != 0)
        {
            rest = rest[(end + 1)..];
            int nameEnd = rest.IndexOf((byte)0);
            if (nameEnd < 0)
            {
                throw new ProvenanceFormatException(FormatLayer.Jumbf, 2 + end, "embedded-file name is not NUL-terminated");
            }

            fileName = Encoding.UTF8.GetString(rest[..nameEnd]);
        }

        return (mediaType, fileName);
    }
}
