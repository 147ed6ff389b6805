using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>Validates one manifest of a store (C2PA 2.2 §15), appending status codes to a log.</summary>
internal static class ManifestValidator
{
    public static async Task<SignatureInfo?> ValidateManifestAsync(Manifest manifest, ValidationContext context, StatusLog log, List<IngredientDelta> deltas, bool isActive, int depth, CancellationToken cancellationToken)
    {
        string manifestUrl = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label);
        if (manifest.Kind == ManifestKind.Compressed)
        {
            log.AddFailure(StatusCodes.ManifestInaccessible, manifestUrl, "compressed manifests are not supported yet");
            return null;
        }

        if (manifest.ClaimBoxCount == 0)
        {
            log.AddFailure(StatusCodes.ClaimMissing, manifestUrl, "the manifest has no claim");
            return null;
        }

        if (manifest.ClaimBoxCount > 1)
        {
            log.AddFailure(StatusCodes.ClaimMultiple, manifestUrl, "the manifest has more than one claim");
            return null;
        }

        Claim claim;
        try
        {
            claim = manifest.ParseClaim();
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(ex.Layer == "CBOR" ? StatusCodes.ClaimCborInvalid : StatusCodes.ClaimMalformed, manifestUrl, ex.Message);
            return null;
        }

        SignatureInfo? signature = SignatureValidator.Validate(manifest, claim, context, log);
        Dictionary<string, JumbfSuperBox> assertions = AssertionValidator.Validate(manifest, claim, context, log);
        ActionValidator.Validate(manifest, claim, assertions, log);
        if (manifest.Kind == ManifestKind.Standard)
        {
            await HardBindingValidator.ValidateAsync(manifest, assertions, claim, context, log, checkContent: isActive, cancellationToken).ConfigureAwait(false);
        }

        await IngredientValidator.ValidateAsync(manifest, assertions, context, log, deltas, depth, cancellationToken).ConfigureAwait(false);
        return signature;
    }
}
