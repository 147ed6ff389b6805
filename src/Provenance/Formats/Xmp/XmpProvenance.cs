using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Provenance.Formats.Xmp;

/// <summary>
/// Finds the remote manifest reference an asset may carry in its XMP packet instead of (or besides) an embedded store:
/// <c>dcterms:provenance</c> (C2PA 2.2 §11.3). Only the metadata before the image data is read, with bounded sizes.
/// </summary>
internal static partial class XmpProvenance
{
    private const int MaxXmpLength = 1 << 20;
    private static readonly byte[] JpegXmpNamespace = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");

    /// <summary>The URL in <c>dcterms:provenance</c>, or null when there is none or the format is not JPEG or PNG.</summary>
    public static string? FindRemoteManifestUrl(Stream asset, string? mimeType)
    {
        try
        {
            string? xmp = mimeType switch
            {
                "image/jpeg" => ReadJpegXmp(asset),
                "image/png" => ReadPngXmp(asset),
                _ => null,
            };
            // A self#jumbf= value points into an embedded store (one that was stripped, when there is none): not remote.
            return xmp is not null && FindProvenance(xmp) is { } value
                && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
                ? value
                : null;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        finally
        {
            asset.Position = 0;
        }
    }

    internal static string? FindProvenance(string xmp)
    {
        Match match = ProvenancePattern().Match(xmp);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups["attr"].Success ? match.Groups["attr"].Value : match.Groups["elem"].Value).Trim() : null;
    }

    private static string? ReadJpegXmp(Stream asset)
    {
        asset.Position = 2;
        Span<byte> header = stackalloc byte[4];
        while (asset.Position + 4 <= asset.Length)
        {
            asset.ReadExactly(header);
            if (header[0] != 0xFF)
            {
                return null;
            }

            byte marker = header[1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            if (marker is 0xDA or 0xD9 || length < 2)
            {
                return null; // the image data starts: metadata comes before it
            }

            if (marker == 0xE1 && length - 2 > JpegXmpNamespace.Length)
            {
                byte[] payload = new byte[length - 2];
                asset.ReadExactly(payload);
                if (payload.AsSpan().StartsWith(JpegXmpNamespace))
                {
                    return Encoding.UTF8.GetString(payload, JpegXmpNamespace.Length, payload.Length - JpegXmpNamespace.Length);
                }
            }
            else
            {
                asset.Position += length - 2;
            }
        }

        return null;
    }

    private static string? ReadPngXmp(Stream asset)
    {
        asset.Position = 8;
        Span<byte> header = stackalloc byte[8];
        while (asset.Position + 12 <= asset.Length)
        {
            asset.ReadExactly(header);
            uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
            string type = Encoding.ASCII.GetString(header[4..]);
            if (type is "IDAT" or "IEND" || length > int.MaxValue)
            {
                return null;
            }

            if (type == "iTXt" && length <= MaxXmpLength)
            {
                byte[] data = new byte[length];
                asset.ReadExactly(data);
                asset.Position += 4;
                const string keyword = "XML:com.adobe.xmp\0";
                if (Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, keyword.Length)) == keyword)
                {
                    // keyword, compression flag and method, language tag, translated keyword, then the text.
                    int position = keyword.Length + 2;
                    for (int nulls = 0; position < data.Length && nulls < 2; position++)
                    {
                        nulls += data[position] == 0 ? 1 : 0;
                    }

                    return data[keyword.Length] == 0 ? Encoding.UTF8.GetString(data, position, data.Length - position) : null;
                }
            }
            else
            {
                asset.Position += length + 4L;
            }
        }

        return null;
    }

    [GeneratedRegex("dcterms:provenance\\s*=\\s*\"(?<attr>[^\"]*)\"|<dcterms:provenance>(?<elem>[^<]*)</dcterms:provenance>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ProvenancePattern();
}
