using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// What ingredients recorded about their manifests when they were added (<c>validationResults</c> of v3 ingredients,
/// <c>validationStatus</c> of v1/v2 ones). Like c2pa-rs, a status found now that an ingredient already recorded is not a
/// delta: only differences between then and now are reported under <c>ingredientDeltas</c> (C2PA 2.2 §15.11.2).
/// c2pa-rs reads them from every ingredient of every manifest in the store; Provenance only from the ingredients it
/// validated (docs/conformance.md).
/// </summary>
internal sealed class RecordedResults
{
    private readonly HashSet<(string Code, string? Url, StatusKind Kind)> _recorded = [];

    /// <summary>Whether a status found now was recorded by an ingredient (same code, URL and kind).</summary>
    public bool Contains(ValidationStatus status, StatusKind kind) => _recorded.Contains((status.Code, status.Url, kind));

    /// <summary>The kind c2pa-rs gives a code when it reads recorded statuses (recorded lists do not say).</summary>
    public static StatusKind KindOf(string code) => code switch
    {
        StatusCodes.ClaimSignatureValidated or StatusCodes.ClaimSignatureInsideValidity or StatusCodes.SigningCredentialTrusted
            or StatusCodes.SigningCredentialOcspNotRevoked or StatusCodes.TimeStampTrusted or StatusCodes.TimeStampValidated
            or StatusCodes.AssertionHashedUriMatch or StatusCodes.AssertionDataHashMatch or StatusCodes.AssertionBmffHashMatch
            or "assertion.accessible" or "assertion.boxesHash.match" or "assertion.collectionHash.match"
            or StatusCodes.IngredientManifestValidated or StatusCodes.IngredientManifestMissing
            or StatusCodes.IngredientClaimSignatureValidated or "cawg.x509.credential.trusted" or "cawg.x509.signature.validated" => StatusKind.Success,
        StatusCodes.SigningCredentialOcspSkipped or StatusCodes.SigningCredentialOcspInaccessible or StatusCodes.SigningCredentialOcspUnknown
            or StatusCodes.TimeStampUntrusted or StatusCodes.TimeStampOutsideValidity or StatusCodes.TimeStampMismatch
            or StatusCodes.TimeStampMalformed or "manifest.unknownProvenance" or StatusCodes.AlgorithmDeprecated
            or "timeOfSigning.insideValidity" or StatusCodes.IngredientUnknownProvenance
            or StatusCodes.AssertionDataHashAdditionalExclusions or "cawg.ica.untrusted_issuer" => StatusKind.Informational,
        _ => StatusKind.Failure,
    };

    /// <summary>
    /// Adds what one ingredient assertion recorded. Only assertions of manifests on the validated chain whose hashed
    /// URIs matched are read: a manifest slipped into the store could otherwise record failures it wants forgiven.
    /// </summary>
    public void AddFrom(CborMap ingredient)
    {
        string? label = (ingredient.GetValueOrDefault("activeManifest") ?? ingredient.GetValueOrDefault("c2pa_manifest")) is CborMap reference
            && reference.GetValueOrDefault("url") is CborTextString url
            ? JumbfUri.ManifestLabelOf(url.Value)
            : null;
        if (ingredient.GetValueOrDefault("validationResults") is CborMap results)
        {
            AddCodes(results.GetValueOrDefault("activeManifest") as CborMap, label);
            if (results.GetValueOrDefault("ingredientDeltas") is CborArray deltas)
            {
                foreach (CborMap delta in deltas.OfType<CborMap>())
                {
                    AddCodes(delta.GetValueOrDefault("validationDeltas") as CborMap, label);
                }
            }
        }
        else if (ingredient.GetValueOrDefault("validationStatus") is CborArray statuses)
        {
            AddList(statuses, label);
        }
    }

    private void AddCodes(CborMap? codes, string? label)
    {
        if (codes is null)
        {
            return;
        }

        foreach (string list in (string[])["success", "informational", "failure"])
        {
            if (codes.GetValueOrDefault(list) is CborArray entries)
            {
                AddList(entries, label);
            }
        }
    }

    private void AddList(CborArray entries, string? label)
    {
        foreach (CborMap entry in entries.OfType<CborMap>())
        {
            if (entry.GetValueOrDefault("code") is CborTextString code)
            {
                string? url = entry.GetValueOrDefault("url") is CborTextString u ? Absolute(u.Value, label) : null;
                _recorded.Add((code.Value, url, KindOf(code.Value)));
            }
        }
    }

    // Recorded URLs may be relative to the ingredient's manifest; c2pa-rs compares them in absolute form.
    private static string Absolute(string url, string? label)
    {
        if (label is null || !url.StartsWith(JumbfUri.Prefix, StringComparison.Ordinal)
            || !JumbfUri.TryParse(url, out bool isAbsolute, out IReadOnlyList<string> labels) || isAbsolute)
        {
            return url;
        }

        return JumbfUri.Absolute([C2paLabels.ManifestStore, label, .. labels]);
    }
}

/// <summary>Which list of a status map a status belongs to.</summary>
internal enum StatusKind
{
    Success,
    Informational,
    Failure,
}
