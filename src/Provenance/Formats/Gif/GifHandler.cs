using Provenance.Hashing;

namespace Provenance.Formats.Gif;

/// <summary>
/// Reads, embeds and removes C2PA manifest stores in a GIF <c>C2PA_GIF</c> application extension (C2PA 2.2 §A.3.7),
/// placed as c2pa-rs places it: where an existing one was, or else right after the global color table (or the logical
/// screen descriptor when there is none). The data hash excludes the whole extension block.
/// </summary>
internal sealed class GifHandler : IAssetHandler
{
    /// <inheritdoc />
    public IAssetFormat Format => GifFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        GifBlockReader reader = GifBlockReader.Open(asset, options);
        if (FindStore(reader, damageAfterStore: true, cancellationToken) is not { } block)
        {
            return null;
        }

        if (block.DataLength > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Gif, block.Offset, options.MaxManifestStoreSize);
        }

        return new EmbeddedManifestStore(reader.ReadData(block), new ExclusionRange(block.Offset, block.Length));
    }

    /// <inheritdoc />
    /// <remarks>Of the limits, the block count applies: GIF blocks do not nest, and the store is not read.</remarks>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, storeLength, options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <inheritdoc />
    public byte[] EncodeStore(ReadOnlySpan<byte> store)
    {
        byte[] block = new byte[EncodedLength(store.Length)];
        block[0] = 0x21;
        block[1] = 0xFF;
        GifBlockReader.C2paApplication.CopyTo(block.AsSpan(2));
        int position = 14;
        for (int offset = 0; offset < store.Length; offset += 255)
        {
            ReadOnlySpan<byte> chunk = store.Slice(offset, Math.Min(255, store.Length - offset));
            block[position++] = (byte)chunk.Length;
            chunk.CopyTo(block.AsSpan(position));
            position += chunk.Length;
        }

        // The last byte stays zero: the block terminator.
        return block;
    }

    /// <summary>Introducer, label, the 12-byte application block, a length byte per 255 bytes of store, the store, the terminator.</summary>
    private static long EncodedLength(long storeLength) => 14 + ((storeLength + 254) / 255) + storeLength + 1;

    // C2PA 2.2 §A.3.7: the store comes before the first image descriptor; one found later is not the asset's store.
    // When reading, damage after the store is the data hash's to report (as for PNG): the manifest is still readable.
    private static GifBlock? FindStore(GifBlockReader reader, bool damageAfterStore, CancellationToken cancellationToken)
    {
        GifBlock? found = null;
        using IEnumerator<GifBlock> blocks = reader.Blocks(cancellationToken).GetEnumerator();
        while (true)
        {
            try
            {
                if (!blocks.MoveNext())
                {
                    break;
                }
            }
            catch (ProvenanceFormatException) when (damageAfterStore && found is not null)
            {
                break;
            }

            GifBlock block = blocks.Current;
            if (block.Kind != GifBlockKind.C2pa)
            {
                continue;
            }

            if (found is not null)
            {
                FormatErrors.ThrowSecondStore(FormatLayer.Gif, block.Offset, "C2PA_GIF application extension (C2PA manifest store)");
            }

            found = block;
        }

        return found;
    }

    private static EmbeddingPlan Plan(Stream input, int? storeLength, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        GifBlockReader reader = GifBlockReader.Open(input, options);
        GifBlock? existing = FindStore(reader, damageAfterStore: false, cancellationToken);
        var plan = new PlanBuilder();
        if (storeLength is not int length)
        {
            if (existing is { } old)
            {
                plan.CopyTo(old.Offset);
                plan.SkipTo(old.End);
            }

            return plan.Finish(input.Length);
        }

        if (reader.Is87a)
        {
            // GIF87a has no extensions (GIF89a §5): as c2pa-rs does, the version becomes 89a ("GIF8" then '9').
            plan.CopyTo(4);
            plan.Insert(new LiteralPiece(new[] { (byte)'9' }));
            plan.SkipTo(5);
        }

        plan.CopyTo(existing?.Offset ?? reader.PreambleEnd);
        plan.Insert(new StorePiece(EncodedLength(length)));
        if (existing is { } replaced)
        {
            plan.SkipTo(replaced.End);
        }

        return plan.Finish(input.Length);
    }
}
