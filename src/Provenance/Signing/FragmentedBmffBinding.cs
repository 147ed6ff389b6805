using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Hashing;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// The BMFF hash of a fragmented asset split into an init segment and media segments (C2PA 2.2 §A.5.4): no flat hash;
/// one Merkle map whose <c>initHash</c> covers the init segment and whose stored row is every fragment's leaf hash, so a
/// fragment is verified with its init segment alone and its Merkle box needs no proof.
/// </summary>
internal sealed class FragmentedBmffBinding(IBmffHashHandler handler, AssetReadOptions readOptions, IReadOnlyList<byte[]> leaves, long uniqueId, long localId) : IHardBinding
{
    public string Label => C2paLabels.BmffHashV3;

    public IWriteHasher? CreateWriteHasher(string algorithm) => null;

    public int ReserveSize(string algorithm)
        => Create(algorithm, new byte[C2paHashAlgorithms.GetSize(C2paHashAlgorithms.Parse(algorithm))]).ToCbor().Encode().Length;

    public async Task<byte[]> ComputeAsync(Stream output, ExclusionRange storeRange, string algorithm, byte[]? writtenHash, int size, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        HashAlgorithmName name = C2paHashAlgorithms.Parse(algorithm);
        byte[] initHash = await handler.HashAsync(output, name, BmffExclusions.Default, hashBoxOffsets: true, readOptions, progress, cancellationToken).ConfigureAwait(false);
        byte[] encoded = Create(algorithm, initHash).ToCbor().Encode();
        return encoded.Length == size ? encoded : throw new InvalidOperationException("The BMFF hash assertion changed size.");
    }

    private BmffHashAssertion Create(string algorithm, byte[] initHash) => new(
        BmffExclusions.Default,
        algorithm,
        hash: null,
        merkle: [new BmffMerkleMap { UniqueId = uniqueId, LocalId = localId, Count = leaves.Count, Algorithm = algorithm, InitHash = initHash, Hashes = leaves }]);
}
