using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>What validating one manifest found: its claim, signer and hash-checked assertions (by label).</summary>
internal sealed record ManifestCheck(Claim? Claim, SignatureInfo? Signature, IReadOnlyDictionary<string, JumbfSuperBox> Assertions)
{
    public static ManifestCheck Unreadable { get; } = new(null, null, new Dictionary<string, JumbfSuperBox>());

    /// <summary>
    /// Whether the manifest's own checks passed: its claim signature validated inside the signer's validity, and no
    /// failure but tolerated ones (an untrusted signer) among its signature, assertions and actions. Its ingredients and
    /// the content binding are judged apart.
    /// </summary>
    public bool Validated { get; init; }
}

/// <summary>Validates one manifest of a store (C2PA 2.2 §15), appending status codes to a log.</summary>
internal static class ManifestValidator
{
    /// <summary>
    /// Validates one manifest: claim, signature, assertions, actions and the rules of update manifests; then, when
    /// <paramref name="recurse"/>, its ingredients. The hard binding is not checked here: it is checked once, on the
    /// manifest that binds the asset (<see cref="HardBindingValidator"/>).
    /// </summary>
    public static async Task<ManifestCheck> ValidateManifestAsync(Manifest manifest, ValidationContext context, StatusLog log, IngredientDeltas deltas, int depth, bool recurse, CancellationToken cancellationToken)
    {
        ManifestCheck check = await ValidateCoreAsync(manifest, context, log, deltas, depth, recurse, cancellationToken).ConfigureAwait(false);
        if (!context.Checks.ContainsKey(manifest.Label))
        {
            context.Checks[manifest.Label] = check;
        }

        return check;
    }

    private static async Task<ManifestCheck> ValidateCoreAsync(Manifest manifest, ValidationContext context, StatusLog log, IngredientDeltas deltas, int depth, bool recurse, CancellationToken cancellationToken)
    {
        string manifestUrl = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label);
        if (manifest.Kind == ManifestKind.Compressed)
        {
            log.AddFailure(StatusCodes.ManifestInaccessible, manifestUrl, "compressed manifests are not supported yet");
            return ManifestCheck.Unreadable;
        }

        if (manifest.ClaimBoxCount == 0)
        {
            log.AddFailure(StatusCodes.ClaimMissing, manifestUrl, "the manifest has no claim");
            return ManifestCheck.Unreadable;
        }

        if (manifest.ClaimBoxCount > 1)
        {
            log.AddFailure(StatusCodes.ClaimMultiple, manifestUrl, "the manifest has more than one claim");
            return ManifestCheck.Unreadable;
        }

        Claim claim;
        try
        {
            claim = manifest.ParseClaim();
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(ex.Layer == FormatLayer.Cbor ? StatusCodes.ClaimCborInvalid : StatusCodes.ClaimMalformed, manifestUrl, ex.Message);
            return ManifestCheck.Unreadable;
        }

        int successBefore = log.Success.Count;
        int failuresBefore = log.Failure.Count;
        SignatureInfo? signature = await SignatureValidator.ValidateAsync(manifest, claim, context, log, cancellationToken).ConfigureAwait(false);
        Dictionary<string, JumbfSuperBox> assertions = AssertionValidator.Validate(manifest, claim, context, log);
        ActionValidator.Validate(manifest, claim, assertions, log);
        if (manifest.Kind == ManifestKind.Update)
        {
            UpdateManifestRules.Validate(manifest, claim, assertions, log);
        }

        Identity.IdentityValidator.Validate(manifest, claim, assertions, context, log);
        bool validated = log.Success.Skip(successBefore).Any(s => s.Code == StatusCodes.ClaimSignatureValidated)
            && log.Failure.Skip(failuresBefore).All(f => StatusCodes.IsToleratedForValid(f.Code));
        var check = new ManifestCheck(claim, signature, assertions) { Validated = validated };

        // A manifest met twice (two ingredients share it) validated only if it did both times.
        context.Checks[manifest.Label] = context.Checks.TryGetValue(manifest.Label, out ManifestCheck? earlier) && !earlier.Validated
            ? check with { Validated = false }
            : check;

        if (recurse)
        {
            if (depth >= context.Options.MaxIngredientDepth)
            {
                log.AddFailure(StatusCodes.GeneralError, manifestUrl, $"the chain of ingredients is deeper than {context.Options.MaxIngredientDepth} manifests");
            }
            else
            {
                await IngredientValidator.ValidateAsync(manifest, assertions, context, log, deltas, depth, cancellationToken).ConfigureAwait(false);
            }
        }

        return check;
    }
}
