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
    public const string SigningCredentialOcspNotRevoked = "signingCredential.ocsp.notRevoked";

    // Informational.
    public const string TimeStampUntrusted = "timeStamp.untrusted";
    public const string TimeStampMismatch = "timeStamp.mismatch";
    public const string TimeStampMalformed = "timeStamp.malformed";
    public const string TimeStampOutsideValidity = "timeStamp.outsideValidity";
    public const string IngredientUnknownProvenance = "ingredient.unknownProvenance";
    public const string AlgorithmDeprecated = "algorithm.deprecated";
    public const string SigningCredentialOcspSkipped = "signingCredential.ocsp.skipped";
    public const string SigningCredentialOcspInaccessible = "signingCredential.ocsp.inaccessible";

    // C2PA 2.2 lists it as a failure; C2PA 2.5 and c2pa-rs (log_kind) make it informational, and so do we.
    public const string SigningCredentialOcspUnknown = "signingCredential.ocsp.unknown";
    public const string AssertionDataHashAdditionalExclusions = "assertion.dataHash.additionalExclusionsPresent";
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
    public const string SigningCredentialExpired = "signingCredential.expired";
    public const string SigningCredentialOcspRevoked = "signingCredential.ocsp.revoked";
    public const string AssertionDataHashRedacted = "assertion.dataHash.redacted";
    public const string ManifestUpdateInvalid = "manifest.update.invalid";
    public const string ManifestUpdateWrongParents = "manifest.update.wrongParents";
    public const string IngredientClaimSignatureMissing = "ingredient.claimSignature.missing";
    public const string IngredientClaimSignatureMismatch = "ingredient.claimSignature.mismatch";
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

    // CAWG identity assertion (CAWG Identity Assertion 1.x, "Validating the identity assertion" and "X.509 certificates
    // and COSE signatures"; the cawg.x509.* codes as c2pa-rs spells and classifies them).
    // Success.
    public const string CawgIdentityTrusted = "cawg.identity.trusted";
    public const string CawgIdentityWellFormed = "cawg.identity.well-formed";
    public const string CawgX509CredentialTrusted = "cawg.x509.credential.trusted";
    public const string CawgX509SignatureValidated = "cawg.x509.signature.validated";

    // Failure.
    public const string CawgIdentityCborInvalid = "cawg.identity.cbor.invalid";
    public const string CawgIdentityAssertionMismatch = "cawg.identity.assertion.mismatch";
    public const string CawgIdentityAssertionDuplicate = "cawg.identity.assertion.duplicate";
    public const string CawgIdentityHardBindingMissing = "cawg.identity.hard_binding_missing";
    public const string CawgIdentitySigTypeUnknown = "cawg.identity.sig_type.unknown";
    public const string CawgIdentityPadInvalid = "cawg.identity.pad.invalid";
    public const string CawgX509CredentialUntrusted = "cawg.x509.credential.untrusted";
    public const string CawgX509CredentialInvalid = "cawg.x509.credential.invalid";
    public const string CawgX509SignatureMismatch = "cawg.x509.signature.mismatch";
    public const string CawgX509AlgorithmUnsupported = "cawg.x509.algorithm.unsupported";
    public const string CawgX509SignatureOutsideValidity = "cawg.x509.signature.outside_validity";
#pragma warning restore CS1591

    /// <summary>
    /// Whether a failure still allows the Valid state (never Trusted): an untrusted claim signer, and, as c2pa-rs
    /// decides (<c>is_tolerated_manifest_failure_code</c>), any failure of a CAWG X.509 identity assertion, which is a
    /// trust signal beside the manifest's, not part of its integrity (CAWG Identity Assertion 1.x, "Trust model").
    /// </summary>
    public static bool IsToleratedForValid(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code == SigningCredentialUntrusted || code.StartsWith("cawg.x509.", StringComparison.Ordinal);
    }
}
