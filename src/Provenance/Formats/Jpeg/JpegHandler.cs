using Provenance.Hashing;

namespace Provenance.Formats.Jpeg;

/// <summary>Reads, embeds and removes C2PA manifest stores in JPEG APP11 segments (C2PA 2.2 §A.3.1).</summary>
internal sealed class JpegHandler : IAssetHandler, IXmpHandler
{
    /// <inheritdoc />
    public IAssetFormat Format => JpegFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        // The store's segments are joined as they are found; only where it starts and ends is kept.
        JpegSegmentReader reader = JpegSegmentReader.Open(asset, options);
        var store = new App11StoreReader(reader, options.MaxManifestStoreSize);
        using IEnumerator<JpegSegment> segments = reader.Segments(requireEnd: false, cancellationToken).GetEnumerator();
        while (true)
        {
            try
            {
                if (!segments.MoveNext())
                {
                    break;
                }
            }
            catch (ProvenanceFormatException) when (store.Found)
            {
                // Damage after the store (a cut-off segment) is the data hash's to report: the manifest is still readable.
                break;
            }

            store.Offer(segments.Current);
        }

        return store.Finish();
    }

    /// <inheritdoc />
    /// <remarks>Of the limits, the segment count applies: segments do not nest, and the store is not read.</remarks>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, storeLength, options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Of the limits, the segment count applies: the packet is in one segment.</remarks>
    public XmpPacket? ReadXmp(Stream asset, AssetReadOptions options, CancellationToken cancellationToken) => JpegXmp.Read(asset, options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanXmp(Stream asset, string packet, AssetReadOptions options, CancellationToken cancellationToken) => JpegXmp.Plan(asset, packet, options, cancellationToken);

    /// <inheritdoc />
    public byte[] EncodeStore(ReadOnlySpan<byte> store) => App11Segments.Encode(store);

    private static EmbeddingPlan Plan(Stream input, int? storeLength, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        JpegSegmentReader reader = JpegSegmentReader.Open(input, options);
        List<JpegSegment> segments = [.. reader.Segments(requireEnd: true, cancellationToken)];
        List<JpegSegment> existing = FindStoreSegments(reader, segments);

        // Like c2pa-rs: replace an existing store where it was; otherwise insert after the last APP0 (JFIF), else after SOI.
        long insertAt = existing.Count > 0
            ? existing[0].Offset
            : segments.TakeWhile(s => s.Marker != JpegSegment.Sos).LastOrDefault(s => s.Marker == JpegSegment.App0) is { Length: > 0 } app0 ? app0.End : 2;
        var plan = new PlanBuilder();
        bool inserted = false;
        foreach (JpegSegment segment in existing)
        {
            plan.CopyTo(segment.Offset);
            if (!inserted && storeLength is int length)
            {
                plan.Insert(new StorePiece(App11Segments.EncodedLength(length)));
                inserted = true;
            }

            plan.SkipTo(segment.End);
        }

        if (!inserted && storeLength is int newLength)
        {
            plan.CopyTo(insertAt);
            plan.Insert(new StorePiece(App11Segments.EncodedLength(newLength)));
        }

        return plan.Finish(input.Length);
    }

    /// <summary>The APP11 segments of the C2PA store, in order; more than one store is an error (C2PA 2.2 §15.5.2.1).</summary>
    private static List<JpegSegment> FindStoreSegments(JpegSegmentReader reader, List<JpegSegment> segments)
    {
        var finder = new App11StoreReader(reader, maxStoreSize: null);
        return [.. segments.Where(finder.Offer)];
    }
}
