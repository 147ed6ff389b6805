namespace Provenance.Validation.Identity;

/// <summary>What validating a CAWG identity assertion found (CAWG Identity Assertion 1.x, "Status codes").</summary>
public enum IdentityStatus
{
    /// <summary>
    /// The assertion, its signature and its referenced assertions are valid, but its credential does not chain to an
    /// identity trust anchor (<c>cawg.identity.well-formed</c>): the named actor is who the credential says, on the
    /// word of an issuer nobody vouched for.
    /// </summary>
    WellFormed,

    /// <summary>Valid, and the credential chains to one of <see cref="VerificationOptions.IdentityTrustAnchors"/> (<c>cawg.identity.trusted</c>).</summary>
    Trusted,

    /// <summary>Something failed (a <c>cawg.identity.*</c> or <c>cawg.x509.*</c> failure code says what): do not show the named actor.</summary>
    Invalid,

    /// <summary>The signature type is one Provenance does not verify yet (such as <c>cawg.identity_claims_aggregation</c>); nothing is claimed either way.</summary>
    Unsupported,
}
