using Provenance.Hashing;

namespace Provenance.Formats.Jpeg;

/// <summary>Reads, embeds and removes C2PA manifest stores in JPEG APP11 segments (C2PA 2.2 §A.3.1).</summary>
public sealed class JpegHandler : IAssetHandler
{
    /// <inheritdoc />
    public IAssetFormat Format => JpegFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        (List<JpegSegment> segments, _) = JpegSegmentReader.Read(asset, requireEnd: false, cancellationToken);
        List<JpegSegment> store = FindStoreSegments(asset, segments);
        if (store.Count == 0)
        {
            return null;
        }

        using var joined = new MemoryStream();
        foreach (JpegSegment segment in store)
        {
            // First segment: the store starts after CI, En and Z; continuations also repeat LBox and TBox.
            int skip = joined.Length == 0 ? 8 : 16;
            long length = segment.Length - 4 - skip;
            if (length < 0)
            {
                throw new ProvenanceFormatException("JPEG", segment.Offset, "APP11 continuation segment is shorter than its headers");
            }

            if (joined.Length + length > options.MaxManifestStoreSize)
            {
                throw new ProvenanceFormatException("JPEG", segment.Offset, $"the manifest store is larger than the {options.MaxManifestStoreSize}-byte limit");
            }

            asset.Position = segment.PayloadOffset + skip;
            byte[] bytes = new byte[length];
            asset.ReadExactly(bytes);
            joined.Write(bytes);
        }

        JpegSegment first = store[0];
        JpegSegment last = store[^1];
        return new EmbeddedManifestStore(joined.ToArray(), new ExclusionRange(first.Offset, last.End - first.Offset));
    }

    /// <inheritdoc />
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, CancellationToken cancellationToken = default)
        => Plan(input, storeLength, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, CancellationToken cancellationToken = default)
        => Plan(input, null, cancellationToken);

    /// <inheritdoc />
    public byte[] EncodeStore(ReadOnlySpan<byte> store) => App11Segments.Encode(store);

    private static EmbeddingPlan Plan(Stream input, int? storeLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        (List<JpegSegment> segments, _) = JpegSegmentReader.Read(input, requireEnd: true, cancellationToken);
        List<JpegSegment> existing = FindStoreSegments(input, segments);

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
    private static List<JpegSegment> FindStoreSegments(Stream asset, List<JpegSegment> segments)
    {
        var store = new List<JpegSegment>();
        ushort instance = 0;
        uint expectedSequence = 0;
        Span<byte> head = stackalloc byte[28];
        foreach (JpegSegment segment in segments)
        {
            if (segment.Marker != JpegSegment.App11 || segment.Length < 4 + 8)
            {
                continue;
            }

            int headLength = (int)Math.Min(head.Length, segment.Length - 4);
            asset.Position = segment.PayloadOffset;
            asset.ReadExactly(head[..headLength]);
            ReadOnlySpan<byte> payload = head[..headLength];
            if (payload[0] != (byte)'J' || payload[1] != (byte)'P')
            {
                continue;
            }

            if (store.Count > 0 && App11Segments.InstanceOf(payload) == instance)
            {
                if (App11Segments.SequenceOf(payload) != expectedSequence)
                {
                    throw new ProvenanceFormatException("JPEG", segment.Offset, $"APP11 segment has sequence number {App11Segments.SequenceOf(payload)}, expected {expectedSequence}");
                }

                if (store[^1].End != segment.Offset)
                {
                    throw new ProvenanceFormatException("JPEG", segment.Offset, "the C2PA APP11 segments are not contiguous (C2PA 2.2 §A.3.1)");
                }

                store.Add(segment);
                expectedSequence++;
            }
            else if (App11Segments.StartsC2paStore(payload))
            {
                if (store.Count > 0)
                {
                    throw new ProvenanceFormatException("JPEG", segment.Offset, "the file carries more than one C2PA manifest store");
                }

                store.Add(segment);
                instance = App11Segments.InstanceOf(payload);
                expectedSequence = App11Segments.SequenceOf(payload) + 1;
            }
        }

        return store;
    }
}
