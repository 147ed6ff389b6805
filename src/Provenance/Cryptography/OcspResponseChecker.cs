using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Ocsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Provenance.Cryptography;

/// <summary>
/// Checks an OCSP response (RFC 6960) about a claim signer offline, as C2PA 2.2 §15.9 asks of a stapled one: it must
/// be a successful basic response in DER, signed by the certificate's issuer or by a responder that issuer authorized
/// (RFC 6960 §4.2.2.2), with a single response whose CertID names the certificate (§4.1.1), current at the time that
/// matters. BouncyCastle parses the ASN.1 and checks the signatures.
/// </summary>
internal static class OcspResponseChecker
{
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    // CRLReason (RFC 5280 §5.3.1): removeFromCRL undoes a hold; the compromises date the loss of the key, not the revocation.
    private const int KeyCompromise = 1;
    private const int CaCompromise = 2;
    private const int RemoveFromCrl = 8;
    private const int AaCompromise = 10;

    /// <summary>How long a response without <c>nextUpdate</c> counts as current after it was produced (C2PA 2.2 §15.9).</summary>
    private static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(24);

    /// <summary>How far ahead of ours a responder's clock may run: a fresh answer is dated to its second, by another machine.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Checks <paramref name="response"/> for <paramref name="signer"/>, issued by <paramref name="issuer"/> (found with
    /// <see cref="FindIssuer"/>, so its key is known to have signed the certificate).
    /// </summary>
    /// <param name="response">A DER OCSPResponse, untrusted.</param>
    /// <param name="signer">The certificate whose status is asked.</param>
    /// <param name="issuer">The certificate that issued <paramref name="signer"/>.</param>
    /// <param name="signingTime">The trusted time of signing (from a trusted time-stamp), or null to judge at <paramref name="now"/>.</param>
    /// <param name="now">The current time; a response produced after it is refused.</param>
    public static OcspCheck Check(ReadOnlyMemory<byte> response, X509Certificate2 signer, X509Certificate2 issuer, DateTimeOffset? signingTime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(issuer);
        try
        {
            return CheckCore(response.ToArray(), new BcCertificate(signer.RawData), new BcCertificate(issuer.RawData), signingTime, now);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            // Untrusted bytes through a third-party parser: whatever it cannot read is a response that does not exist.
            return Unusable($"it cannot be read as an OCSP response ({ExceptionText.Describe(ex)})");
        }
    }

    /// <summary>
    /// The certificate among <paramref name="candidates"/> that issued <paramref name="certificate"/>: its subject is the
    /// certificate's issuer name and its key verifies the certificate's signature. A look-alike issuer, which an x5chain
    /// could carry to have its own responder vouch for a revoked certificate, is not taken.
    /// </summary>
    public static X509Certificate2? FindIssuer(X509Certificate2 certificate, IEnumerable<X509Certificate2> candidates)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(candidates);
        if (Parse(certificate) is not { } issued)
        {
            return null;
        }

        foreach (X509Certificate2 candidate in candidates)
        {
            if (candidate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData)
                && Parse(candidate) is { } issuer
                && IsSignedBy(issued, issuer))
            {
                return candidate;
            }
        }

        return null;
    }

    // BouncyCastle decodes every extension that .NET decodes only when asked: an x5chain certificate that .NET loaded
    // may still be one BouncyCastle refuses (a broken key usage, say); it then has no issuer to be found.
    private static BcCertificate? Parse(X509Certificate2 certificate)
    {
        try
        {
            return new BcCertificate(certificate.RawData);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            return null;
        }
    }

    private static OcspCheck CheckCore(byte[] der, BcCertificate signer, BcCertificate issuer, DateTimeOffset? signingTime, DateTimeOffset now)
    {
        var ocsp = new OcspResp(der);
        if (ocsp.Status != OcspRespStatus.Successful)
        {
            return Unusable($"the responder answered with status {ocsp.Status} ({StatusName(ocsp.Status)}), not successful");
        }

        if (ocsp.GetResponseObject() is not BasicOcspResp basic)
        {
            return Unusable("it is not a basic OCSP response (id-pkix-ocsp-basic)");
        }

        // RFC 6960 §4.2.1: the response, and the BasicOCSPResponse inside it, are DER. Both must re-encode to the same
        // bytes, so that a byte that changes nothing BouncyCastle reads cannot slip past the signature either.
        if (!IsDer(der) || !IsDer(ocsp.ToAsn1Structure().ResponseBytes.Response.GetOctets()))
        {
            return Unusable("it is not DER-encoded");
        }

        if (Authorize(basic, issuer) is { } unauthorized)
        {
            return Unusable(unauthorized);
        }

        SingleResp? single = basic.Responses.FirstOrDefault(r => Names(r.GetCertID(), signer, issuer));
        if (single is null)
        {
            // RFC 6960 §4.1.1: only a CertID with the certificate's serial and its issuer's name and key hashes speaks of it.
            return Unusable("it is about another certificate (no CertID names the signing certificate and its issuer)");
        }

        DateTimeOffset thisUpdate = Utc(single.ThisUpdate);
        DateTimeOffset validUntil = single.NextUpdate is DateTime next ? Utc(next) : Utc(basic.ProducedAt) + DefaultValidity;
        if (thisUpdate > now + ClockSkew)
        {
            return Unusable($"its thisUpdate ({thisUpdate:u}) is after the current time ({now:u})");
        }

        object? status = single.GetCertStatus();
        if (status is RevokedStatus revoked && !(revoked.HasRevocationReason && revoked.RevocationReason == RemoveFromCrl))
        {
            return JudgeRevoked(revoked, signingTime);
        }

        if (status is UnknownStatus)
        {
            return new OcspCheck(OcspVerdict.Unknown, $"the responder does not know the signing certificate (serial {signer.SerialNumber.ToString(16)})");
        }

        // Good (or revoked and then taken off the list, removeFromCRL). C2PA 2.2 §15.9: with a trusted time of signing, the
        // response holds when that time is before nextUpdate (a response made after signing vouches for signing time too);
        // without one, RFC 6960 §3.2 item 6: it must still be current now.
        DateTimeOffset at = signingTime ?? now;
        if (at > validUntil)
        {
            return Unusable(signingTime is null
                ? $"it is stale: its status was current until {validUntil:u}, and the signature has no trusted time-stamp to date it"
                : $"it is stale: its status was current until {validUntil:u}, before the trusted time of signing ({at:u})");
        }

        return new OcspCheck(OcspVerdict.NotRevoked, signingTime is null
            ? $"good, current from {thisUpdate:u} until {validUntil:u}"
            : $"good at the trusted time of signing ({at:u}); status from {thisUpdate:u} until {validUntil:u}");
    }

    // A revocation dated after a trusted time of signing did not touch that signature, unless the key was lost (the
    // compromise reasons), whose revocation time does not bound when the key was stolen (RFC 5280 §5.3.2).
    private static OcspCheck JudgeRevoked(RevokedStatus revoked, DateTimeOffset? signingTime)
    {
        DateTimeOffset revokedAt = Utc(revoked.RevocationTime);
        int? reason = revoked.HasRevocationReason ? revoked.RevocationReason : null;
        string because = reason is int r ? $" (reason {ReasonName(r)})" : "";
        if (signingTime is DateTimeOffset at && at < revokedAt && reason is not (KeyCompromise or CaCompromise or AaCompromise))
        {
            return new OcspCheck(OcspVerdict.NotRevoked, $"revoked at {revokedAt:u}{because}, after the trusted time of signing ({at:u})");
        }

        return new OcspCheck(OcspVerdict.Revoked, $"the signing certificate was revoked at {revokedAt:u}{because}");
    }

    // The response's signer must be the issuer itself or a certificate the issuer made for the purpose: issued by it,
    // with id-kp-OCSPSigning (RFC 6960 §4.2.2.2), valid when the response was produced, and of the C2PA profile for an
    // end entity with that one usage (C2PA 2.2 §14.5.1), as c2pa-rs also asks. Returns null when authorized.
    private static string? Authorize(BasicOcspResp basic, BcCertificate issuer)
    {
        bool named = false;
        foreach (BcCertificate candidate in basic.GetCerts().Prepend(issuer))
        {
            if (!basic.ResponderId.Equals(new RespID(candidate.SubjectDN)) && !basic.ResponderId.Equals(new RespID(candidate.GetPublicKey())))
            {
                continue;
            }

            named = true;
            if (!basic.Verify(candidate.GetPublicKey()))
            {
                continue;
            }

            if (candidate.Equals(issuer))
            {
                return null;
            }

            return DelegationProblem(candidate, issuer, Utc(basic.ProducedAt));
        }

        return named
            ? "its signature does not verify with its responder's key (it was altered, or signed by another key)"
            : "its responder is neither the signing certificate's issuer nor a certificate the response carries";
    }

    private static string? DelegationProblem(BcCertificate responder, BcCertificate issuer, DateTimeOffset producedAt)
    {
        if (!responder.IssuerDN.Equivalent(issuer.SubjectDN, inOrder: true) || !IsSignedBy(responder, issuer))
        {
            return $"it is signed by {responder.SubjectDN}, which the signing certificate's issuer did not issue, so it may not answer for it (RFC 6960 §4.2.2.2)";
        }

        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(responder.GetEncoded());
        if (CertificateContent.FindProblem(certificate) is string problem)
        {
            // Read lazily by the checks below, a malformed part would fail them with the runtime's exception.
            return $"its responder's certificate is malformed: {problem}";
        }

        if (!ChainValidator.ExtendedKeyUsages(certificate).Contains(OcspSigning))
        {
            return $"its responder {responder.SubjectDN} lacks the OCSP-signing extended key usage the issuer must grant (RFC 6960 §4.2.2.2)";
        }

        if (producedAt < certificate.NotBefore || producedAt > certificate.NotAfter)
        {
            return $"its responder's certificate was not valid when the response was produced ({producedAt:u})";
        }

        IReadOnlyList<string> problems = CertificateProfile.Validate(certificate, [OcspSigning]);
        return problems.Count == 0 ? null : $"its responder's certificate does not meet the C2PA profile: {string.Join("; ", problems)}";
    }

    private static bool Names(CertificateID id, BcCertificate signer, BcCertificate issuer)
    {
        try
        {
            return id.SerialNumber.Equals(signer.SerialNumber) && id.MatchesIssuer(issuer);
        }
        catch (OcspException)
        {
            return false; // a hash algorithm BouncyCastle does not know: this CertID cannot be shown to name the certificate
        }
    }

    private static bool IsSignedBy(BcCertificate certificate, BcCertificate issuer)
    {
        try
        {
            return certificate.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            return false;
        }
    }

    private static bool IsDer(byte[] encoded)
        => Asn1Object.FromByteArray(encoded).GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(encoded);

    private static bool IsMalformed(Exception ex)
        => ex is System.Security.Cryptography.CryptographicException or IOException or ArgumentException or InvalidOperationException or InvalidCastException or FormatException
            or OcspException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Security.SecurityUtilityException
            or Org.BouncyCastle.Crypto.CryptoException;

    private static OcspCheck Unusable(string why) => new(OcspVerdict.Unusable, why);

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string StatusName(int status) => status switch
    {
        OcspRespStatus.MalformedRequest => "malformedRequest",
        OcspRespStatus.InternalError => "internalError",
        OcspRespStatus.TryLater => "tryLater",
        OcspRespStatus.SigRequired => "sigRequired",
        OcspRespStatus.Unauthorized => "unauthorized",
        _ => "unknown status",
    };

    private static string ReasonName(int reason) => reason switch
    {
        0 => "unspecified",
        KeyCompromise => "keyCompromise",
        CaCompromise => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        9 => "privilegeWithdrawn",
        AaCompromise => "aACompromise",
        _ => reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
