using System.Xml;
using System.Xml.Linq;

namespace Provenance.Formats.Xmp;

/// <summary>
/// Writes the reference to a remote manifest store into an asset's XMP (<c>dcterms:provenance</c>, C2PA 2.2 §11.3):
/// the existing XMP packet gains the property (or has it replaced), or a minimal packet is added, where the format keeps
/// it (<see cref="IXmpHandler"/>). The result is a plan: every other byte is copied unchanged.
/// </summary>
internal static class XmpReferenceWriter
{
    private const string DcTerms = "http://purl.org/dc/terms/";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const int MaxPacketLength = 1 << 20;

    /// <summary>The formats whose XMP this writer edits.</summary>
    public static IReadOnlyList<string> Supported => [.. AssetFormats.All.Where(f => f.CreateHandler() is IXmpHandler).Select(f => f.Name)];

    /// <summary>Plans a copy of <paramref name="input"/> whose XMP references <paramref name="url"/>.</summary>
    /// <exception cref="UnsupportedFormatException">The format's XMP is not written by Provenance.</exception>
    /// <exception cref="ProvenanceFormatException">The container, or its XMP packet, is malformed; or the packet does not fit.</exception>
    public static EmbeddingPlan Plan(Stream input, IAssetHandler handler, Uri url, AssetReadOptions options, CancellationToken cancellationToken)
    {
        if (handler is not IXmpHandler xmp)
        {
            throw new UnsupportedFormatException(FormatLayer.Asset, -1, $"a remote manifest reference is written in XMP, which Provenance edits in {string.Join(" and ", Supported)} only, not {handler.Format.Name}", Supported);
        }

        XmpPacket? existing = xmp.ReadXmp(input, options, cancellationToken);
        return xmp.PlanXmp(input, WithProvenance(existing?.Text, url, existing?.Offset ?? 0), options, cancellationToken);
    }

    /// <summary>The packet with <c>dcterms:provenance</c> set to <paramref name="url"/> on its first <c>rdf:Description</c>.</summary>
    /// <exception cref="ProvenanceFormatException">The packet is not well-formed XML (a DTD included), or has no <c>rdf:Description</c>.</exception>
    internal static string WithProvenance(string? packet, Uri url, long offset)
    {
        if (packet is null)
        {
            return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"{Rdf}\"><rdf:Description rdf:about=\"\" xmlns:dcterms=\"{DcTerms}\" "
                + $"dcterms:provenance=\"{System.Security.SecurityElement.Escape(url.AbsoluteUri)}\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxPacketLength };
            using var reader = XmlReader.Create(new StringReader(packet.TrimEnd('\0', ' ', '\r', '\n', '\t')), settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new ProvenanceFormatException(FormatLayer.Asset, offset, $"the XMP packet is not well-formed XML ({ex.Message})", ex);
        }

        XElement description = document.Descendants(XName.Get("Description", Rdf)).FirstOrDefault()
            ?? throw new ProvenanceFormatException(FormatLayer.Asset, offset, "the XMP packet has no rdf:Description to hold the reference");
        description.Elements(XName.Get("provenance", DcTerms)).Remove();
        if (description.GetPrefixOfNamespace(DcTerms) is null)
        {
            description.SetAttributeValue(XNamespace.Xmlns + "dcterms", DcTerms);
        }

        description.SetAttributeValue(XName.Get("provenance", DcTerms), url.AbsoluteUri);
        return document.Declaration + document.ToString(SaveOptions.DisableFormatting);
    }
}
