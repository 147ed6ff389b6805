using System.Buffers.Binary;
using Provenance.Hashing;

namespace Provenance.Formats.Png;

/// <summary>Reads, embeds and removes C2PA manifest stores in a PNG <c>caBX</c> chunk (C2PA 2.2 §A.3.2).</summary>
internal sealed class PngHandler : IAssetHandler, IXmpHandler
{
    private const string ChunkType = "caBX";

    /// <inheritdoc />
    public IAssetFormat Format => PngFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        PngChunk? found = null;
        PngChunkReader reader = PngChunkReader.Open(asset, options);
        using IEnumerator<PngChunk> chunks = reader.Chunks(requireEnd: false, cancellationToken).GetEnumerator();
        while (true)
        {
            try
            {
                if (!chunks.MoveNext())
                {
                    break;
                }
            }
            catch (ProvenanceFormatException) when (found is not null)
            {
                // Damage after the store (a cut-off chunk) is the data hash's to report: the manifest is still readable.
                break;
            }

            if (chunks.Current.Type != ChunkType)
            {
                continue;
            }

            if (found is not null)
            {
                FormatErrors.ThrowSecondStore(FormatLayer.Png, chunks.Current.Offset, "caBX chunk (C2PA manifest store)");
            }

            found = chunks.Current;
        }

        if (found is not { } chunk)
        {
            return null;
        }

        if (chunk.DataLength > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Png, chunk.Offset, options.MaxManifestStoreSize);
        }

        // Type, data and CRC: what the CRC covers, and the CRC (PNG §5.3).
        byte[] content = new byte[chunk.DataLength + 8];
        reader.ReadAt(chunk, 4, content);
        uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(content.Length - 4));
        if (Crc32.Compute(content.AsSpan(0, content.Length - 4)) != storedCrc)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, chunk.End - 4, "the caBX chunk's CRC does not match its data");
        }

        return new EmbeddedManifestStore(content[4..^4], new ExclusionRange(chunk.Offset, chunk.TotalLength));
    }

    /// <inheritdoc />
    /// <remarks>Of the limits, the chunk count applies: chunks do not nest, and the store is not read.</remarks>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, storeLength, options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Of the limits, the chunk count applies: the packet is in one chunk.</remarks>
    public XmpPacket? ReadXmp(Stream asset, AssetReadOptions options, CancellationToken cancellationToken) => PngXmp.Read(asset, options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanXmp(Stream asset, string packet, AssetReadOptions options, CancellationToken cancellationToken) => PngXmp.Plan(asset, packet, options, cancellationToken);

    /// <inheritdoc />
    public byte[] EncodeStore(ReadOnlySpan<byte> store)
    {
        byte[] chunk = new byte[store.Length + 12];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)store.Length);
        "caBX"u8.CopyTo(chunk.AsSpan(4));
        store.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + store.Length), Crc32.Compute(chunk.AsSpan(4, 4 + store.Length)));
        return chunk;
    }

    // Like c2pa-rs, the store goes right after IHDR (C2PA 2.5 §A.3.2: before IDAT); an existing caBX is dropped.
    private static EmbeddingPlan Plan(Stream input, int? storeLength, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        List<PngChunk> chunks = [.. PngChunkReader.Open(input, options).Chunks(requireEnd: true, cancellationToken)];
        var plan = new PlanBuilder();
        plan.CopyTo(chunks[0].End);
        if (storeLength is int length)
        {
            plan.Insert(new StorePiece(12L + length));
        }

        foreach (PngChunk chunk in chunks.Where(c => c.Type == ChunkType))
        {
            plan.CopyTo(chunk.Offset);
            plan.SkipTo(chunk.End);
        }

        return plan.Finish(input.Length);
    }
}
