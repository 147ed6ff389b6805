using Provenance.Hashing;

namespace Provenance.Formats;

/// <summary>
/// Finds, reserves, writes and removes the C2PA manifest store in one container format.
/// Handlers never modify the input stream: they describe the output as an <see cref="EmbeddingPlan"/>
/// which <see cref="EmbeddingWriter"/> executes.
/// </summary>
internal interface IAssetHandler
{
    /// <summary>The format this handler serves.</summary>
    IAssetFormat Format { get; }

    /// <summary>
    /// Reads the embedded manifest store, or returns <see langword="null"/> when the asset carries none.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The container is malformed, or carries more than one store.</exception>
    EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Plans an output that is the input with any existing manifest store removed and a new store of
    /// exactly <paramref name="storeLength"/> bytes embedded where the specification places it.
    /// </summary>
    /// <param name="input">The asset, read from offset 0.</param>
    /// <param name="storeLength">The length of the store to embed.</param>
    /// <param name="options">The caller's read limits (how deep boxes are followed).</param>
    /// <param name="cancellationToken">Cancels planning.</param>
    EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default);

    /// <summary>Plans an output that is the input with any manifest store removed.</summary>
    EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Wraps a manifest store in this container's framing (APP11 segments, a <c>caBX</c> chunk, a <c>uuid</c> box).
    /// The result has exactly the length of the plan's <see cref="StorePiece"/> for a store of that length.
    /// </summary>
    byte[] EncodeStore(ReadOnlySpan<byte> store);
}

/// <summary>A manifest store found in an asset.</summary>
/// <param name="Store">The store's bytes: the outermost <c>jumb</c> box of the C2PA manifest store.</param>
/// <param name="Range">The bytes of the asset that hold the store with its framing (what a data hash excludes).</param>
internal sealed record EmbeddedManifestStore(byte[] Store, ExclusionRange Range);
