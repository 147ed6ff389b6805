using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Proves that the asset's bytes are the ones signed (C2PA 2.2 §15.12): the hard binding of the manifest that binds the
/// asset is checked once, against where the store really sits. For a standard active manifest that is the manifest
/// itself; an update manifest binds the content through the manifest it updates (its <c>parentOf</c> ingredient,
/// followed through further update manifests), as c2pa-rs finds it.
/// </summary>
internal static class HardBindingValidator
{
    /// <summary>
    /// The manifest whose hard binding covers the asset, or null when there is none. The <c>parentOf</c> ingredients
    /// followed are only those whose hashed URIs matched in their claims: a box slipped into an update manifest's assertion
    /// store cannot point the binding elsewhere.
    /// </summary>
    public static Manifest? FindBindingManifest(ManifestStore store, Manifest active, ManifestCheck activeCheck, ValidationContext context)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Manifest? current = active;
        while (current is not null && visited.Add(current.Label))
        {
            if (current.Kind == ManifestKind.Standard)
            {
                return current;
            }

            if (current.Kind != ManifestKind.Update)
            {
                return null;
            }

            ManifestCheck check = ReferenceEquals(current, active) ? activeCheck : CheckQuietly(current, context);
            current = ParentOf(store, check);
        }

        return null;
    }

    public static async Task ValidateAsync(Manifest binding, Manifest active, ManifestCheck activeCheck, ValidationContext context, StatusLog log, CancellationToken cancellationToken)
    {
        string manifestUrl = JumbfUri.Absolute(C2paLabels.ManifestStore, binding.Label);
        ManifestCheck check = ReferenceEquals(binding, active) ? activeCheck : CheckQuietly(binding, context);
        if (check.Claim is not { } claim)
        {
            log.AddFailure(StatusCodes.ClaimHardBindingsMissing, manifestUrl, "the manifest that binds the asset has no readable claim");
            return;
        }

        // Only created assertions (all assertions for a 1.x claim) whose hashed URI matched can bind the content.
        List<KeyValuePair<string, JumbfSuperBox>> bindings = [.. check.Assertions.Where(a => C2paLabels.IsHardBinding(a.Key) && IsCreated(claim, a.Key))];
        if (bindings.Count == 0)
        {
            log.AddFailure(StatusCodes.ClaimHardBindingsMissing, manifestUrl, "the manifest has no hard binding assertion");
            return;
        }

        if (bindings.Count > 1)
        {
            log.AddFailure(StatusCodes.AssertionMultipleHardBindings, manifestUrl, "the manifest has more than one hard binding assertion");
            return;
        }

        (string label, JumbfSuperBox box) = bindings[0];
        string url = JumbfUri.Absolute(C2paLabels.ManifestStore, binding.Label, C2paLabels.AssertionStore, label);
        bool isDataHash = C2paLabels.StripInstance(label) == C2paLabels.DataHash;
        if (!context.CheckContent && !isDataHash)
        {
            return; // verification after signing: the media was hashed from the output's own bytes a moment ago
        }

        if (context.Asset is null)
        {
            log.AddFailure(isDataHash ? StatusCodes.AssertionDataHashMismatch : StatusCodes.AssertionBmffHashMismatch, url, "the manifest store was read without its asset, so the content it binds could not be checked");
            return;
        }

        if (isDataHash)
        {
            await ValidateDataHashAsync(box, claim, context, log, url, updated: !ReferenceEquals(binding, active), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await BmffBindingValidator.ValidateAsync(label, box, claim, context, log, url, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Manifest? ParentOf(ManifestStore store, ManifestCheck check)
    {
        foreach ((string label, JumbfSuperBox box) in check.Assertions)
        {
            if (IngredientValidator.IsIngredient(label)
                && IngredientValidator.Decode(box) is { } ingredient
                && ingredient.GetValueOrDefault("relationship") is Cbor.CborTextString { Value: "parentOf" }
                && (ingredient.GetValueOrDefault("activeManifest") ?? ingredient.GetValueOrDefault("c2pa_manifest")) is Cbor.CborMap reference
                && reference.GetValueOrDefault("url") is Cbor.CborTextString referenceUrl
                && JumbfUri.ManifestLabelOf(referenceUrl.Value) is { } parentLabel)
            {
                return store.FindManifest(parentLabel);
            }
        }

        return null;
    }

    // The binding manifest of an update manifest is also validated as its ingredient, where its findings are reported;
    // here only its claim and its hash-checked assertions are needed.
    private static ManifestCheck CheckQuietly(Manifest manifest, ValidationContext context)
    {
        try
        {
            Claim claim = manifest.ParseClaim();
            return new ManifestCheck(claim, null, AssertionValidator.Validate(manifest, claim, context, new StatusLog()));
        }
        catch (ProvenanceFormatException)
        {
            return ManifestCheck.Unreadable;
        }
    }

    private static bool IsCreated(Claim claim, string label)
        => claim.Version == 1 || claim.CreatedAssertions.Any(u => u.Url.EndsWith("/" + label, StringComparison.Ordinal));

    private static async Task ValidateDataHashAsync(JumbfSuperBox box, Claim claim, ValidationContext context, StatusLog log, string url, bool updated, CancellationToken cancellationToken)
    {
        if (!BindingAssertions.TryRead(box, StatusCodes.AssertionDataHashMalformed, log, url, out DataHashAssertion? dataHash)
            || !BindingAssertions.TryResolveAlgorithm(dataHash.Algorithm, claim, log, url, out HashAlgorithmName hashName))
        {
            return;
        }

        Stream asset = context.Asset!;
        long length = asset.Length;
        ExclusionRange? store = context.Embedded?.Range;
        IReadOnlyList<ExclusionRange> exclusions = dataHash.Exclusions;
        if (updated && store is { } grown)
        {
            // An update manifest made the store longer after the binding manifest was signed: the exclusion that starts
            // where the store starts now spans the whole store, and later exclusions move by as much (as c2pa-rs does).
            exclusions = Regrow(exclusions, grown);
        }

        long previousEnd = 0;
        foreach (ExclusionRange range in exclusions)
        {
            if (range.Start < previousEnd)
            {
                log.AddFailure(StatusCodes.AssertionDataHashMalformed, url, "the exclusions overlap or are out of order");
                return;
            }

            if (range.End > length || range.End < range.Start)
            {
                log.AddFailure(StatusCodes.AssertionDataHashMismatch, url, $"exclusion {range.Start}+{range.Length} runs past the end of the asset ({length} bytes)");
                return;
            }

            previousEnd = range.End;
        }

        // The exclusion must be exactly the store as it sits in the asset (C2PA 2.2 §15.12.1): room around the store
        // inside an exclusion could hold bytes that nobody hashed, such as a JPEG segment slipped in beside it.
        if (store is { } actual && !exclusions.Any(r => r.Start == actual.Start && r.Length == actual.Length))
        {
            log.AddFailure(StatusCodes.AssertionDataHashMismatch, url, $"data hash exclusion does not match the manifest location in the asset (the store is at {actual.Start}+{actual.Length}; the exclusions are {Describe(exclusions)})");
            return;
        }

        if (exclusions.Count > 1)
        {
            log.AddInformational(StatusCodes.AssertionDataHashAdditionalExclusions, url, "extra data hash exclusions found: " + Describe(exclusions));
        }

        if (!context.CheckContent)
        {
            return; // verification after signing: the exclusions are checked against where the store landed, the bytes were hashed as written
        }

        asset.Position = 0;
        byte[] hash = !updated && context.Prefetch?.TryTake(box, hashName) is { } early
            ? await early.ConfigureAwait(false)
            : await StreamHasher.HashAsync(asset, hashName, exclusions, context.Options.Progress, cancellationToken).ConfigureAwait(false);
        if (hash.AsSpan().SequenceEqual(dataHash.Hash.Span))
        {
            log.AddSuccess(StatusCodes.AssertionDataHashMatch, url, "data hash valid");
        }
        else
        {
            log.AddFailure(StatusCodes.AssertionDataHashMismatch, url, "asset hash error, name: " + (dataHash.Name ?? "data hash") + ", error: hash does not match");
        }
    }

    private static List<ExclusionRange> Regrow(IReadOnlyList<ExclusionRange> exclusions, ExclusionRange store)
    {
        int index = -1;
        for (int i = 0; i < exclusions.Count; i++)
        {
            if (exclusions[i].Start == store.Start)
            {
                index = i;
            }
        }

        if (index < 0)
        {
            return [.. exclusions];
        }

        long growth = Math.Max(0, store.Length - exclusions[index].Length);
        return [.. exclusions.Select((r, i) => i == index ? store : r.Start > store.Start ? new ExclusionRange(r.Start + growth, r.Length) : r)];
    }

    private static string Describe(IEnumerable<ExclusionRange> exclusions) => string.Join(", ", exclusions.Select(r => $"{r.Start}+{r.Length}"));
}
