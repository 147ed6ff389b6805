using System.Security.Cryptography.X509Certificates;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Validates a manifest's claim signature (C2PA 2.2 §15.7): COSE structure, algorithm, certificate profile, time-stamp,
/// trust chain, revocation (§15.9), the signature itself and the signer's validity at the time of signing.
/// </summary>
internal static class SignatureValidator
{
    public static async Task<SignatureInfo?> ValidateAsync(Manifest manifest, Claim claim, ValidationContext context, StatusLog log, CancellationToken cancellationToken)
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

            // Only signed bytes may name the signer: claims v2 take x5chain from the protected header alone (C2PA 2.2
            // §13.2.1); 1.x claims could carry it unprotected.
            chain = CoseSign1Verifier.GetCertificateChain(message, allowUnprotected: claim.Version == 1);
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(StatusCodes.ClaimSignatureMismatch, signatureUrl, ex.Message);
            return null;
        }

        if (!CoseSign1Verifier.TryGetAlgorithm(message, out SigningAlgorithm algorithm, out long coseId))
        {
            log.AddFailure(StatusCodes.AlgorithmUnsupported, signatureUrl, coseId == 0
                ? "the claim signature names no algorithm in its protected header"
                : $"COSE algorithm {coseId} is not allowed by C2PA");
            return Describe(null, chain[0], null);
        }

        X509Certificate2 signer = chain[0];
        IReadOnlyCollection<string> allowedEkus = context.Options.AllowedEkus ?? ChainValidator.DefaultAllowedEkus;
        IReadOnlyList<string> problems = CertificateProfile.Validate(signer, allowedEkus);
        if (problems.Count > 0)
        {
            log.AddFailure(StatusCodes.SigningCredentialInvalid, signatureUrl, string.Join("; ", problems));
        }

        // Only a time-stamp whose authority is trusted may move the validity check away from now (C2PA 2.2 §14.5.2).
        TimeStampResult? stamp;
        if (context.TimeStampAssertions.TryGetValue(manifest.Label, out TimeStampResult? added))
        {
            // A c2pa.time-stamp assertion, validated and trusted up front, stands in for the signature's own (as in c2pa-rs).
            stamp = added;
            log.AddSuccess(StatusCodes.TimeStampTrusted, signatureUrl, $"time-stamp from a c2pa.time-stamp assertion: {added.Time:u}");
        }
        else
        {
            stamp = TimeStampValidator.Validate(message, claim, context, log, signatureUrl);
        }

        DateTimeOffset? trustedTime = stamp is { IsTrusted: true } ? stamp.Time : null;
        DateTimeOffset signingTime = trustedTime ?? context.Options.TimeProvider.GetUtcNow();

        bool trusted = CheckTrust(signer, chain, problems, signingTime, allowedEkus, context.Options, log, signatureUrl);

        await RevocationValidator.ValidateAsync(message, chain, trustedTime, context, log, signatureUrl, cancellationToken).ConfigureAwait(false);

        bool signatureValid = CoseSign1Verifier.VerifyDetached(message, algorithm, signer, claim.EncodedBytes.Span);
        if (!signatureValid)
        {
            log.AddFailure(StatusCodes.ClaimSignatureMismatch, signatureUrl, "the claim signature does not match the claim");
        }
        else if (signingTime < signer.NotBefore || signingTime > signer.NotAfter)
        {
            // c2pa-rs's name for a signer outside its validity at the (trusted) time of signing.
            string when = trustedTime is null ? $"now ({signingTime:u}; no trusted time-stamp)" : $"at its trusted time-stamp ({signingTime:u})";
            log.AddFailure(StatusCodes.SigningCredentialExpired, signatureUrl, $"the signing certificate is not valid {when}; its validity is {signer.NotBefore:u} to {signer.NotAfter:u}");

            // The signature itself verified (C2PA 2.2 §15.7 checks it apart from validity), as c2pa-rs reports it too;
            // c2pa-rs also says claimSignature.insideValidity here, which the expiry contradicts (docs/conformance.md).
            log.AddSuccess(StatusCodes.ClaimSignatureValidated, signatureUrl, "claim signature valid, but made by a certificate outside its validity");
        }
        else
        {
            log.AddSuccess(StatusCodes.ClaimSignatureInsideValidity, signatureUrl, "claim signature inside the signer's validity");
            log.AddSuccess(StatusCodes.ClaimSignatureValidated, signatureUrl, "claim signature valid");
        }

        return Describe(algorithm, signer, trustedTime) with { IsTrusted = trusted };
    }

    /// <summary>
    /// Logs whether the signer is trusted, as c2pa-rs's CertificateTrustPolicy decides (C2PA 2.2 §14.4): a certificate
    /// on the allowed list is trusted in itself (§14.4.3), before anchors, EKUs or validity are looked at; any other
    /// must chain to an anchor. Like c2pa-rs, every signer gets a verdict, an empty anchor set included (the state can
    /// then be Valid, not Trusted), and a signer that failed the certificate profile is untrusted besides invalid.
    /// </summary>
    private static bool CheckTrust(
        X509Certificate2 signer,
        IReadOnlyList<X509Certificate2> chain,
        IReadOnlyList<string> problems,
        DateTimeOffset signingTime,
        IReadOnlyCollection<string> allowedEkus,
        VerificationOptions options,
        StatusLog log,
        string signatureUrl)
    {
        if (problems.Count > 0)
        {
            // c2pa-rs would still trust an invalid credential found on a list; a credential the profile refuses is not
            // one we vouch for (docs/conformance.md). The state is Invalid either way.
            log.AddFailure(StatusCodes.SigningCredentialUntrusted, signatureUrl, "the signing credential is invalid (see signingCredential.invalid), so it is not trusted");
            return false;
        }

        if (options.AllowedSigners.Contains(signer))
        {
            log.AddSuccess(StatusCodes.SigningCredentialTrusted, signatureUrl, "signing certificate trusted: it is on the allowed list (private credential store, C2PA 2.2 §14.4.3)");
            return true;
        }

        ChainValidationResult trust = ChainValidator.Validate(signer, chain.Skip(1), options.TrustAnchors, signingTime, allowedEkus);
        if (trust.IsTrusted)
        {
            log.AddSuccess(StatusCodes.SigningCredentialTrusted, signatureUrl, "signing certificate trusted");
        }
        else
        {
            log.AddFailure(StatusCodes.SigningCredentialUntrusted, signatureUrl, trust.Problem ?? "signing certificate untrusted");
        }

        return trust.IsTrusted;
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
