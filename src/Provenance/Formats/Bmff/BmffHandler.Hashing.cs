using System.Security.Cryptography;

namespace Provenance.Formats.Bmff;

/// <summary>What validation asks of an ISO BMFF file's boxes (<see cref="IBmffHashHandler"/>).</summary>
internal sealed partial class BmffHandler : IBmffHashHandler
{
    /// <inheritdoc />
    public Task<byte[]> HashAsync(Stream asset, HashAlgorithmName algorithm, IReadOnlyList<BmffExclusion> exclusions, bool hashBoxOffsets, AssetReadOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        return BmffHasher.HashAsync(asset, TopLevel(asset, options, cancellationToken), algorithm, exclusions, progress, cancellationToken, hashBoxOffsets, options);
    }

    /// <inheritdoc />
    public MediaDataLayout ReadMediaData(Stream asset, int keep, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        return BmffMerkle.ReadLayout(TopLevel(asset, options, cancellationToken), keep);
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> ReadMerkleBoxes(Stream segment, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(options);
        return Read();

        IEnumerable<byte[]> Read()
        {
            foreach (BmffBoxHeader box in TopLevel(segment, options, cancellationToken))
            {
                if (box.IsC2pa && C2paUuidBox.ReadMerkle(box, segment) is { } cbor)
                {
                    yield return cbor;
                }
            }
        }
    }
}
