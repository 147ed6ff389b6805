using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Checks that a standard manifest has exactly one hard binding and, for the active manifest, that it matches the
/// asset's bytes (C2PA 2.2 §15.12).
/// </summary>
internal static class HardBindingValidator
{
    public static async Task ValidateAsync(Manifest manifest, IReadOnlyDictionary<string, JumbfSuperBox> assertions, Claim claim, ValidationContext context, StatusLog log, bool checkContent, CancellationToken cancellationToken)
    {
        // Only created assertions (all assertions for a 1.x claim) can bind the content.
        List<KeyValuePair<string, JumbfSuperBox>> bindings = [.. assertions.Where(a => C2paLabels.IsHardBinding(a.Key) && IsCreated(claim, a.Key))];
        if (bindings.Count == 0)
        {
            log.AddFailure(StatusCodes.ClaimHardBindingsMissing, JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label), "the manifest has no hard binding assertion");
            return;
        }

        if (bindings.Count > 1)
        {
            log.AddFailure(StatusCodes.AssertionMultipleHardBindings, JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label), "the manifest has more than one hard binding assertion");
            return;
        }

        if (!checkContent || !context.CheckContent || context.Asset is null)
        {
            return;
        }

        (string label, JumbfSuperBox box) = bindings[0];
        string url = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label, C2paLabels.AssertionStore, label);
        switch (C2paLabels.StripInstance(label))
        {
            case C2paLabels.DataHash:
                await ValidateDataHashAsync(box, claim, context, log, url, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await BmffBindingValidator.ValidateAsync(label, box, claim, context, log, url, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static bool IsCreated(Claim claim, string label)
        => claim.Version == 1 || claim.CreatedAssertions.Any(u => u.Url.EndsWith("/" + label, StringComparison.Ordinal));

    private static async Task ValidateDataHashAsync(JumbfSuperBox box, Claim claim, ValidationContext context, StatusLog log, string url, CancellationToken cancellationToken)
    {
        if (!BindingAssertions.TryRead(box, DataHashAssertion.FromCbor, StatusCodes.AssertionDataHashMalformed, log, url, out DataHashAssertion? dataHash)
            || !BindingAssertions.TryResolveAlgorithm(dataHash.Algorithm, claim, log, url, out HashAlgorithmName hashName))
        {
            return;
        }

        Stream asset = context.Asset!;
        long length = asset.Length;
        long previousEnd = 0;
        foreach (ExclusionRange range in dataHash.Exclusions)
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

        // C2PA 2.2 §15.12.1: the store itself must lie inside an exclusion, or the hash could not have been computed.
        if (context.Embedded is { } embedded && !dataHash.Exclusions.Any(r => r.Start <= embedded.Range.Start && r.End >= embedded.Range.End))
        {
            log.AddFailure(StatusCodes.AssertionDataHashMismatch, url, "the manifest store is not inside the data hash exclusions");
            return;
        }

        asset.Position = 0;
        byte[] actual = await StreamHasher.HashAsync(asset, hashName, dataHash.Exclusions, context.Options.Progress, cancellationToken).ConfigureAwait(false);
        if (actual.AsSpan().SequenceEqual(dataHash.Hash.Span))
        {
            log.AddSuccess(StatusCodes.AssertionDataHashMatch, url, "data hash valid");
        }
        else
        {
            log.AddFailure(StatusCodes.AssertionDataHashMismatch, url, "asset hash error, name: " + (dataHash.Name ?? "data hash") + ", error: hash does not match");
        }
    }
}
