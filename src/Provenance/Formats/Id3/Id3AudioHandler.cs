using Provenance.Hashing;

namespace Provenance.Formats.Id3;

/// <summary>
/// Reads, embeds and removes C2PA manifest stores in the ID3v2 tag at the start of an audio file (MP3, FLAC), as
/// c2pa-rs does: one <c>GEOB</c> frame (<see cref="C2paGeobFrame"/>) appended after the tag's other frames, a new
/// ID3v2.4 tag when the file has none. The data hash excludes the store bytes only (the frame header and the tag
/// header, whose sizes change, are hashed). The other frames are kept byte for byte; the extended header, padding and
/// footer are dropped (c2pa-rs rewrites the tag without them too).
/// </summary>
internal abstract class Id3AudioHandler : IAssetHandler
{
    /// <inheritdoc />
    public abstract IAssetFormat Format { get; }

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        Id3Tag? tag = Id3Tag.Read(asset, options, cancellationToken);
        ValidateAudioStart(asset, tag?.End ?? 0);
        if (tag is null || FindStore(asset, tag) is not { } found)
        {
            return null;
        }

        if (found.Store.Length > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Id3, found.Store.Start, options.MaxManifestStoreSize);
        }

        byte[] store = new byte[found.Store.Length];
        asset.Position = found.Store.Start;
        asset.ReadExactly(store);
        return new EmbeddedManifestStore(store, found.Store);
    }

    /// <inheritdoc />
    /// <remarks>Of the limits, the frame count applies: frames do not nest, and the store is not read.</remarks>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, storeLength, options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Only the store: the frame and tag headers around it are hashed, so they are literal pieces of the plan.</remarks>
    public byte[] EncodeStore(ReadOnlySpan<byte> store) => store.ToArray();

    /// <summary>Checks that the audio stream starts at <paramref name="offset"/> (after the tag, or at 0 without one).</summary>
    /// <exception cref="ProvenanceFormatException">It does not.</exception>
    protected abstract void ValidateAudioStart(Stream asset, long offset);

    private static (Id3Frame Frame, ExclusionRange Store)? FindStore(Stream asset, Id3Tag tag)
    {
        (Id3Frame, ExclusionRange)? found = null;
        foreach (Id3Frame frame in tag.Frames)
        {
            if (!C2paGeobFrame.TryLocateStore(asset, tag, frame, out long offset, out long length))
            {
                continue;
            }

            if (found is not null)
            {
                FormatErrors.ThrowSecondStore(FormatLayer.Id3, frame.Offset, "C2PA GEOB frame (C2PA manifest store)");
            }

            found = (frame, new ExclusionRange(offset, length));
        }

        return found;
    }

    private EmbeddingPlan Plan(Stream input, int? storeLength, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        Id3Tag? tag = Id3Tag.Read(input, options, cancellationToken);
        ValidateAudioStart(input, tag?.End ?? 0);
        var plan = new PlanBuilder();
        if (tag is null)
        {
            if (storeLength is int length)
            {
                // A new ID3v2.4 tag holding only the C2PA frame (c2pa-rs writes version 2.4).
                long size = C2paGeobFrame.HeaderLength + length;
                ThrowIfTooLarge(size);
                plan.Insert(new LiteralPiece(TagHeader(4, 0, 0, size)));
                plan.Insert(new LiteralPiece(C2paGeobFrame.EncodeHeader(4, length)));
                plan.Insert(new StorePiece(length));
            }

            return plan.Finish(input.Length);
        }

        List<Id3Frame> stores = [.. tag.Frames.Where(f => C2paGeobFrame.TryLocateStore(input, tag, f, out _, out _))];
        if (storeLength is null && stores.Count == 0)
        {
            return plan.Finish(input.Length);
        }

        if (tag.Major == 2 || tag.Unsynchronised)
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 3, tag.Major == 2
                ? "an ID3v2.2 tag is not rewritten: convert it to ID3v2.3 or 2.4 first"
                : "an unsynchronised ID3 tag is not rewritten: store it without unsynchronisation first");
        }

        List<Id3Frame> kept = [.. tag.Frames.Except(stores)];
        long frames = kept.Sum(f => f.End - f.Offset);
        long tagSize = frames + (storeLength is int n ? C2paGeobFrame.HeaderLength + n : 0);
        ThrowIfTooLarge(tagSize);
        // The extended header (0x40) and footer (0x10) are dropped: the flags that announce them are cleared.
        plan.Insert(new LiteralPiece(TagHeader(tag.Major, tag.Minor, (byte)(tag.Flags & ~0x50), tagSize)));
        foreach (Id3Frame frame in kept)
        {
            plan.SkipTo(frame.Offset);
            plan.CopyTo(frame.End);
        }

        plan.SkipTo(tag.End);
        if (storeLength is int store)
        {
            plan.Insert(new LiteralPiece(C2paGeobFrame.EncodeHeader(tag.Major, store)));
            plan.Insert(new StorePiece(store));
        }

        return plan.Finish(input.Length);
    }

    private static byte[] TagHeader(byte major, byte minor, byte flags, long size)
    {
        byte[] header = [(byte)'I', (byte)'D', (byte)'3', major, minor, flags, 0, 0, 0, 0];
        Id3Tag.WriteSyncsafe(header.AsSpan(6), size);
        return header;
    }

    // The tag size is a 28-bit syncsafe integer (ID3v2.4 structure §3.1).
    private static void ThrowIfTooLarge(long size)
    {
        if (size >= 1 << 28)
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 6, $"an ID3 tag of {size} bytes is larger than its 28-bit size field allows");
        }
    }
}
