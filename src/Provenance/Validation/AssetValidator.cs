using Provenance.Cbor;
using Provenance.Formats;
using Provenance.Formats.Xmp;
using Provenance.IO;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// The verification pipeline (<see cref="ManifestVerifier"/> is its public face; signing calls it directly to check its
/// output and its ingredients): detects the format, asks its handler for the manifest store, validates the active
/// manifest (signature, certificate, time-stamp, assertions, hard binding) and its ingredients, and reports the verdict
/// in c2pa-rs's terms. Every limit, the clock and the trust anchors come from the caller's
/// <see cref="VerificationOptions"/>; nothing below it takes a default.
/// </summary>
internal static class AssetValidator
{
    /// <summary>Validates the manifests of <paramref name="asset"/>, read from its current position.</summary>
    /// <param name="asset">The asset; buffered to a temporary file first if it is not seekable.</param>
    /// <param name="fragment">For a fragmented asset's init segment, one of its media segments; otherwise null.</param>
    /// <param name="options">The caller's options: limits, clock, trust anchors, progress.</param>
    /// <param name="checkContent">Whether the hard binding is re-hashed over the asset (false only after signing in place).</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    /// <exception cref="UnsupportedFormatException">The asset is not a supported format, or is a media segment without its init segment.</exception>
    /// <exception cref="ProvenanceFormatException">The asset's container is malformed.</exception>
    public static async Task<ValidationReport> ValidateAsync(Stream asset, Stream? fragment, VerificationOptions options, bool checkContent, CancellationToken cancellationToken)
    {
        using CborDecodeScope.Scope cbor = CborDecodeScope.Enter(options.ReadOptions.MaxCborDepth, options.ReadOptions.MaxCborItems);
        if (!asset.CanSeek)
        {
            await using Stream buffered = await options.ReadOptions.BufferAsync(asset, cancellationToken).ConfigureAwait(false);
            return await ValidateAsync(buffered, fragment, options, checkContent, cancellationToken).ConfigureAwait(false);
        }

        // One budget for the asset and its media segment (AssetReadOptions.MaxBytesRead): every read of either is charged to it.
        var budget = options.ReadOptions.ReadBudgetFor(asset.Length - asset.Position + (fragment is { CanSeek: true } ? fragment.Length : 0));
        using var window = new SubStream(asset, asset.Position, budget: budget);
        using SubStream? fragmentWindow = fragment is { CanSeek: true } ? new SubStream(fragment, 0, budget: budget) : null;
        ValidationReport report = await ValidateWindowAsync(window, fragmentWindow ?? fragment, options, checkContent, cancellationToken).ConfigureAwait(false);

        // A read refused for the budget may have been caught on the way and reported as a mismatch: the refusal stands instead.
        budget.ThrowIfSpent();
        return report;
    }

    private static async Task<ValidationReport> ValidateWindowAsync(SubStream window, Stream? fragment, VerificationOptions options, bool checkContent, CancellationToken cancellationToken)
    {
        byte[] header = await ReadHeaderAsync(window, 16, cancellationToken).ConfigureAwait(false);
        if (header.Length >= 8 && header.AsSpan(4, 4).SequenceEqual("jumb"u8))
        {
            return await VerifySidecarAsync(window, options, cancellationToken).ConfigureAwait(false);
        }

        if (fragment is null && IsMediaSegment(header))
        {
            // C2PA 2.2 §A.5.4: a media segment carries no manifest of its own; its init segment does.
            throw new UnsupportedFormatException(FormatLayer.Bmff, 0, "this is a media segment (it starts with a styp or moof box) and carries no manifest; verify it with its init segment (verify <segment> --init <init segment>)", SupportedFormats.ForVerifying);
        }

        IAssetFormat format = AssetFormats.Detect(window, out string mimeType)
            ?? throw SupportedFormats.NotRecognised("the asset", SupportedFormats.ForVerifying);
        IAssetHandler handler = format.CreateHandler();
        EmbeddedManifestStore? embedded = handler.ReadManifestStore(window, options.ReadOptions, cancellationToken);
        if (embedded is not null)
        {
            return await ValidateWithStoreAsync(window, fragment, handler, mimeType, embedded.Store, embedded, ManifestSource.Embedded, null, options, checkContent, cancellationToken).ConfigureAwait(false);
        }

        if (XmpProvenance.FindRemoteManifestUrl(window, handler, options.ReadOptions, cancellationToken) is not { } remote)
        {
            return new ValidationReport { HasManifest = false, State = null, MimeType = mimeType };
        }

        // C2PA 2.2 §11.3: the manifest lives elsewhere, and is fetched only from the hosts the caller allows.
        RemoteManifestFetch fetched = await RemoteManifestFetcher.FetchAsync(remote, options, cancellationToken).ConfigureAwait(false);
        return fetched.Store is { } fetchedStore
            ? await ValidateWithStoreAsync(window, fragment, handler, mimeType, fetchedStore, null, ManifestSource.Remote, remote, options, checkContent, cancellationToken).ConfigureAwait(false)
            : RemoteOnly(mimeType, remote, fetched.Problem!);
    }

    /// <summary>
    /// Validates <paramref name="asset"/> against a manifest store kept apart from it (a <c>.c2pa</c> sidecar, C2PA 2.2
    /// §11.2), read from <paramref name="manifestStore"/>: the store's hard binding must match the asset's bytes as they are.
    /// </summary>
    /// <exception cref="UnsupportedFormatException">The asset is not a supported format.</exception>
    /// <exception cref="ProvenanceFormatException">The asset's container is malformed, or the store is larger than the limit.</exception>
    public static async Task<ValidationReport> ValidateDetachedAsync(Stream asset, Stream manifestStore, VerificationOptions options, bool checkContent, CancellationToken cancellationToken)
    {
        using CborDecodeScope.Scope cbor = CborDecodeScope.Enter(options.ReadOptions.MaxCborDepth, options.ReadOptions.MaxCborItems);
        byte[] storeBytes = await ReadStoreAsync(manifestStore, options, cancellationToken).ConfigureAwait(false);
        if (!asset.CanSeek)
        {
            await using Stream buffered = await options.ReadOptions.BufferAsync(asset, cancellationToken).ConfigureAwait(false);
            return await ValidateDetachedAsync(buffered, storeBytes, options, checkContent, cancellationToken).ConfigureAwait(false);
        }

        return await ValidateDetachedAsync(asset, storeBytes, options, checkContent, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ValidationReport> ValidateDetachedAsync(Stream asset, byte[] storeBytes, VerificationOptions options, bool checkContent, CancellationToken cancellationToken)
    {
        var budget = options.ReadOptions.ReadBudgetFor(asset.Length - asset.Position);
        using var window = new SubStream(asset, asset.Position, budget: budget);
        IAssetFormat format = AssetFormats.Detect(window, out string mimeType)
            ?? throw SupportedFormats.NotRecognised("the asset", SupportedFormats.ForVerifying);
        IAssetHandler handler = format.CreateHandler();

        // A store embedded as well is excluded from the data hash as usual, and must sit exactly where the exclusion says.
        EmbeddedManifestStore? embedded = handler.ReadManifestStore(window, options.ReadOptions, cancellationToken);
        ValidationReport report = await ValidateWithStoreAsync(window, null, handler, mimeType, storeBytes, embedded, ManifestSource.Sidecar, null, options, checkContent, cancellationToken).ConfigureAwait(false);
        budget.ThrowIfSpent();
        return report;
    }

    private static async Task<ValidationReport> ValidateWithStoreAsync(Stream window, Stream? fragment, IAssetHandler handler, string mimeType, byte[] storeBytes, EmbeddedManifestStore? embedded, ManifestSource source, string? remoteUrl, VerificationOptions options, bool checkContent, CancellationToken cancellationToken)
    {
        ManifestStore store;
        try
        {
            store = ManifestStore.Parse(storeBytes, options.ReadOptions.ForJumbf());
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

        // The content hash starts now on another core, so that it overlaps everything below instead of following it.
        await using HashPrefetch? prefetch = checkContent && fragment is null && window is SubStream view
            ? HashPrefetch.TryStart(active, view, handler, options, cancellationToken)
            : null;
        var context = new ValidationContext(options, store, window, handler, embedded)
        {
            Fragment = fragment,
            CheckContent = checkContent,
            Prefetch = prefetch,
            Redactions = RedactionsOf(store),
            TimeStampAssertions = TimeStampValidator.ReadTimeStampAssertions(store, active, options),
        };
        return await ValidateStoreAsync(context, active, mimeType, source, remoteUrl, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadStoreAsync(Stream stream, VerificationOptions options, CancellationToken cancellationToken)
    {
        long limit = options.ReadOptions.MaxManifestStoreSize;
        return await BoundedReads.ReadToEndAsync(stream, limit, cancellationToken).ConfigureAwait(false)
            ?? throw new ProvenanceFormatException(FormatLayer.Jumbf, 0, $"the manifest store is more than the limit of {limit} bytes ({nameof(AssetReadOptions.MaxManifestStoreSize)})");
    }

    private static async Task<ValidationReport> ValidateStoreAsync(ValidationContext context, Manifest active, string mimeType, ManifestSource source, string? remoteUrl, CancellationToken cancellationToken)
    {
        ManifestStore store = context.Store;
        var log = new StatusLog();
        var deltas = new IngredientDeltas();
        context.Visited.Add(active.Label);
        ManifestCheck check = await ManifestValidator.ValidateManifestAsync(active, context, log, deltas, depth: 0, recurse: true, cancellationToken).ConfigureAwait(false);

        // The content is bound once, by the manifest that binds the asset; its result belongs to the active manifest.
        Manifest? binding = HardBindingValidator.FindBindingManifest(store, active, check, context);
        if (binding is null)
        {
            log.AddFailure(StatusCodes.ClaimHardBindingsMissing, JumbfUri.Absolute(C2paLabels.ManifestStore, active.Label), active.Kind == ManifestKind.Update
                ? "the update manifest's parentOf ingredient does not lead to a manifest with a hard binding"
                : "the active manifest binds no content");
        }
        else
        {
            await HardBindingValidator.ValidateAsync(binding, active, check, context, log, cancellationToken).ConfigureAwait(false);
        }

        // Only differences from what the ingredients recorded when they were added are deltas (c2pa-rs's rule).
        foreach (IngredientDelta delta in deltas.All)
        {
            delta.ValidationDeltas.RemoveWhere((status, kind) => !IsInManifest(status.Url, active.Label) && context.Recorded.Contains(status, kind));
        }

        IReadOnlyList<IngredientDelta> reported = deltas.NonEmpty();
        List<ManifestReport> manifests = [.. store.Manifests.Select(m => ManifestReportBuilder.Build(m, context, reported))];
        ValidationState state = StateOf(log, reported);
        return new ValidationReport
        {
            HasManifest = true,
            State = state,
            ContentIntact = log.Success.Any(s => IsBindingMatch(s.Code)),
            ActiveManifest = active.Label,
            Manifests = manifests,
            ActiveManifestResults = log,
            IngredientDeltas = reported,
            Summary = SummaryBuilder.Build(manifests, active.Label, state),
            MimeType = mimeType,
            ManifestSource = source,
            RemoteManifestUrl = remoteUrl,
        };
    }

    // A standalone manifest store (a .c2pa sidecar): its manifests are validated, but with no asset nothing proves
    // what content they bind, so the state is at best Invalid with the binding's mismatch, as c2pa-rs reports it.
    private static async Task<ValidationReport> VerifySidecarAsync(Stream stream, VerificationOptions options, CancellationToken cancellationToken)
    {
        const string mimeType = "application/c2pa";
        stream.Position = 0;
        byte[] bytes = await ReadStoreAsync(stream, options, cancellationToken).ConfigureAwait(false);
        ManifestStore store;
        try
        {
            store = ManifestStore.Parse(bytes, options.ReadOptions.ForJumbf());
        }
        catch (ProvenanceFormatException ex)
        {
            return Malformed(mimeType, ex.Message);
        }

        if (store.ActiveManifest is not { } active)
        {
            return Malformed(mimeType, "the manifest store holds no manifest");
        }

        var context = new ValidationContext(options, store, null, null, null)
        {
            Redactions = RedactionsOf(store),
            TimeStampAssertions = TimeStampValidator.ReadTimeStampAssertions(store, active, options),
        };
        return await ValidateStoreAsync(context, active, mimeType, ManifestSource.Sidecar, null, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsMediaSegment(byte[] header)
        => header.Length >= 8 && (header.AsSpan(4, 4).SequenceEqual("styp"u8) || header.AsSpan(4, 4).SequenceEqual("moof"u8));

    // C2PA 2.2 §11.3: the manifest lives elsewhere and was not fetched (not allowed, or the fetch failed), so nothing is
    // proven: the report says where the manifest is, with a failure that names it and why it was not read.
    private static ValidationReport RemoteOnly(string mimeType, string url, string problem)
    {
        var log = new StatusLog();
        log.AddFailure(StatusCodes.ManifestInaccessible, url, $"the asset's only manifest is remote, at {url}; {problem}");
        return new ValidationReport { HasManifest = true, State = ValidationState.Invalid, ActiveManifestResults = log, MimeType = mimeType, RemoteManifestUrl = url, ManifestSource = ManifestSource.Remote };
    }

    private static bool IsInManifest(string? url, string label)
        => url is not null && JumbfUri.ManifestLabelOf(url) == label;

    private static List<string> RedactionsOf(ManifestStore store)
    {
        var redactions = new List<string>();
        foreach (Manifest manifest in store.Manifests)
        {
            try
            {
                redactions.AddRange(manifest.ParseClaim().RedactedAssertions);
            }
            catch (ProvenanceFormatException)
            {
                // An unreadable claim redacts nothing; its manifest reports the problem.
            }
        }

        return redactions;
    }

    // C2PA 2.2 §14.3, as c2pa-rs applies it, with one more condition of ours: Valid needs a validated signature inside
    // the signer's validity, no failure but tolerated ones (an untrusted signer, a CAWG X.509 identity problem) anywhere
    // in the chain, and, proven rather than assumed, a hard binding that matched the asset's bytes. Trusted needs a
    // trusted signer and no failure at all.
    private static ValidationState StateOf(StatusLog log, IReadOnlyList<IngredientDelta> deltas)
    {
        IEnumerable<ValidationStatus> failures = log.Failure.Concat(deltas.SelectMany(d => d.ValidationDeltas.Failure));
        bool valid = log.Success.Any(s => s.Code == StatusCodes.ClaimSignatureValidated)
            && log.Success.Any(s => s.Code == StatusCodes.ClaimSignatureInsideValidity)
            && log.Success.Any(s => IsBindingMatch(s.Code))
            && failures.All(f => StatusCodes.IsToleratedForValid(f.Code));
        if (!valid)
        {
            return ValidationState.Invalid;
        }

        return log.Success.Any(s => s.Code == StatusCodes.SigningCredentialTrusted) && !failures.Any()
            ? ValidationState.Trusted
            : ValidationState.Valid;
    }

    private static bool IsBindingMatch(string code)
        => code is StatusCodes.AssertionDataHashMatch or StatusCodes.AssertionBmffHashMatch;

    private static ValidationReport Malformed(string? mimeType, string explanation)
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
