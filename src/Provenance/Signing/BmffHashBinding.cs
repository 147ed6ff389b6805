using Provenance.Assertions;
using Provenance.Formats.Bmff;
using Provenance.Hashing;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// <c>c2pa.hash.bmff.v3</c> with c2pa-rs's default exclusions; the hash covers the output's boxes with their offsets,
/// so it is computed by reading the written output back.
/// </summary>
internal sealed class BmffHashBinding : IHardBinding
{
    public string Label => C2paLabels.BmffHashV3;

    public bool HashesWhileWriting => false;

    public int ReserveSize(string algorithm) => Create(algorithm, new byte[C2paHashAlgorithms.GetSize(C2paHashAlgorithms.Parse(algorithm))]).Encode().Length;

    public async Task<byte[]> ComputeAsync(Stream output, ExclusionRange storeRange, string algorithm, byte[]? writtenHash, int size, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        byte[] hash = await BmffHasher.HashAsync(output, C2paHashAlgorithms.Parse(algorithm), BmffHashAssertion.DefaultExclusions, progress, cancellationToken).ConfigureAwait(false);
        byte[] encoded = Create(algorithm, hash).Encode();
        return encoded.Length == size ? encoded : throw new InvalidOperationException("The BMFF hash assertion changed size.");
    }

    private static BmffHashAssertion Create(string algorithm, byte[] hash) => new(BmffHashAssertion.DefaultExclusions, algorithm, hash);
}
