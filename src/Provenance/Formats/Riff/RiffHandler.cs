using System.Buffers.Binary;
using Provenance.Hashing;

namespace Provenance.Formats.Riff;

/// <summary>
/// Reads, embeds and removes C2PA manifest stores in a top-level <c>C2PA</c> chunk of a RIFF file: WebP, WAV, AVI
/// (C2PA 2.2 §A.3.6). As c2pa-rs does, the chunk is the last one of the outer RIFF chunk and the data hash excludes its
/// header and data but not its pad byte; the RIFF size in the file header changes with it and is hashed.
/// </summary>
internal sealed class RiffHandler : IAssetHandler
{
    /// <summary>The id of the chunk that carries the store.</summary>
    internal const string ChunkId = "C2PA";

    /// <inheritdoc />
    public IAssetFormat Format => RiffFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        RiffLayout layout = RiffLayout.Read(asset, options, cancellationToken);
        if (layout.Stores.Count == 0)
        {
            return null;
        }

        if (layout.Stores.Count > 1)
        {
            FormatErrors.ThrowSecondStore(FormatLayer.Riff, layout.Stores[1].Offset, "C2PA chunk (C2PA manifest store)");
        }

        RiffChunk chunk = layout.Stores[0];
        if (chunk.DataLength > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Riff, chunk.Offset, options.MaxManifestStoreSize);
        }

        byte[] store = new byte[chunk.DataLength];
        layout.ReadData(chunk, 0, store);
        return new EmbeddedManifestStore(store, new ExclusionRange(chunk.Offset, RiffChunk.HeaderLength + chunk.DataLength));
    }

    /// <inheritdoc />
    /// <remarks>A simple WebP gains a <c>VP8X</c> chunk (<see cref="WebpExtendedHeader"/>) so it may carry the store.</remarks>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(storeLength);
        return Plan(input, storeLength, options, cancellationToken);
    }

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Without the pad byte an odd store needs: the plan writes that after the store piece, hashed.</remarks>
    public byte[] EncodeStore(ReadOnlySpan<byte> store)
    {
        byte[] chunk = new byte[RiffChunk.HeaderLength + store.Length];
        "C2PA"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)store.Length);
        store.CopyTo(chunk.AsSpan(RiffChunk.HeaderLength));
        return chunk;
    }

    // Everything is copied but the old C2PA chunks; the new one closes the RIFF chunk (c2pa-rs puts it last "for maximum
    // compatibility"); what follows the RIFF chunk (an AVI's AVIX extensions) is copied as it is.
    private static EmbeddingPlan Plan(Stream input, int? storeLength, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        RiffLayout layout = RiffLayout.Read(input, options, cancellationToken);
        byte[]? extended = storeLength is null ? null : WebpExtendedHeader.ForSimpleImage(layout);
        long size = layout.Riff.DataLength
            - layout.Stores.Sum(c => c.PaddedEnd - c.Offset)
            + (extended?.Length ?? 0)
            + (storeLength is int added ? RiffChunk.HeaderLength + added + (added & 1) : 0);
        if (size > uint.MaxValue)
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, 4, $"the RIFF chunk would grow to {size} bytes, past the 4 GiB a RIFF size can state");
        }

        byte[] header = new byte[12];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)size);
        System.Text.Encoding.Latin1.GetBytes(layout.FormType, header.AsSpan(8));

        var plan = new PlanBuilder();
        plan.Insert(new LiteralPiece(header));
        plan.SkipTo(header.Length);
        if (extended is not null)
        {
            plan.Insert(new LiteralPiece(extended));
        }

        foreach (RiffChunk chunk in layout.Stores)
        {
            plan.CopyTo(chunk.Offset);
            plan.SkipTo(chunk.PaddedEnd);
        }

        plan.CopyTo(layout.Riff.DataEnd);
        if (storeLength is int length)
        {
            plan.Insert(new StorePiece(RiffChunk.HeaderLength + length));
            if ((length & 1) != 0)
            {
                plan.Insert(new LiteralPiece(new byte[1]));
            }
        }

        return plan.Finish(input.Length);
    }
}
