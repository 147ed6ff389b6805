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
        return BmffHasher.HashAsync(asset, TopLevel(asset, cancellationToken), algorithm, exclusions, progress, cancellationToken, hashBoxOffsets, options.MaxBoxDepth);
    }

    /// <inheritdoc />
    public MediaDataLayout ReadMediaData(Stream asset, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return BmffMerkle.ReadLayout(TopLevel(asset, cancellationToken), keep);
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> ReadMerkleBoxes(Stream segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Read();

        IEnumerable<byte[]> Read()
        {
            foreach (BmffBoxHeader box in TopLevel(segment, cancellationToken))
            {
                if (box.IsC2pa && C2paUuidBox.ReadMerkle(box, segment) is { } cbor)
                {
                    yield return cbor;
                }
            }
        }
    }
}
