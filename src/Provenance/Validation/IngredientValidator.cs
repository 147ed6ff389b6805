using Provenance.Cbor;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Validates a manifest's ingredients (C2PA 2.2 §15.11) as c2pa-rs's <c>ingredient_checks</c> does: each ingredient that
/// references a manifest is matched against that manifest (the manifest-box hash, then the 1.x claim hash, then, when
/// the manifest was redacted, the claim-signature reference), and the manifest is validated in turn without a hard
/// binding (it bound an earlier asset). Everything found while checking one ingredient is logged under its ingredient
/// assertion, which becomes an entry of <c>ingredientDeltas</c>.
/// </summary>
internal static class IngredientValidator
{
    public static async Task ValidateAsync(Manifest manifest, IReadOnlyDictionary<string, JumbfSuperBox> assertions, ValidationContext context, StatusLog log, IngredientDeltas deltas, int depth, CancellationToken cancellationToken)
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

            // From here on, like c2pa-rs, what is found belongs to this ingredient's delta.
            StatusLog ingredientLog = deltas.For(url);
            context.Recorded.AddFrom(map);
            CborValue? reference = map.GetValueOrDefault("activeManifest") ?? map.GetValueOrDefault("c2pa_manifest");
            if (reference is null)
            {
                context.IngredientHashChecks[url] = IngredientHashCheck.NoManifest;
                // C2PA 2.2 §15.11.3.3: an ingredient without provenance is worth saying, unless it is only an input.
                if (relationship.Value != "inputTo")
                {
                    string title = map.GetValueOrDefault("dc:title") is CborTextString t ? t.Value : "no title";
                    ingredientLog.AddInformational(StatusCodes.IngredientUnknownProvenance, url, $"{title}: ingredient does not have provenance");
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
                ingredientLog.AddFailure(StatusCodes.AssertionIngredientMalformed, url, ex.Reason);
                context.IngredientHashChecks[url] = IngredientHashCheck.Mismatch;
                continue;
            }

            // C2PA 2.2 §15.11.2: a v3 ingredient records how its manifest validated when it was added.
            if (VersionOf(label) >= 3 && map.GetValueOrDefault("validationResults") is null)
            {
                ingredientLog.AddFailure(StatusCodes.AssertionIngredientMalformed, url, "a c2pa.ingredient.v3 assertion must carry validationResults");
            }

            // The reference names a manifest (or a box inside it, such as its claim): the manifest is found by label.
            string? targetLabel = JumbfUri.ManifestLabelOf(hashed.Url);
            Manifest? ingredientManifest = targetLabel is null ? null : context.Store.FindManifest(targetLabel);
            if (ingredientManifest is null)
            {
                ingredientLog.AddFailure(StatusCodes.IngredientManifestMissing, targetLabel ?? hashed.Url, $"ingredient manifest {hashed.Url} is not in the store");
                context.IngredientHashChecks[url] = IngredientHashCheck.Missing;
                continue;
            }

            IngredientHashCheck match = MatchIngredient(ingredientManifest, hashed, map, context, ingredientLog);
            context.IngredientHashChecks[url] = match;
            if (match is IngredientHashCheck.Mismatch)
            {
                continue;
            }

            await ManifestValidator.ValidateManifestAsync(ingredientManifest, context, ingredientLog, deltas, depth + 1, recurse: context.Visited.Add(ingredientManifest.Label), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The three ways c2pa-rs accepts an ingredient reference, in its order. Returns Mismatch when the ingredient
    /// manifest cannot be the one the ingredient was made from (then it is not validated further).
    /// </summary>
    private static IngredientHashCheck MatchIngredient(Manifest ingredientManifest, HashedUri hashed, CborMap ingredient, ValidationContext context, StatusLog log)
    {
        string manifestUrl = JumbfUri.Absolute(C2paLabels.ManifestStore, ingredientManifest.Label);
        Claim? claim = TryParseClaim(ingredientManifest);
        string algorithmName = hashed.Algorithm ?? claim?.Algorithm ?? "sha256";
        if (!C2paHashAlgorithms.TryParse(algorithmName, out var algorithm))
        {
            log.AddFailure(StatusCodes.AlgorithmUnsupported, hashed.Url, $"hash algorithm {algorithmName} is not allowed");
            return IngredientHashCheck.Mismatch;
        }

        bool redacted = context.Redactions.Any(r => r.Contains(ingredientManifest.Label, StringComparison.Ordinal));
        if (!redacted)
        {
            // C2PA 1.3 and later: the hash of the manifest box's payload.
            if (Matches(algorithm, ingredientManifest.Box.Payload.Span, hashed.Hash.Span))
            {
                log.AddSuccess(StatusCodes.IngredientManifestValidated, hashed.Url, "ingredient hash matched");
                return IngredientHashCheck.Matched;
            }

            // C2PA 1.0–1.2 ingredients hashed the claim's CBOR instead.
            if (ingredientManifest.ClaimBytes is { } claimBytes && Matches(algorithm, claimBytes.Span, hashed.Hash.Span))
            {
                return IngredientHashCheck.Matched;
            }

            log.AddFailure(StatusCodes.IngredientManifestMismatch, hashed.Url, $"ingredient manifest {ingredientManifest.Label} does not match the hash its ingredient recorded");
            return IngredientHashCheck.Mismatch;
        }

        if (ingredientManifest.ClaimVersion < 2)
        {
            // A redacted 1.x manifest has nothing left to compare: c2pa-rs goes on to validate it, and so do we.
            return IngredientHashCheck.NotChecked;
        }

        // A redaction changed the manifest box; the claim signature it was signed with must still be the same.
        if (ingredient.GetValueOrDefault("claimSignature") is not { } signatureReference)
        {
            log.AddFailure(StatusCodes.IngredientClaimSignatureMissing, hashed.Url, "the redacted ingredient has no claimSignature reference");
            return IngredientHashCheck.Mismatch;
        }

        JumbfSuperBox? signatureBox = ingredientManifest.Box.FindChild(C2paLabels.Signature);
        try
        {
            HashedUri signature = HashedUri.FromCbor(signatureReference);
            if (signatureBox is not null && Matches(algorithm, signatureBox.Payload.Span, signature.Hash.Span))
            {
                log.AddInformational(StatusCodes.IngredientClaimSignatureValidated, manifestUrl, "ingredient claimSignature validated");
                return IngredientHashCheck.Matched;
            }
        }
        catch (ProvenanceFormatException)
        {
            // A malformed reference is a mismatch.
        }

        log.AddFailure(StatusCodes.IngredientClaimSignatureMismatch, hashed.Url, "the redacted ingredient's claim signature does not match its claimSignature reference");
        return IngredientHashCheck.Mismatch;
    }

    private static bool Matches(System.Security.Cryptography.HashAlgorithmName algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> expected)
        => C2paHashAlgorithms.HashData(algorithm, data).AsSpan().SequenceEqual(expected);

    private static Claim? TryParseClaim(Manifest manifest)
    {
        try
        {
            return manifest.ParseClaim();
        }
        catch (ProvenanceFormatException)
        {
            return null;
        }
    }

    public static bool IsIngredient(string label)
        => C2paLabels.StripInstance(label) is C2paLabels.Ingredient or C2paLabels.IngredientV2 or C2paLabels.IngredientV3;

    /// <summary>1, 2 or 3, from the assertion label.</summary>
    public static int VersionOf(string label) => C2paLabels.StripInstance(label) switch
    {
        C2paLabels.IngredientV3 => 3,
        C2paLabels.IngredientV2 => 2,
        _ => 1,
    };

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
