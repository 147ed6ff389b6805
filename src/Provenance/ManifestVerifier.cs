using Provenance.Formats;
using Provenance.IO;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance;

/// <summary>
/// Verifies the C2PA manifests of an asset: reads the store, validates the active manifest (signature, certificate,
/// time-stamp, assertions, hard binding) and its ingredients, and reports the verdict in c2pa-rs's terms.
/// </summary>
/// <example>
/// <code>
/// var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile("anchors.pem") };
/// ValidationReport report = await ManifestVerifier.VerifyFileAsync("photo.jpg", options);
/// Console.WriteLine($"{report.State}; AI-generated: {report.Summary.AiGenerated} ({report.Summary.AiReason})");
/// </code>
/// </example>
public static class ManifestVerifier
{
    /// <summary>Verifies an asset read from a stream (buffered to a temporary file first if it is not seekable).</summary>
    /// <exception cref="ProvenanceFormatException">The asset is not a supported format, or its container is malformed.</exception>
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

    /// <summary>Verifies what signing just wrote; <paramref name="checkContent"/> false skips re-hashing the asset for the hard binding.</summary>
    internal static Task<ValidationReport> VerifySignedAsync(Stream asset, VerificationOptions options, bool checkContent, CancellationToken cancellationToken)
        => VerifyCoreAsync(asset, null, options, cancellationToken, checkContent);

    private static async Task<ValidationReport> VerifyCoreAsync(Stream asset, Stream? fragment, VerificationOptions? options, CancellationToken cancellationToken, bool checkContent = true)
    {
        ArgumentNullException.ThrowIfNull(asset);
        options ??= VerificationOptions.Default;
        if (!asset.CanSeek)
        {
            await using FileStream buffered = await TemporaryFiles.BufferAsync(asset, cancellationToken).ConfigureAwait(false);
            return await VerifyCoreAsync(buffered, fragment, options, cancellationToken, checkContent).ConfigureAwait(false);
        }

        using var window = new SubStream(asset, asset.Position);
        IAssetFormat format = AssetFormats.Detect(window)
            ?? throw new ProvenanceFormatException("Format", 0, "the asset is not a supported format (JPEG, PNG, MP4/MOV/M4A)");
        format.TryDetect(await ReadHeaderAsync(window, format.HeaderSize, cancellationToken).ConfigureAwait(false), out string mimeType);
        IAssetHandler handler = format.CreateHandler();
        EmbeddedManifestStore? embedded = handler.ReadManifestStore(window, options.ReadOptions, cancellationToken);
        if (embedded is null)
        {
            return new ValidationReport { HasManifest = false, State = ValidationState.Invalid, MimeType = mimeType };
        }

        ManifestStore store;
        try
        {
            store = ManifestStore.Parse(embedded.Store, new JumbfReaderOptions());
        }
        catch (ProvenanceFormatException ex)
        {
            return Malformed(mimeType, ex.Message);
        }

        Manifest? active = store.ActiveManifest;
        if (active is null)
        {
            return Malformed(mimeType, "the manifest store holds no manifest");
        }

        var context = new ValidationContext(options, store, window, handler, embedded) { Fragment = fragment, CheckContent = checkContent };
        var log = new StatusLog();
        var deltas = new List<IngredientDelta>();
        context.InProgress.Add(active.Label);
        SignatureInfo? signature = await ManifestValidator.ValidateManifestAsync(active, context, log, deltas, isActive: true, depth: 0, cancellationToken).ConfigureAwait(false);
        List<ManifestReport> manifests = [.. store.Manifests.Select(m => ManifestReportBuilder.Build(m, ReferenceEquals(m, active) ? signature : null))];
        ManifestReport activeReport = manifests[^1];
        return new ValidationReport
        {
            HasManifest = true,
            State = StateOf(log, deltas),
            ActiveManifest = active.Label,
            Manifests = manifests,
            ActiveManifestResults = log,
            IngredientDeltas = deltas,
            Summary = SummaryBuilder.Build(activeReport),
            MimeType = mimeType,
        };
    }

    /// <summary>Synchronous <see cref="VerifyAsync"/>.</summary>
    public static ValidationReport Verify(Stream asset, VerificationOptions? options = null)
        => VerifyAsync(asset, options).GetAwaiter().GetResult();

    /// <summary>Verifies a file.</summary>
    public static async Task<ValidationReport> VerifyFileAsync(string path, VerificationOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await VerifyAsync(stream, options, cancellationToken).ConfigureAwait(false);
    }

    // C2PA 2.2 §14.3, as c2pa-rs applies it: Valid needs a validated signature inside the signer's validity and no
    // failure but an untrusted signer (anywhere in the chain of ingredients); Trusted needs a trusted signer and no failure.
    private static ValidationState StateOf(StatusLog log, IReadOnlyList<IngredientDelta> deltas)
    {
        IEnumerable<ValidationStatus> failures = log.Failure.Concat(deltas.SelectMany(d => d.ValidationDeltas.Failure));
        bool valid = log.Success.Any(s => s.Code == StatusCodes.ClaimSignatureValidated)
            && log.Success.Any(s => s.Code == StatusCodes.ClaimSignatureInsideValidity)
            && failures.All(f => f.Code == StatusCodes.SigningCredentialUntrusted);
        if (!valid)
        {
            return ValidationState.Invalid;
        }

        return log.Success.Any(s => s.Code == StatusCodes.SigningCredentialTrusted) && !failures.Any()
            ? ValidationState.Trusted
            : ValidationState.Valid;
    }

    private static ValidationReport Malformed(string mimeType, string explanation)
    {
        var log = new StatusLog();
        log.AddFailure(StatusCodes.ManifestMalformed, null, explanation);
        return new ValidationReport { HasManifest = true, State = ValidationState.Invalid, ActiveManifestResults = log, MimeType = mimeType };
    }

    private static async Task<byte[]> ReadHeaderAsync(Stream stream, int size, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        byte[] header = new byte[size];
        int read = await stream.ReadAtLeastAsync(header, size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return header[..read];
    }
}
