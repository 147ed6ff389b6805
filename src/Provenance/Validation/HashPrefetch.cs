using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.IO;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// The active manifest's content hash (or its BMFF Merkle trees), started on other cores as soon as the store is read, so
/// that hashing a large asset overlaps the rest of a verification (parsing, the signature and its certificate chain,
/// revocation, ingredients) instead of following it. The binding validators take the result when they reach the very
/// same check (the same assertion bytes and algorithm), so the report is the one a sequential verification gives; work
/// nobody asks for (another manifest binds the asset, the binding's structure is refused first) is cancelled. Reads go
/// through a concurrent view of the asset window (SubStream.TryCreateConcurrentView): charged to the same read budget,
/// and never moving the position the validators read at.
/// </summary>
internal sealed class HashPrefetch : IAsyncDisposable
{
    /// <summary>Below this, the hop to another thread costs more than the overlap saves.</summary>
    internal const long MinimumLength = 16 * 1024 * 1024;

    private readonly CancellationTokenSource _cancel;
    private readonly ReadOnlyMemory<byte> _assertion;
    private readonly HashAlgorithmName _algorithm;
    private readonly Task _work;
    private int _taken;

    private HashPrefetch(ReadOnlyMemory<byte> assertion, HashAlgorithmName algorithm, Func<CancellationToken, Task> start, CancellationToken cancellationToken)
    {
        _assertion = assertion;
        _algorithm = algorithm;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _work = start(_cancel.Token);
    }

    /// <summary>
    /// Starts hashing what the active manifest's one hard binding covers (a data hash, a flat BMFF hash, or the Merkle
    /// trees of a BMFF hash over a whole file), or returns null when there is nothing worth starting early.
    /// </summary>
    public static HashPrefetch? TryStart(Manifest active, SubStream window, IAssetHandler handler, VerificationOptions options, CancellationToken cancellationToken)
    {
        if (window.Length < MinimumLength || window.TryCreateConcurrentView() is not { } view)
        {
            return null;
        }

        Claim claim;
        try
        {
            claim = active.ParseClaim();
        }
        catch (ProvenanceFormatException)
        {
            return null;
        }

        List<JumbfSuperBox> bindings = [.. active.Assertions.Where(a => a.Label is { } label && C2paLabels.IsHardBinding(label))];
        if (bindings is not [{ Label: { } bindingLabel } box] || box.RawBytes.IsEmpty)
        {
            return null;
        }

        var scratch = new StatusLog();
        string type = C2paLabels.StripInstance(bindingLabel);
        if (type == C2paLabels.DataHash
            && BindingAssertions.TryRead(box, StatusCodes.AssertionDataHashMalformed, scratch, "", out DataHashAssertion? dataHash)
            && BindingAssertions.TryResolveAlgorithm(dataHash.Algorithm, claim, scratch, "", out HashAlgorithmName dataAlgorithm))
        {
            IReadOnlyList<ExclusionRange> exclusions = dataHash.Exclusions;
            return Start(box, dataAlgorithm, token => StreamHasher.HashAsync(view, dataAlgorithm, exclusions, options.Progress, token), cancellationToken);
        }

        // A handler of its own for the BMFF hash: a handler remembers the boxes of the stream it read last.
        if (type is C2paLabels.BmffHashV2 or C2paLabels.BmffHashV3 && handler is IBmffHashHandler
            && AssetFormats.Detect(view)?.CreateHandler() is IBmffHashHandler own
            && BindingAssertions.TryRead(box, StatusCodes.AssertionBmffHashMalformed, scratch, "", out BmffHashAssertion? bmffHash)
            && BindingAssertions.TryResolveAlgorithm(bmffHash.Algorithm, claim, scratch, "", out HashAlgorithmName bmffAlgorithm))
        {
            // With Merkle trees over the mdat boxes, they are the bulk of the work (the flat hash leaves the mdat out);
            // trees over fragments are checked with their segment, which this window is not.
            return bmffHash.Merkle.Count == 0
                ? Start(box, bmffAlgorithm, token => own.HashAsync(view, bmffAlgorithm, bmffHash.Exclusions, hashBoxOffsets: true, options.ReadOptions, options.Progress, token), cancellationToken)
                : bmffHash.Merkle.All(m => m.InitHash is null)
                    ? Start(box, bmffAlgorithm, token => Task.FromResult(BmffMerkleVerifier.Verify(own, view, bmffHash, bmffAlgorithm, options.ReadOptions, token)), cancellationToken)
                    : null;
        }

        return null;
    }

    // On the thread pool, typed (Task<T>), so that TryTake<T> knows what it holds.
    private static HashPrefetch Start<T>(JumbfSuperBox box, HashAlgorithmName algorithm, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        => new(box.RawBytes, algorithm, token => Task.Run(() => work(token), token), cancellationToken);

    /// <summary>The hash started early, when <paramref name="assertion"/> is the very binding it was started for with the same algorithm (once).</summary>
    public Task<byte[]>? TryTake(JumbfSuperBox assertion, HashAlgorithmName algorithm) => TryTake<byte[]>(assertion, algorithm);

    /// <summary>
    /// The Merkle trees' verdict (<see cref="BmffMerkleVerifier.Verify"/>) started early, when <paramref name="assertion"/>
    /// is the very BMFF hash it was started for with the same algorithm (once).
    /// </summary>
    public Task<(string Code, string Explanation)?>? TryTakeMerkle(JumbfSuperBox assertion, HashAlgorithmName algorithm)
        => TryTake<(string Code, string Explanation)?>(assertion, algorithm);

    private Task<T>? TryTake<T>(JumbfSuperBox assertion, HashAlgorithmName algorithm)
        => _work is Task<T> work && algorithm == _algorithm && assertion.RawBytes.Span.SequenceEqual(_assertion.Span) && Interlocked.Exchange(ref _taken, 1) == 0 ? work : null;

    /// <summary>Cancels a hash nobody took and waits for it, so that nothing reads the asset after validation returns.</summary>
    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await _work.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever it threw is nobody's to see here: see below.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Not taken, its outcome is nobody's (the validators hashed what they needed themselves, or refused the
            // binding first), and must not turn a verification that returned into one that throws; taken, whoever took it
            // has seen the same exception already, where a sequential verification would have.
        }

        _cancel.Dispose();
    }
}
