using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation.Identity;

/// <summary>
/// Validates the CAWG identity assertions of a manifest (CAWG Identity Assertion 1.x, "Validating the identity
/// assertion"): the CBOR, the pads, the referenced assertions against the claim, the hard binding among them, and the
/// credential's signature over <c>signer_payload</c>. The findings go to the manifest's log; what each assertion says
/// and what was found is kept on the context for the report.
/// </summary>
internal static class IdentityValidator
{
    // verified: the assertions whose hashed URIs matched, by label (from AssertionValidator).
    public static IReadOnlyList<IdentityInfo> Validate(Manifest manifest, Claim claim, IReadOnlyDictionary<string, JumbfSuperBox> verified, ValidationContext context, StatusLog log)
    {
        var identities = new List<IdentityInfo>();
        foreach (HashedUri reference in claim.AllAssertions)
        {
            if (!JumbfUri.TryParse(reference.Url, out _, out IReadOnlyList<string> labels) || labels.Count == 0 || !IdentityAssertion.IsIdentityLabel(labels[^1]))
            {
                continue;
            }

            // A missing box is already assertion.missing; like c2pa-rs, there is then nothing to validate.
            if (JumbfUri.Resolve(context.Store.Root, manifest.Box, reference.Url) is not { } box)
            {
                continue;
            }

            identities.Add(ValidateOne(manifest, claim, verified, labels[^1], box, context, log));
        }

        context.Identities[manifest.Label] = identities;
        return identities;
    }

    private static IdentityInfo ValidateOne(Manifest manifest, Claim claim, IReadOnlyDictionary<string, JumbfSuperBox> verified, string label, JumbfSuperBox box, ValidationContext context, StatusLog log)
    {
        string url = AssertionValidator.AbsoluteUrl(manifest, JumbfUri.Relative(C2paLabels.AssertionStore, label));
        IdentityAssertion assertion;
        try
        {
            ReadOnlyMemory<byte> content = box.FirstContent(FourCC.Cbor)?.Data
                ?? throw new ProvenanceFormatException(FormatLayer.Identity, -1, "identity assertion: no CBOR content box");
            assertion = IdentityAssertion.Decode(content);
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(StatusCodes.CawgIdentityCborInvalid, url, ex.Reason);
            return new IdentityInfo { Label = label, Status = IdentityStatus.Invalid };
        }

        int failuresBefore = log.Failure.Count;
        CheckPadding(assertion, log, url);
        CheckReferencedAssertions(manifest, claim, assertion, log, url);
        // The identity vouches for what the claim's hashes say; if the C2PA check found the identity assertion itself or a
        // referenced assertion altered (assertion.hashedURI.mismatch, already logged), it vouches for nothing here
        // (CAWG Identity Assertion 1.x, "Validation method": the manifest must validate before the identity does).
        bool contentIntact = verified.ContainsKey(label)
            && assertion.ReferencedAssertions.All(r => JumbfUri.TryParse(r.Url, out _, out IReadOnlyList<string> l) && l.Count > 0 && verified.ContainsKey(l[^1]));
        bool structureValid = log.Failure.Count == failuresBefore && contentIntact;

        var info = new IdentityInfo
        {
            Label = label,
            Status = IdentityStatus.Unsupported,
            SignatureType = assertion.SigType,
            Roles = assertion.Roles,
            ReferencedAssertions = [.. assertion.ReferencedAssertions.Select(r => r.Url)],
            SignerPayload = assertion.SignerPayload,
        };

        if (assertion.SigType == "cawg.identity_claims_aggregation")
        {
            // Identity claims aggregation (W3C verifiable credentials, DID resolution) is not verified yet: say nothing.
            return info;
        }

        if (assertion.SigType != IdentityAssertion.X509CoseSigType)
        {
            log.AddFailure(StatusCodes.CawgIdentitySigTypeUnknown, url, $"unsupported signature type {assertion.SigType}");
            return Finish(info, IdentityStatus.Invalid, null);
        }

        X509IdentityVerifier.Result result = X509IdentityVerifier.Verify(assertion, context.Options, log, url);
        IdentityStatus status = IdentityStatus.Invalid;
        if (result.SignatureValid && structureValid)
        {
            // CAWG Identity Assertion 1.x, "Success codes": trusted when the credential has a root of trust, else
            // well-formed. (c2pa-rs reports well-formed in both cases for now; its CAI-7980 is to follow the spec.)
            status = result.Trusted ? IdentityStatus.Trusted : IdentityStatus.WellFormed;
            log.AddSuccess(
                result.Trusted ? StatusCodes.CawgIdentityTrusted : StatusCodes.CawgIdentityWellFormed,
                url,
                result.Trusted ? "CAWG X.509 identity signature valid and trusted" : "CAWG X.509 identity signature valid");
        }

        return Finish(info, status, result);
    }

    private static IdentityInfo Finish(IdentityInfo info, IdentityStatus status, X509IdentityVerifier.Result? result)
    {
        var credential = result?.Credential;
        return new IdentityInfo
        {
            Label = info.Label,
            Status = status,
            SignatureType = info.SignatureType,
            Roles = info.Roles,
            ReferencedAssertions = info.ReferencedAssertions,
            SignerPayload = info.SignerPayload,
            Algorithm = result?.Algorithm,
            IsSignatureValid = result?.SignatureValid == true,
            IsCredentialTrusted = result?.Trusted == true,
            Subject = credential?.Subject,
            CommonName = credential is null ? null : X509IdentityVerifier.SubjectAttribute(credential, "2.5.4.3"),
            Organization = credential is null ? null : X509IdentityVerifier.SubjectAttribute(credential, "2.5.4.10"),
            CertificateIssuer = credential?.Issuer,
            SerialNumber = credential is null ? null : X509IdentityVerifier.SerialNumber(credential),
        };
    }

    // "The pad1 and pad2 fields ... MUST contain only zero-value (0x00) bytes." One finding for both, as c2pa-rs logs it.
    private static void CheckPadding(IdentityAssertion assertion, StatusLog log, string url)
    {
        if (assertion.Pad1.Span.IndexOfAnyExcept((byte)0) >= 0 || (assertion.Pad2 is { } pad2 && pad2.Span.IndexOfAnyExcept((byte)0) >= 0))
        {
            log.AddFailure(StatusCodes.CawgIdentityPadInvalid, url, "invalid value in pad fields");
        }
    }

    // CAWG Identity Assertion 1.x, "Referenced assertions requirements" and "Validation method": each reference must be
    // in the claim with the same url, alg and hash; none twice; a hard binding among them.
    private static void CheckReferencedAssertions(Manifest manifest, Claim claim, IdentityAssertion assertion, StatusLog log, string url)
    {
        var claimed = new Dictionary<string, HashedUri>(StringComparer.Ordinal);
        foreach (HashedUri reference in claim.AllAssertions)
        {
            claimed.TryAdd(AssertionValidator.AbsoluteUrl(manifest, reference.Url), reference);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool hardBinding = false;
        foreach (HashedUri reference in assertion.ReferencedAssertions)
        {
            string absolute = AssertionValidator.AbsoluteUrl(manifest, reference.Url);
            if (!claimed.TryGetValue(absolute, out HashedUri? inClaim))
            {
                log.AddFailure(StatusCodes.CawgIdentityAssertionMismatch, url, $"referenced assertion not in claim: {reference.Url}");
            }
            else if (!reference.Hash.Span.SequenceEqual(inClaim.Hash.Span) || !SameAlgorithm(reference.Algorithm, inClaim.Algorithm, claim))
            {
                log.AddFailure(StatusCodes.CawgIdentityAssertionMismatch, url, $"referenced assertion hash mismatch: {reference.Url}");
            }

            if (!seen.Add(absolute))
            {
                log.AddFailure(StatusCodes.CawgIdentityAssertionDuplicate, url, $"multiple references to same assertion: {reference.Url}");
            }

            if (JumbfUri.TryParse(reference.Url, out _, out IReadOnlyList<string> labels) && labels.Count > 0 && C2paLabels.IsHardBinding(labels[^1]))
            {
                hardBinding = true;
            }
        }

        if (!hardBinding)
        {
            log.AddFailure(StatusCodes.CawgIdentityHardBindingMissing, url, "no hard binding assertion");
        }
    }

    private static bool SameAlgorithm(string? referenced, string? claimed, Claim claim)
    {
        string fallback = claim.Algorithm ?? "sha256";
        return C2paHashAlgorithms.TryParse(referenced ?? fallback, out var a)
            && C2paHashAlgorithms.TryParse(claimed ?? fallback, out var b)
            && a == b;
    }
}
