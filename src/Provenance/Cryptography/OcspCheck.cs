namespace Provenance.Cryptography;

/// <summary>What a checked OCSP response says about a signing certificate.</summary>
internal enum OcspVerdict
{
    /// <summary>
    /// The response tells nothing that may be relied on (unreadable, not about this certificate, signed by a responder
    /// the issuer did not authorize, stale): a verifier treats it as absent (C2PA 2.2 §15.9).
    /// </summary>
    Unusable,

    /// <summary>The certificate was not revoked when it signed (or, without a trusted time, is not revoked now).</summary>
    NotRevoked,

    /// <summary>The certificate is revoked.</summary>
    Revoked,

    /// <summary>The responder does not know the certificate (RFC 6960 §2.2 <c>unknown</c>).</summary>
    Unknown,
}

/// <summary>The verdict on one OCSP response, with why, for a report's explanation.</summary>
internal sealed record OcspCheck(OcspVerdict Verdict, string Explanation);
