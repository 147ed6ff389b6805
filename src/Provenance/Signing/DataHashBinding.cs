using Provenance.Assertions;
using Provenance.Hashing;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary><c>c2pa.hash.data</c>: one exclusion covering the framed store; the hash is taken while the output is written.</summary>
internal sealed class DataHashBinding : IHardBinding
{
    // The widest integers an exclusion can hold, so the placeholder is never smaller than the real assertion.
    private static readonly ExclusionRange LargestExclusion = new(long.MaxValue, long.MaxValue);

    public string Label => C2paLabels.DataHash;

    public bool HashesWhileWriting => true;

    public int ReserveSize(string algorithm)
        => new DataHashAssertion([LargestExclusion], algorithm, new byte[C2paHashAlgorithms.GetSize(C2paHashAlgorithms.Parse(algorithm))]).Encode().Length;

    public Task<byte[]> ComputeAsync(Stream output, ExclusionRange storeRange, string algorithm, byte[]? writtenHash, int size, IProgress<long>? progress, CancellationToken cancellationToken)
        => Task.FromResult(new DataHashAssertion([storeRange], algorithm, writtenHash ?? throw new InvalidOperationException("No hash was taken while writing.")).EncodeToSize(size));
}
