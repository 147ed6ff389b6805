using System.Security.Cryptography;
using Provenance.Formats;
using Provenance.Hashing;

namespace Provenance.Signing;

/// <summary>
/// How a signed asset is bound to its manifest: the hard-binding assertion's label, its fixed size, and how its hash
/// is computed once the output is laid out (C2PA 2.2 §9.2).
/// </summary>
internal interface IHardBinding
{
    string Label { get; }

    /// <summary>The encoded size the assertion will have, fixed before the asset is hashed.</summary>
    int ReserveSize(string algorithm);

    /// <summary>
    /// A hasher that computes the binding's hash while the output is written, or null when the output must be re-read.
    /// </summary>
    IWriteHasher? CreateWriteHasher(string algorithm);

    /// <summary>The final assertion content, exactly <see cref="ReserveSize"/> bytes.</summary>
    /// <param name="output">The written output (readable and seekable, positioned anywhere), for bindings that re-read it.</param>
    /// <param name="storeRange">Where the framed store lies in the output.</param>
    /// <param name="algorithm">The hash algorithm name.</param>
    /// <param name="writtenHash">The hash taken while writing, when <see cref="CreateWriteHasher"/> gave a hasher.</param>
    /// <param name="size">The reserved size.</param>
    /// <param name="progress">Progress of a re-read.</param>
    /// <param name="cancellationToken">Cancels a re-read.</param>
    Task<byte[]> ComputeAsync(Stream output, ExclusionRange storeRange, string algorithm, byte[]? writtenHash, int size, IProgress<long>? progress, CancellationToken cancellationToken);
}

/// <summary>Hashes an output while it is written.</summary>
internal interface IWriteHasher : IOutputObserver, IDisposable
{
    byte[] GetHash();
}

/// <summary>Chooses the hard binding a format uses.</summary>
internal static class HardBindings
{
    public static IHardBinding For(IAssetHandler handler, Stream input, SigningOptions options, CancellationToken cancellationToken)
    {
        if (handler is not IBmffHashHandler bmff)
        {
            return new DataHashBinding();
        }

        return options.MerkleBlockSize is long blockSize
            ? new BmffHashBinding(bmff, options.ReadOptions, blockSize, Formats.Bmff.BmffMerkle.MdatSizes(input, options.ReadOptions, cancellationToken))
            : new BmffHashBinding(bmff, options.ReadOptions);
    }

    public static HashAlgorithmName Parse(string algorithm) => C2paHashAlgorithms.Parse(algorithm);
}
