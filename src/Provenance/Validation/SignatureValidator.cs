using System.Security.Cryptography.X509Certificates;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Validates a manifest's claim signature (C2PA 2.2 §15.7): COSE structure, algorithm, certificate profile, time-stamp,
/// trust chain, the signature itself and the signer's validity at the time of signing.
/// </summary>
internal static class SignatureValidator
{
    public static SignatureInfo? Validate(Manifest manifest, Claim claim, ValidationContext context, StatusLog log)
    {
        string signatureUrl = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label, C2paLabels.Signature);
        JumbfSuperBox? box = JumbfUri.Resolve(context.Store.Root, manifest.Box, claim.SignatureUri);
        ReadOnlyMemory<byte>? cose = box?.FirstContent(FourCC.Cbor)?.Data;
        if (cose is null)
        {
            log.AddFailure(StatusCodes.ClaimSignatureMissing, signatureUrl, $"the claim's signature URI {claim.SignatureUri} does not resolve to a signature box");
            return null;
        }

        CoseSign1Message message;
        IReadOnlyList<X509Certificate2> chain;
        try
        {
            message = CoseSign1Message.Decode(cose.Value);
            chain = CoseSign1Verifier.GetCertificateChain(message);
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(StatusCodes.ClaimSignatureMismatch, signatureUrl, ex.Message);
            return null;
        }

        if (!CoseSign1Verifier.TryGetAlgorithm(message, out SigningAlgorithm algorithm, out long coseId))
        {
            log.AddFailure(StatusCodes.AlgorithmUnsupported, signatureUrl, $"COSE algorithm {coseId} is not allowed by C2PA");
            return Describe(null, chain[0], null);
        }

        X509Certificate2 signer = chain[0];
        IReadOnlyList<string> problems = CertificateProfile.Validate(signer, chain);
        if (problems.Count > 0)
        {
            log.AddFailure(StatusCodes.SigningCredentialInvalid, signatureUrl, string.Join("; ", problems));
        }

        DateTimeOffset? stampTime = TimeStampValidator.Validate(message, claim, context, log, signatureUrl);
        DateTimeOffset signingTime = stampTime ?? context.Options.TimeProvider.GetUtcNow();

        // Like c2pa-rs, an empty anchor set still yields signingCredential.untrusted: the state can then be Valid, not Trusted.
        {
            ChainValidationResult trust = ChainValidator.Validate(signer, chain.Skip(1), context.Options.TrustAnchors, signingTime, context.Options.AllowedEkus);
            if (trust.IsTrusted)
            {
                log.AddSuccess(StatusCodes.SigningCredentialTrusted, signatureUrl, "signing certificate trusted");
            }
            else
            {
                log.AddFailure(StatusCodes.SigningCredentialUntrusted, signatureUrl, trust.Problem ?? "signing certificate untrusted");
            }
        }

        // Revocation is not checked online (no network by design; stapled OCSP is not read yet), as c2pa-rs reports it.
        log.AddInformational(StatusCodes.SigningCredentialOcspSkipped, signatureUrl, "OCSP fetching skipped");

        if (CoseSign1Verifier.VerifyDetached(message, algorithm, signer, claim.EncodedBytes.Span))
        {
            log.AddSuccess(StatusCodes.ClaimSignatureValidated, signatureUrl, "claim signature valid");
        }
        else
        {
            log.AddFailure(StatusCodes.ClaimSignatureMismatch, signatureUrl, "the claim signature does not match the claim");
        }

        if (signingTime >= signer.NotBefore && signingTime <= signer.NotAfter)
        {
            log.AddSuccess(StatusCodes.ClaimSignatureInsideValidity, signatureUrl, "claim signature inside the signer's validity");
        }
        else
        {
            log.AddFailure(StatusCodes.ClaimSignatureOutsideValidity, signatureUrl, $"signed at {signingTime:u}, outside the certificate's validity {signer.NotBefore:u} – {signer.NotAfter:u}");
        }

        return Describe(algorithm, signer, stampTime);
    }

    private static SignatureInfo Describe(SigningAlgorithm? algorithm, X509Certificate2 signer, DateTimeOffset? time)
    {
        string? commonName = signer.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        string? organization = DistinguishedNameField(signer.SubjectName, "O");
        string serial = new System.Numerics.BigInteger(signer.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SignatureInfo(
            algorithm is SigningAlgorithm a ? SigningAlgorithms.GetName(a) : null,
            organization ?? commonName,
            commonName,
            serial,
            time);
    }

    private static string? DistinguishedNameField(X500DistinguishedName name, string field)
    {
        foreach (X500RelativeDistinguishedName rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().FriendlyName == field || (field == "O" && rdn.GetSingleElementType().Value == "2.5.4.10"))
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
