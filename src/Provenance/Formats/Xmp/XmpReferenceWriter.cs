using System.Buffers.Binary;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Provenance.Formats.Jpeg;
using Provenance.Formats.Png;

namespace Provenance.Formats.Xmp;

/// <summary>
/// Writes the reference to a remote manifest store into an asset's XMP (<c>dcterms:provenance</c>, C2PA 2.2 §11.3):
/// the existing XMP packet gains the property (or has it replaced), or a minimal packet is added. JPEG keeps XMP in an
/// APP1 segment (placed after the leading APP0/APP1 segments when new), PNG in an <c>iTXt</c> chunk with the keyword
/// <c>XML:com.adobe.xmp</c> (placed after IHDR when new). The result is a plan: every other byte is copied unchanged.
/// </summary>
internal static class XmpReferenceWriter
{
    /// <summary>The formats whose XMP this writer edits.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["JPEG", "PNG"];

    private const string DcTerms = "http://purl.org/dc/terms/";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const int MaxPacketLength = 1 << 20;
    private static readonly byte[] JpegXmpNamespace = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
    private static readonly byte[] PngXmpKeyword = Encoding.ASCII.GetBytes("XML:com.adobe.xmp\0");

    /// <summary>Plans a copy of <paramref name="input"/> whose XMP references <paramref name="url"/>.</summary>
    /// <exception cref="UnsupportedFormatException">The format is neither JPEG nor PNG.</exception>
    /// <exception cref="ProvenanceFormatException">The container, or its XMP packet, is malformed; or the packet would not fit a JPEG segment.</exception>
    public static EmbeddingPlan Plan(Stream input, IAssetFormat format, Uri url, CancellationToken cancellationToken)
        => format.Name switch
        {
            "JPEG" => PlanJpeg(input, url, cancellationToken),
            "PNG" => PlanPng(input, url, cancellationToken),
            _ => throw new UnsupportedFormatException(FormatLayer.Asset, -1, $"a remote manifest reference is written in XMP, which Provenance edits in JPEG and PNG only, not {format.Name}", Supported),
        };

    private static EmbeddingPlan PlanJpeg(Stream input, Uri url, CancellationToken cancellationToken)
    {
        input.Position = 0;
        JpegSegmentReader reader = JpegSegmentReader.Open(input);
        long insertAt = 2;
        bool leading = true;
        JpegSegment? existing = null;
        string? packet = null;
        foreach (JpegSegment segment in reader.Segments(requireEnd: false, cancellationToken))
        {
            if (segment.Marker is JpegSegment.Sos or JpegSegment.Eoi)
            {
                break;
            }

            if (segment.Marker == 0xE1 && segment.Length - 4 > JpegXmpNamespace.Length)
            {
                byte[] payload = new byte[segment.Length - 4];
                reader.ReadAt(segment, 4, payload);
                if (payload.AsSpan().StartsWith(JpegXmpNamespace))
                {
                    existing = segment;
                    packet = Encoding.UTF8.GetString(payload, JpegXmpNamespace.Length, payload.Length - JpegXmpNamespace.Length);
                    break;
                }
            }

            // A new packet goes after SOI and the APP0 (JFIF) and APP1 (Exif) segments that open the file.
            leading &= segment.Marker is JpegSegment.Soi or JpegSegment.App0 or 0xE1;
            insertAt = leading ? segment.End : insertAt;
        }

        byte[] xmp = Encoding.UTF8.GetBytes(WithProvenance(packet, url, existing?.Offset ?? insertAt));
        int length = 2 + JpegXmpNamespace.Length + xmp.Length;
        if (length > ushort.MaxValue)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, existing?.Offset ?? insertAt, $"the XMP packet with the reference is {xmp.Length} bytes, more than one APP1 segment holds (extended XMP is not written)");
        }

        byte[] segmentBytes = new byte[2 + length];
        segmentBytes[0] = 0xFF;
        segmentBytes[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segmentBytes.AsSpan(2), (ushort)length);
        JpegXmpNamespace.CopyTo(segmentBytes, 4);
        xmp.CopyTo(segmentBytes, 4 + JpegXmpNamespace.Length);
        return Replace(input.Length, existing is { } old ? old.Offset : insertAt, existing?.Length ?? 0, segmentBytes);
    }

    private static EmbeddingPlan PlanPng(Stream input, Uri url, CancellationToken cancellationToken)
    {
        input.Position = 0;
        PngChunkReader reader = PngChunkReader.Open(input);
        long insertAt = -1;
        PngChunk? existing = null;
        string? packet = null;
        foreach (PngChunk chunk in reader.Chunks(requireEnd: false, cancellationToken))
        {
            if (chunk.Type == "IHDR")
            {
                insertAt = chunk.End;
            }
            else if (chunk.Type is "IDAT" or "IEND")
            {
                break;
            }
            else if (chunk.Type == "iTXt" && chunk.DataLength > PngXmpKeyword.Length && chunk.DataLength <= MaxPacketLength)
            {
                byte[] data = new byte[chunk.DataLength];
                reader.ReadAt(chunk, 8, data);
                if (data.AsSpan().StartsWith(PngXmpKeyword))
                {
                    existing = chunk;
                    packet = ITxtText(data, chunk.Offset);
                    break;
                }
            }
        }

        if (insertAt < 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, 8, "the file has no IHDR chunk");
        }

        byte[] xmp = Encoding.UTF8.GetBytes(WithProvenance(packet, url, existing?.Offset ?? insertAt));

        // keyword, compression flag 0, method 0, empty language tag, empty translated keyword, then the text.
        byte[] data2 = [.. PngXmpKeyword, 0, 0, 0, 0, .. xmp];
        byte[] chunkBytes = new byte[12 + data2.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunkBytes, (uint)data2.Length);
        "iTXt"u8.CopyTo(chunkBytes.AsSpan(4));
        data2.CopyTo(chunkBytes, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunkBytes.AsSpan(8 + data2.Length), Crc32.Compute("iTXt"u8, data2));
        return Replace(input.Length, existing is { } old ? old.Offset : insertAt, existing?.TotalLength ?? 0, chunkBytes);
    }

    // The text of an uncompressed iTXt chunk: after the keyword, the two flag bytes and two NUL-terminated strings.
    private static string ITxtText(byte[] data, long offset)
    {
        if (data[PngXmpKeyword.Length] != 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, offset, "the XMP iTXt chunk is compressed, which is not edited");
        }

        int position = PngXmpKeyword.Length + 2;
        for (int nulls = 0; nulls < 2; position++)
        {
            if (position >= data.Length)
            {
                throw new ProvenanceFormatException(FormatLayer.Png, offset, "the XMP iTXt chunk ends inside its header");
            }

            nulls += data[position] == 0 ? 1 : 0;
        }

        return Encoding.UTF8.GetString(data, position, data.Length - position);
    }

    private static EmbeddingPlan Replace(long inputLength, long offset, long removed, byte[] inserted)
        => new([new InputPiece(0, offset), new LiteralPiece(inserted), new InputPiece(offset + removed, inputLength - offset - removed)]);

    /// <summary>The packet with <c>dcterms:provenance</c> set to <paramref name="url"/> on its first <c>rdf:Description</c>.</summary>
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
