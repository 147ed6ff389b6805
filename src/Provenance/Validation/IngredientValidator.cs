using Provenance.Cbor;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Validates a manifest's ingredients (C2PA 2.2 §15.11): each ingredient that references a manifest in the store must
/// match that manifest's hash, and the referenced manifest is validated in turn (without a hard binding: it bound an
/// earlier asset). Results of ingredient manifests go to <c>ingredientDeltas</c>.
/// </summary>
internal static class IngredientValidator
{
    public static async Task ValidateAsync(Manifest manifest, IReadOnlyDictionary<string, JumbfSuperBox> assertions, ValidationContext context, StatusLog log, List<IngredientDelta> deltas, int depth, CancellationToken cancellationToken)
    {
        foreach ((string label, JumbfSuperBox box) in assertions)
        {
            if (!IsIngredient(label))
            {
                continue;
            }

            string url = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label, C2paLabels.AssertionStore, label);
            CborMap? map = Decode(box);
            if (map is null || map.GetValueOrDefault("relationship") is not CborTextString { Value: "parentOf" or "componentOf" or "inputTo" } relationship)
            {
                log.AddFailure(StatusCodes.AssertionIngredientMalformed, url, "the ingredient has no valid relationship");
                continue;
            }

            CborValue? reference = map.GetValueOrDefault("activeManifest") ?? map.GetValueOrDefault("c2pa_manifest");
            if (reference is null)
            {
                if (relationship.Value != "inputTo")
                {
                    log.AddInformational(StatusCodes.IngredientUnknownProvenance, url, "the ingredient has no manifest");
                }

                continue;
            }

            HashedUri hashed;
            try
            {
                hashed = HashedUri.FromCbor(reference);
            }
            catch (ProvenanceFormatException ex)
            {
                log.AddFailure(StatusCodes.AssertionIngredientMalformed, url, ex.Reason);
                continue;
            }

            JumbfSuperBox? target = JumbfUri.Resolve(context.Store.Root, manifest.Box, hashed.Url);
            Manifest? ingredientManifest = target is null ? null : context.Store.Manifests.FirstOrDefault(m => ReferenceEquals(m.Box, target));
            if (target is null || ingredientManifest is null)
            {
                log.AddFailure(StatusCodes.IngredientManifestMissing, url, $"ingredient manifest {hashed.Url} is not in the store");
                continue;
            }

            string algorithm = hashed.Algorithm ?? "sha256";
            if (!C2paHashAlgorithms.TryParse(algorithm, out var hashName)
                || !C2paHashAlgorithms.HashData(hashName, target.Payload.Span).AsSpan().SequenceEqual(hashed.Hash.Span))
            {
                log.AddFailure(StatusCodes.IngredientManifestMismatch, url, $"ingredient manifest {ingredientManifest.Label} does not match its hash");
                continue;
            }

            // Like c2pa-rs, the ingredient's own results (this match included) are reported under its ingredient assertion.
            var ingredientLog = new StatusLog();
            ingredientLog.AddSuccess(StatusCodes.IngredientManifestValidated, JumbfUri.Absolute(C2paLabels.ManifestStore, ingredientManifest.Label), "ingredient hash matched");
            deltas.Add(new IngredientDelta(url, ingredientLog));
            if (depth >= context.Options.MaxIngredientDepth || !context.InProgress.Add(ingredientManifest.Label))
            {
                continue;
            }

            await ManifestValidator.ValidateManifestAsync(ingredientManifest, context, ingredientLog, deltas, isActive: false, depth + 1, cancellationToken).ConfigureAwait(false);
            context.InProgress.Remove(ingredientManifest.Label);
        }
    }

    public static bool IsIngredient(string label)
        => C2paLabels.StripInstance(label) is C2paLabels.Ingredient or C2paLabels.IngredientV2 or C2paLabels.IngredientV3;

    public static CborMap? Decode(JumbfSuperBox box)
    {
        ReadOnlyMemory<byte>? content = box.FirstContent(FourCC.Cbor)?.Data;
        if (content is null)
        {
            return null;
        }

        try
        {
            return CborValue.Decode(content.Value) as CborMap;
        }
        catch (ProvenanceFormatException)
        {
            return null;
        }
    }
}
