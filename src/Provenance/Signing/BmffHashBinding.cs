using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Hashing;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// <c>c2pa.hash.bmff.v3</c> with c2pa-rs's default exclusions; the hash covers the output's boxes with their offsets,
/// so it is computed by reading the written output back. With a Merkle block size, each <c>mdat</c>'s payload is left to
/// a Merkle tree of fixed-size blocks (its root stored), which verifiers hash on all cores (C2PA 2.2 §18.6.6).
/// </summary>
internal sealed class BmffHashBinding : IHardBinding
{
    private readonly IBmffHashHandler _handler;
    private readonly AssetReadOptions _readOptions;
    private readonly long? _blockSize;
    private readonly IReadOnlyList<long> _mdatSizes;

    /// <param name="handler">The format's handler, which hashes the output's boxes.</param>
    /// <param name="readOptions">The caller's read limits.</param>
    /// <param name="blockSize">Merkle block size in bytes, or null for a flat hash only.</param>
    /// <param name="mdatSizes">Sizes of the input's top-level mdat boxes (the output's are the same).</param>
    public BmffHashBinding(IBmffHashHandler handler, AssetReadOptions readOptions, long? blockSize = null, IReadOnlyList<long>? mdatSizes = null)
    {
        _handler = handler;
        _readOptions = readOptions;
        _blockSize = blockSize;
        _mdatSizes = mdatSizes ?? [];
    }

    public string Label => C2paLabels.BmffHashV3;

    // The flat hash is taken while copying (the output's top-level boxes are the plan's pieces); Merkle leaves are re-read on all cores.
    public IWriteHasher? CreateWriteHasher(string algorithm) => _blockSize is null ? new BmffWriteHasher(C2paHashAlgorithms.Parse(algorithm)) : null;

    private IReadOnlyList<BmffExclusion> Exclusions => _blockSize is null
        ? BmffExclusions.Default
        : [.. BmffExclusions.Default, BmffExclusions.MdatPayload];

    public int ReserveSize(string algorithm)
    {
        int size = C2paHashAlgorithms.GetSize(C2paHashAlgorithms.Parse(algorithm));
        return Create(algorithm, new byte[size], [.. _mdatSizes.Select(_ => new byte[size])]).ToCbor().Encode().Length;
    }

    public async Task<byte[]> ComputeAsync(Stream output, ExclusionRange storeRange, string algorithm, byte[]? writtenHash, int size, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        HashAlgorithmName hashName = C2paHashAlgorithms.Parse(algorithm);
        byte[] hash = writtenHash ?? await _handler.HashAsync(output, hashName, Exclusions, hashBoxOffsets: true, _readOptions, progress, cancellationToken).ConfigureAwait(false);
        byte[][] roots = _blockSize is long blockSize
            ? [.. BmffMerkle.MdatRoots(output, blockSize, hashName, _readOptions, cancellationToken)]
            : [];
        byte[] encoded = Create(algorithm, hash, roots).ToCbor().Encode();
        return encoded.Length == size ? encoded : throw new InvalidOperationException("The BMFF hash assertion changed size.");
    }

    private BmffHashAssertion Create(string algorithm, byte[] hash, byte[][] roots)
    {
        List<BmffMerkleMap> merkle = [];
        for (int i = 0; i < roots.Length && _blockSize is long blockSize; i++)
        {
            merkle.Add(new BmffMerkleMap
            {
                UniqueId = 0,
                LocalId = i,
                Count = BmffMerkle.LeafCount(_mdatSizes[i], blockSize),
                Algorithm = algorithm,
                Hashes = [roots[i]],
                FixedBlockSize = blockSize,
            });
        }

        return new BmffHashAssertion(Exclusions, algorithm, hash, merkle: merkle);
    }
}
