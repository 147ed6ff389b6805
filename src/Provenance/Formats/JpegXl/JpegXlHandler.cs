using Provenance.Hashing;
using Provenance.Jumbf;

namespace Provenance.Formats.JpegXl;

/// <summary>
/// Reads, embeds and removes C2PA manifest stores in a JPEG XL container (C2PA 2.3 §A.3.9): the store, itself a JUMBF
/// superbox, is one top-level <c>jumb</c> box, told from other <c>jumb</c> boxes (Exif, XMP) by its <c>c2pa</c> label.
/// As in c2pa-rs, a new store goes right after <c>ftyp</c> (before the codestream), an existing one is replaced where it
/// is, and a bare codestream, which has no box to hold a store, is refused for signing.
/// </summary>
internal sealed class JpegXlHandler : IAssetHandler
{
    private static readonly FourCC Jumb = new("jumb");
    private static readonly FourCC Ftyp = new("ftyp");
    private static readonly FourCC Codestream = new("jxlc");
    private static readonly FourCC PartialCodestream = new("jxlp");

    /// <inheritdoc />
    public IAssetFormat Format => JpegXlFormat.Instance;

    /// <inheritdoc />
    /// <remarks>A bare codestream has no manifest (it has nowhere to hold one).</remarks>
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        if (!IsContainer(asset))
        {
            return null;
        }

        JpegXlBoxReader reader = JpegXlBoxReader.Open(asset, options);
        JpegXlBox? found = null;
        using IEnumerator<JpegXlBox> boxes = reader.Boxes(cancellationToken).GetEnumerator();
        while (true)
        {
            try
            {
                if (!boxes.MoveNext())
                {
                    break;
                }
            }
            catch (ProvenanceFormatException) when (found is not null)
            {
                // Damage after the store (a cut-off codestream box) is the data hash's to report: the manifest is still readable.
                break;
            }

            if (!IsManifestStore(reader, boxes.Current))
            {
                continue;
            }

            if (found is not null)
            {
                FormatErrors.ThrowSecondStore(FormatLayer.JpegXl, boxes.Current.Offset, "C2PA manifest store (jumb box labelled c2pa)");
            }

            found = boxes.Current;
        }

        if (found is not { } box)
        {
            return null;
        }

        if (box.Size > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.JpegXl, box.Offset, options.MaxManifestStoreSize);
        }

        byte[] store = new byte[box.Size];
        reader.ReadAt(box, 0, store);
        return new EmbeddedManifestStore(store, new ExclusionRange(box.Offset, box.Size));
    }

    /// <inheritdoc />
    /// <exception cref="UnsupportedFormatException">The file is a bare codestream, with no container to hold the store.</exception>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsContainer(input))
        {
            throw new UnsupportedFormatException(FormatLayer.JpegXl, 0, "the file is a bare JPEG XL codestream: only the container form (ISO/IEC 18181-2) has a box "
                + "to hold a manifest (C2PA 2.3 §A.3.9), as c2pa-rs also requires; wrap the codestream in a container first", SupportedFormats.ForSigning);
        }

        return Plan(input, new StorePiece(storeLength), options, cancellationToken);
    }

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return IsContainer(input) ? Plan(input, null, options, cancellationToken) : new EmbeddingPlan([new InputPiece(0, input.Length)]);
    }

    /// <inheritdoc />
    /// <remarks>The store is a <c>jumb</c> box already: it is embedded as it is, with no framing of its own.</remarks>
    public byte[] EncodeStore(ReadOnlySpan<byte> store) => store.ToArray();

    // c2pa-rs's placement: the store goes right after ftyp, or before the first codestream box if that comes first; an
    // existing store is replaced where it stands.
    private static EmbeddingPlan Plan(Stream input, StorePiece? store, AssetReadOptions options, CancellationToken cancellationToken)
    {
        JpegXlBoxReader reader = JpegXlBoxReader.Open(input, options);
        JpegXlBox? existing = null;
        long insertAt = -1;
        long signatureEnd = -1;
        bool afterFtyp = false;
        foreach (JpegXlBox box in reader.Boxes(cancellationToken))
        {
            signatureEnd = signatureEnd < 0 ? box.End : signatureEnd;
            if (insertAt < 0 && (afterFtyp || box.Type == Codestream || box.Type == PartialCodestream))
            {
                insertAt = box.Offset;
            }

            afterFtyp |= box.Type == Ftyp;
            if (IsManifestStore(reader, box))
            {
                if (existing is not null)
                {
                    FormatErrors.ThrowSecondStore(FormatLayer.JpegXl, box.Offset, "C2PA manifest store (jumb box labelled c2pa)");
                }

                existing = box;
            }
        }

        var plan = new PlanBuilder();
        if (existing is { } old)
        {
            plan.CopyTo(old.Offset);
            plan.SkipTo(old.End);
        }
        else
        {
            plan.CopyTo(insertAt >= 0 ? insertAt : signatureEnd);
        }

        if (store is not null)
        {
            plan.Insert(store);
        }

        return plan.Finish(input.Length);
    }

    // C2PA 2.3 §A.3.9: the manifest store is the jumb box whose description box (jumd) is labelled "c2pa"; the label is
    // what c2pa-rs looks at too (toggles with "requestable" and "label present", then the NUL-terminated label).
    private static bool IsManifestStore(JpegXlBoxReader reader, JpegXlBox box)
    {
        const int DescriptionHeader = 4 + 4 + 16 + 1;
        if (box.Type != Jumb || box.PayloadSize < DescriptionHeader + 5)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[DescriptionHeader + 5];
        reader.ReadAt(box, box.HeaderSize, head);
        return head[4..8].SequenceEqual("jumd"u8) && (head[24] & 0x03) == 0x03 && head[DescriptionHeader..].SequenceEqual("c2pa\0"u8);
    }

    private static bool IsContainer(Stream asset)
    {
        Span<byte> header = stackalloc byte[12];
        asset.Position = 0;
        int read = asset.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        asset.Position = 0;
        return header[..read].StartsWith(JpegXlFormat.ContainerSignature);
    }
}
