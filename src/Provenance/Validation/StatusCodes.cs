namespace Provenance.Validation;

/// <summary>The C2PA status codes Provenance reports, spelled exactly as in C2PA 2.2 §15.2 and 2.5 Appendix C.</summary>
public static class StatusCodes
{
#pragma warning disable CS1591 // The constant names repeat the codes, which the specification defines.
    // Success.
    public const string ClaimSignatureValidated = "claimSignature.validated";
    public const string ClaimSignatureInsideValidity = "claimSignature.insideValidity";
    public const string SigningCredentialTrusted = "signingCredential.trusted";
    public const string TimeStampValidated = "timeStamp.validated";
    public const string TimeStampTrusted = "timeStamp.trusted";
    public const string AssertionHashedUriMatch = "assertion.hashedURI.match";
    public const string AssertionDataHashMatch = "assertion.dataHash.match";
    public const string AssertionBmffHashMatch = "assertion.bmffHash.match";
    public const string IngredientManifestValidated = "ingredient.manifest.validated";
    public const string IngredientClaimSignatureValidated = "ingredient.claimSignature.validated";

    // Informational.
    public const string TimeStampUntrusted = "timeStamp.untrusted";
    public const string TimeStampMismatch = "timeStamp.mismatch";
    public const string TimeStampMalformed = "timeStamp.malformed";
    public const string TimeStampOutsideValidity = "timeStamp.outsideValidity";
    public const string IngredientUnknownProvenance = "ingredient.unknownProvenance";
    public const string AlgorithmDeprecated = "algorithm.deprecated";
    public const string SigningCredentialOcspSkipped = "signingCredential.ocsp.skipped";
    public const string AssertionBmffHashAdditionalExclusions = "assertion.bmffHash.additionalExclusionsPresent";

    // Failure.
    public const string ClaimMissing = "claim.missing";
    public const string ClaimMultiple = "claim.multiple";
    public const string ClaimCborInvalid = "claim.cbor.invalid";
    public const string ClaimMalformed = "claim.malformed";
    public const string ClaimHardBindingsMissing = "claim.hardBindings.missing";
    public const string ClaimSignatureMissing = "claimSignature.missing";
    public const string ClaimSignatureMismatch = "claimSignature.mismatch";
    public const string ClaimSignatureOutsideValidity = "claimSignature.outsideValidity";
    public const string SigningCredentialUntrusted = "signingCredential.untrusted";
    public const string SigningCredentialInvalid = "signingCredential.invalid";
    public const string AlgorithmUnsupported = "algorithm.unsupported";
    public const string AssertionHashedUriMismatch = "assertion.hashedURI.mismatch";
    public const string AssertionMissing = "assertion.missing";
    public const string AssertionOutsideManifest = "assertion.outsideManifest";
    public const string AssertionUndeclared = "assertion.undeclared";
    public const string AssertionMultipleHardBindings = "assertion.multipleHardBindings";
    public const string AssertionCborInvalid = "assertion.cbor.invalid";
    public const string AssertionJsonInvalid = "assertion.json.invalid";
    public const string AssertionDataHashMismatch = "assertion.dataHash.mismatch";
    public const string AssertionDataHashMalformed = "assertion.dataHash.malformed";
    public const string AssertionBmffHashMismatch = "assertion.bmffHash.mismatch";
    public const string AssertionBmffHashMalformed = "assertion.bmffHash.malformed";
    public const string AssertionActionMalformed = "assertion.action.malformed";
    public const string AssertionActionIngredientMismatch = "assertion.action.ingredientMismatch";
    public const string AssertionIngredientMalformed = "assertion.ingredient.malformed";
    public const string IngredientManifestMissing = "ingredient.manifest.missing";
    public const string IngredientManifestMismatch = "ingredient.manifest.mismatch";
    public const string ManifestInaccessible = "manifest.inaccessible";
    public const string ManifestMalformed = "manifest.inaccessible.malformed";
    public const string ManifestMultipleParents = "manifest.multipleParents";
    public const string GeneralError = "general.error";
#pragma warning restore CS1591
}
