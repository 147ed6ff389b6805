using Provenance.IO;
using Provenance.Validation;

namespace Provenance;

/// <summary>
/// Verifies the C2PA manifests of an asset: reads the store, validates the active manifest (signature, certificate,
/// time-stamp, assertions, hard binding) and its ingredients, and reports the verdict in c2pa-rs's terms.
/// </summary>
/// <remarks>
/// The facade over the validation pipeline (<see cref="AssetValidator"/>): the defaults are chosen here, once, and the
/// caller's options are handed down to every reader.
/// <para>
/// Thread safety: every method may be called from many threads at once, with the same or different options. A call
/// keeps its state (the streams it reads, its status log, any temporary file) to itself; the options, trust anchors and
/// the format handlers' tables are only read; the only shared mutable state is a bounded, thread-safe cache of
/// certificates read from claim signatures, keyed by their DER and never changed once added; the shared HTTP client used
/// for remote manifests is thread-safe. A stream must not be shared between concurrent calls.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile("anchors.pem") };
/// ValidationReport report = await ManifestVerifier.VerifyFileAsync("photo.jpg", options);
/// Console.WriteLine($"{report.State}; AI: {report.Summary.Ai}; model: {report.Summary.Model?.Name}");
/// </code>
/// </example>
public static class ManifestVerifier
{
    /// <summary>Verifies an asset read from a stream (buffered to a temporary file first if it is not seekable).</summary>
    /// <exception cref="TimeoutException">It took longer than <see cref="VerificationOptions.Timeout"/>.</exception>
    /// <exception cref="UnsupportedFormatException">The asset is not a supported format, or is a media segment without its init segment.</exception>
    /// <exception cref="ProvenanceFormatException">The asset's container is malformed.</exception>
    public static Task<ValidationReport> VerifyAsync(Stream asset, VerificationOptions? options = null, CancellationToken cancellationToken = default)
        => VerifyCoreAsync(asset, null, options, cancellationToken);

    /// <summary>
    /// Verifies one media segment of a fragmented asset with its init segment, which carries the manifest
    /// (C2PA 2.2 §A.5.4): the init segment's hash and the segment's place in the Merkle tree are both checked.
    /// </summary>
    public static Task<ValidationReport> VerifyFragmentAsync(Stream initSegment, Stream mediaSegment, VerificationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mediaSegment);
        return VerifyCoreAsync(initSegment, mediaSegment, options, cancellationToken);
    }

    private static Task<ValidationReport> VerifyCoreAsync(Stream asset, Stream? fragment, VerificationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        options ??= VerificationOptions.Default;
        return WithinTimeoutAsync(options, token => AssetValidator.ValidateAsync(asset, fragment, options, checkContent: true, token), cancellationToken);
    }

    // VerificationOptions.Timeout: the whole verification runs under a budget; its expiry, not the caller's token, is a timeout.
    private static Task<ValidationReport> WithinTimeoutAsync(VerificationOptions options, Func<CancellationToken, Task<ValidationReport>> verify, CancellationToken cancellationToken)
        => Deadline.RunAsync(options.Timeout, "Verification", "VerificationOptions.Timeout", verify, cancellationToken);

    /// <summary>Synchronous <see cref="VerifyAsync"/>.</summary>
    public static ValidationReport Verify(Stream asset, VerificationOptions? options = null)
        => VerifyAsync(asset, options).GetAwaiter().GetResult();

    /// <summary>
    /// Verifies an asset against a manifest store kept beside it (a <c>.c2pa</c> sidecar, C2PA 2.2 §11.2): the store's
    /// hard binding must match the asset's bytes as they are.
    /// </summary>
    /// <param name="asset">The asset (buffered to a temporary file first if it is not seekable).</param>
    /// <param name="manifestStore">The manifest store (<c>application/c2pa</c>), read to its end.</param>
    /// <param name="options">Options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels verification.</param>
    /// <exception cref="UnsupportedFormatException">The asset is not a supported format.</exception>
    /// <exception cref="ProvenanceFormatException">The asset's container is malformed, or the store is larger than <see cref="Formats.AssetReadOptions.MaxManifestStoreSize"/>.</exception>
    public static Task<ValidationReport> VerifyWithSidecarAsync(Stream asset, Stream manifestStore, VerificationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(manifestStore);
        options ??= VerificationOptions.Default;
        return WithinTimeoutAsync(options, token => AssetValidator.ValidateDetachedAsync(asset, manifestStore, options, checkContent: true, token), cancellationToken);
    }

    /// <summary>
    /// Verifies a file. When it embeds no manifest store but a sidecar of the same name with the extension
    /// <c>.c2pa</c> lies beside it (<c>photo.jpg</c>, <c>photo.c2pa</c>), the file is verified against the sidecar, as
    /// c2pa-rs does; the report's <see cref="ValidationReport.ManifestSource"/> says so.
    /// </summary>
    public static async Task<ValidationReport> VerifyFileAsync(string path, VerificationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ValidationReport report;
        await using (var stream = OpenRead(path))
        {
            report = await VerifyAsync(stream, options, cancellationToken).ConfigureAwait(false);
        }

        string sidecar = SidecarPath(path);
        if (report.HasManifest || report.MimeType == "application/c2pa" || !File.Exists(sidecar))
        {
            return report;
        }

        await using var asset = OpenRead(path);
        await using var store = OpenRead(sidecar);
        return await VerifyWithSidecarAsync(asset, store, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the sidecar of <paramref name="assetPath"/> lies: the same name with the extension <c>.c2pa</c>.</summary>
    public static string SidecarPath(string assetPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(assetPath);
        return Path.ChangeExtension(assetPath, ".c2pa");
    }

    private static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
