using Provenance.IO;
using Provenance.Jumbf;

namespace Provenance.Formats;

/// <summary>The caller's <see cref="AssetReadOptions"/> carried to the readers beneath the formats, which have limits of their own.</summary>
internal static class AssetReadLimits
{
    /// <summary>
    /// The JUMBF limits: the caller's box depth applies to superboxes too (JUMBF boxes are ISO BMFF boxes,
    /// ISO/IEC 19566-5 §A.2), capped at JUMBF's own default (a C2PA store nests four deep); the box count is the caller's.
    /// </summary>
    public static JumbfReaderOptions ForJumbf(this AssetReadOptions options) => JumbfReaderOptions.Default with
    {
        MaxDepth = Math.Min(options.MaxBoxDepth, JumbfReaderOptions.Default.MaxDepth),
        MaxBoxes = options.MaxManifestStoreBoxes,
    };

    /// <summary>The budget of bytes read (<see cref="AssetReadOptions.MaxBytesRead"/>) for verifying an asset of <paramref name="assetLength"/> bytes.</summary>
    public static ReadBudget ReadBudgetFor(this AssetReadOptions options, long assetLength) => new(options.BytesReadLimit(assetLength));

    /// <summary>
    /// Buffers a stream that cannot be sought within the caller's limits (<see cref="AssetReadOptions.MaxBufferedInputSize"/>,
    /// <see cref="AssetReadOptions.InMemoryBufferThreshold"/>, <see cref="AssetReadOptions.TemporaryDirectory"/>).
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The input is longer than the cap; nothing is kept.</exception>
    public static Task<Stream> BufferAsync(this AssetReadOptions options, Stream input, CancellationToken cancellationToken)
        => TemporaryFiles.BufferAsync(input, options.MaxBufferedInputSize, options.InMemoryBufferThreshold, options.TemporaryDirectory, cancellationToken);
}
