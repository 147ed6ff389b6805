using System.Buffers.Text;
using System.Text;
using Provenance.Hashing;

namespace Provenance.Formats.Svg;

/// <summary>
/// Reads, embeds and removes C2PA manifest stores in SVG, as c2pa-rs does: the store, base64-encoded, is the text of a
/// <c>c2pa:manifest</c> element in the root's <c>metadata</c> element (created right after the root start tag when
/// there is none), and the root declares <c>xmlns:c2pa="http://c2pa.org/manifest"</c>. The data hash excludes only the
/// base64 text; the markup around it is hashed. Removal takes the <c>c2pa:manifest</c> element out and leaves the rest.
/// </summary>
internal sealed class SvgHandler : IAssetHandler
{
    /// <summary>The largest SVG document read (it is scanned in memory).</summary>
    private const long MaxDocumentLength = 512L * 1024 * 1024;

    private static readonly byte[] NamespaceDeclaration = Encoding.ASCII.GetBytes(" xmlns:c2pa=\"http://c2pa.org/manifest\"");

    /// <inheritdoc />
    public IAssetFormat Format => SvgFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        byte[] doc = ReadDocument(asset);
        if (SvgScanner.Scan(doc, cancellationToken).Manifest is not { } manifest)
        {
            return null;
        }

        int start = (int)manifest.ContentStart;
        int length = (int)(manifest.ContentEnd - manifest.ContentStart);
        if (length / 4 * 3 > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Svg, start, options.MaxManifestStoreSize);
        }

        byte[] store = new byte[Base64.GetMaxDecodedFromUtf8Length(length)];
        if (Base64.DecodeFromUtf8(doc.AsSpan(start, length), store, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, start, "the c2pa:manifest element's text is not base64");
        }

        return new EmbeddedManifestStore(store[..written], new ExclusionRange(start, length));
    }

    /// <inheritdoc />
    /// <remarks>The limits do not apply: the store is not read, and nesting has its own limit.</remarks>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, storeLength, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Base64 (RFC 4648 §4, padded, no line breaks): its length depends on the store's length only.</remarks>
    public byte[] EncodeStore(ReadOnlySpan<byte> store)
    {
        byte[] text = new byte[Base64.GetMaxEncodedToUtf8Length(store.Length)];
        Base64.EncodeToUtf8(store, text, out _, out _);
        return text;
    }

    private static EmbeddingPlan Plan(Stream input, int? storeLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        SvgLayout layout = SvgScanner.Scan(ReadDocument(input), cancellationToken);
        var plan = new PlanBuilder();
        if (storeLength is not int length)
        {
            if (layout.Manifest is { } old)
            {
                plan.CopyTo(old.Start);
                plan.SkipTo(old.End);
            }

            return plan.Finish(input.Length);
        }

        long encoded = Base64.GetMaxEncodedToUtf8Length(length);
        if (!layout.RootDeclaresC2pa)
        {
            plan.CopyTo(layout.RootTagClose);
            plan.Insert(new LiteralPiece(NamespaceDeclaration));
        }

        if (layout.Manifest is { } manifest)
        {
            plan.CopyTo(manifest.ContentStart);
            plan.Insert(new StorePiece(encoded));
            plan.SkipTo(manifest.ContentEnd);
        }
        else if (layout.MetadataContentStart is long metadata)
        {
            plan.CopyTo(metadata);
            plan.Insert(new LiteralPiece("<c2pa:manifest>"u8.ToArray()));
            plan.Insert(new StorePiece(encoded));
            plan.Insert(new LiteralPiece("</c2pa:manifest>"u8.ToArray()));
        }
        else
        {
            plan.CopyTo(layout.RootTagClose + 1);
            plan.Insert(new LiteralPiece("<metadata><c2pa:manifest>"u8.ToArray()));
            plan.Insert(new StorePiece(encoded));
            plan.Insert(new LiteralPiece("</c2pa:manifest></metadata>"u8.ToArray()));
        }

        return plan.Finish(input.Length);
    }

    private static byte[] ReadDocument(Stream stream)
    {
        if (stream.Length > MaxDocumentLength)
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, 0, $"SVG documents larger than {MaxDocumentLength} bytes are not read");
        }

        byte[] doc = new byte[stream.Length];
        stream.Position = 0;
        stream.ReadExactly(doc);
        return doc;
    }
}
