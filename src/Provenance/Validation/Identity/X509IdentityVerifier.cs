using System.Globalization;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cose;
using Provenance.Cryptography;

namespace Provenance.Validation.Identity;

/// <summary>
/// Verifies the <c>cawg.x509.cose</c> signature of an identity assertion (CAWG Identity Assertion 1.x, "Validating the
/// COSE signature"): C2PA 2.2 §15.7 applied to the signer payload instead of the claim, with the identity trust anchors
/// instead of the claim signers'. Codes and their order follow c2pa-rs (its claim-signature codes remapped to
/// <c>cawg.x509.*</c>): credential profile, trust, then the signature itself.
/// </summary>
internal static class X509IdentityVerifier
{
    /// <summary>The outcome: what was learnt about the credential, and whether the signature and trust held.</summary>
    public sealed record Result(bool SignatureValid, bool Trusted, string? Algorithm, X509Certificate2? Credential);

    public static Result Verify(IdentityAssertion assertion, VerificationOptions options, StatusLog log, string url)
    {
        CoseSign1Message message;
        IReadOnlyList<X509Certificate2> chain;
        try
        {
            message = CoseSign1Message.Decode(assertion.Signature);
        }
        catch (ProvenanceFormatException ex)
        {
            // c2pa-rs reports a signature that is not a COSE_Sign1 as a mismatch, like a claim signature.
            log.AddFailure(StatusCodes.CawgX509SignatureMismatch, url, ex.Message);
            return new Result(false, false, null, null);
        }

        try
        {
            chain = CoseSign1Verifier.GetCertificateChain(message);
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(StatusCodes.CawgX509CredentialInvalid, url, ex.Message);
            return new Result(false, false, null, null);
        }

        X509Certificate2 credential = chain[0];
        if (!CoseSign1Verifier.TryGetAlgorithm(message, out SigningAlgorithm algorithm, out long coseId))
        {
            log.AddFailure(StatusCodes.CawgX509AlgorithmUnsupported, url, $"COSE algorithm {coseId} is not allowed");
            return new Result(false, false, null, credential);
        }

        IReadOnlyList<string> problems = CertificateProfile.Validate(credential);
        if (problems.Count > 0)
        {
            log.AddFailure(StatusCodes.CawgX509CredentialInvalid, url, string.Join("; ", problems));
        }

        // The identity signature's own time-stamp is not read yet, so validity and trust are judged now.
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        if (now < credential.NotBefore || now > credential.NotAfter)
        {
            log.AddFailure(StatusCodes.CawgX509SignatureOutsideValidity, url, $"the credential is valid {credential.NotBefore:u} – {credential.NotAfter:u}, not now");
        }

        ChainValidationResult trust = ChainValidator.Validate(credential, chain.Skip(1), options.IdentityTrustAnchors, now);
        if (trust.IsTrusted)
        {
            log.AddSuccess(StatusCodes.CawgX509CredentialTrusted, url, "signing certificate trusted");
        }
        else
        {
            log.AddFailure(StatusCodes.CawgX509CredentialUntrusted, url, trust.Problem ?? "signing certificate untrusted");
        }

        // The payload is the signer_payload as found in the assertion: the bytes the credential holder signed
        // (c2pa-rs re-serializes its decoded struct, which is the same bytes for every writer that follows the spec).
        bool valid = CoseSign1Verifier.VerifyDetached(message, algorithm, credential, assertion.SignerPayload.EncodedBytes.Span);
        if (valid)
        {
            log.AddSuccess(StatusCodes.CawgX509SignatureValidated, url, "X.509 identity assertion signature validated");
        }
        else
        {
            log.AddFailure(StatusCodes.CawgX509SignatureMismatch, url, "the identity signature does not match the signer payload");
        }

        return new Result(valid, trust.IsTrusted && problems.Count == 0, SigningAlgorithms.GetName(algorithm), credential);
    }

    /// <summary>The credential's serial number in decimal, as c2pa-rs prints it.</summary>
    public static string SerialNumber(X509Certificate2 certificate)
        => new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);

    /// <summary>The first value of a subject attribute (by OID), or null.</summary>
    public static string? SubjectAttribute(X509Certificate2 certificate, string oid)
    {
        foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == oid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
