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
        ValidateActions(manifest, assertions, log);
        if (manifest.Kind == ManifestKind.Standard)
        {
            await HardBindingValidator.ValidateAsync(manifest, assertions, claim, context, log, checkContent: isActive, cancellationToken).ConfigureAwait(false);
        }

        await IngredientValidator.ValidateAsync(manifest, assertions, context, log, deltas, depth, cancellationToken).ConfigureAwait(false);
        Identity.IdentityValidator.Validate(manifest, claim, assertions, context, log);
        return signature;
    }

    // C2PA 2.2 §15.10.3.2.2: the first action of a standard manifest must be c2pa.created or c2pa.opened, and only once.
    private static void ValidateActions(Manifest manifest, Dictionary<string, JumbfSuperBox> assertions, StatusLog log)
    {
        KeyValuePair<string, JumbfSuperBox> first = assertions.FirstOrDefault(a => C2paLabels.StripInstance(a.Key) is C2paLabels.ActionsV2 or C2paLabels.Actions);
        if (first.Value is null || manifest.Kind != ManifestKind.Standard)
        {
            return;
        }

        string url = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label, C2paLabels.AssertionStore, first.Key);
        ReadOnlyMemory<byte>? content = first.Value.FirstContent(FourCC.Cbor)?.Data;
        Assertions.ActionsAssertion actions;
        try
        {
            actions = Assertions.ActionsAssertion.FromCbor(content is null ? CborSimple.Null : CborValue.Decode(content.Value));
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(StatusCodes.AssertionActionMalformed, url, ex.Reason);
            return;
        }

        int createdOrOpened = actions.Actions.Count(a => a.Action is Assertions.C2paActions.Created or Assertions.C2paActions.Opened);
        if (createdOrOpened > 1)
        {
            log.AddFailure(StatusCodes.AssertionActionMalformed, url, "more than one c2pa.created or c2pa.opened action");
        }
    }
}
