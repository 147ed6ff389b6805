using System.Text.RegularExpressions;

namespace Provenance.Formats.Xmp;

/// <summary>
/// Finds the remote manifest reference an asset may carry in its XMP packet instead of (or besides) an embedded store:
/// <c>dcterms:provenance</c> (C2PA 2.2 §11.3), in the formats whose XMP Provenance reads (<see cref="IXmpHandler"/>).
/// </summary>
internal static partial class XmpProvenance
{
    /// <summary>The http or https URL in <c>dcterms:provenance</c>, or null when there is none (or no XMP is read for the format).</summary>
    public static string? FindRemoteManifestUrl(Stream asset, IAssetHandler handler, AssetReadOptions options, CancellationToken cancellationToken)
    {
        if (handler is not IXmpHandler xmp)
        {
            return null;
        }

        try
        {
            // A self#jumbf= value points into an embedded store (one that was stripped, when there is none): not remote.
            return xmp.ReadXmp(asset, options, cancellationToken)?.Text is { } packet && FindProvenance(packet) is { } value
                && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
                ? value
                : null;
        }
        catch (ProvenanceFormatException)
        {
            // Metadata that cannot be read references nothing; the embedded-store reader has reported the container.
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

    [GeneratedRegex("dcterms:provenance\\s*=\\s*\"(?<attr>[^\"]*)\"|<dcterms:provenance>(?<elem>[^<]*)</dcterms:provenance>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ProvenancePattern();
}
