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

    public IWriteHasher? CreateWriteHasher(string algorithm) => new Hasher(C2paHashAlgorithms.Parse(algorithm));

    public int ReserveSize(string algorithm)
        => new DataHashAssertion([LargestExclusion], algorithm, new byte[C2paHashAlgorithms.GetSize(C2paHashAlgorithms.Parse(algorithm))]).ToCbor().Encode().Length;

    /// <summary>Every byte outside the store (C2PA 2.2 §18.5: the exclusion is the framed store).</summary>
    private sealed class Hasher(System.Security.Cryptography.HashAlgorithmName algorithm) : IWriteHasher
    {
        private readonly System.Security.Cryptography.IncrementalHash _hash = System.Security.Cryptography.IncrementalHash.CreateHash(algorithm);

        public void StartPiece(Formats.OutputPiece piece, long outputOffset)
        {
        }

        public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public byte[] GetHash() => _hash.GetHashAndReset();

        public void Dispose() => _hash.Dispose();
    }

    public Task<byte[]> ComputeAsync(Stream output, ExclusionRange storeRange, string algorithm, byte[]? writtenHash, int size, IProgress<long>? progress, CancellationToken cancellationToken)
        => Task.FromResult(new DataHashAssertion([storeRange], algorithm, writtenHash ?? throw new InvalidOperationException("No hash was taken while writing.")).EncodeToSize(size));
}
