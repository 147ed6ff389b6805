using Provenance.Cbor;

namespace Provenance.Validation.Identity;

/// <summary>
/// One CAWG identity assertion of a manifest (<c>cawg.identity</c>, CAWG Identity Assertion 1.x): the named actor that
/// signed it, the roles it claims, the assertions it vouches for, and what validating it found.
/// </summary>
public sealed class IdentityInfo
{
    /// <summary>The assertion label (<c>cawg.identity</c> or <c>cawg.identity__1</c>…).</summary>
    public required string Label { get; init; }

    /// <summary>The verdict; the named-actor fields are only to be shown when it is <see cref="IdentityStatus.WellFormed"/> or <see cref="IdentityStatus.Trusted"/>.</summary>
    public required IdentityStatus Status { get; init; }

    /// <summary><c>signer_payload.sig_type</c>, for example <c>cawg.x509.cose</c>; null if the assertion could not be read.</summary>
    public string? SignatureType { get; init; }

    /// <summary><c>signer_payload.role</c>: the named actor's relationships to the asset, such as <c>cawg.creator</c>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The URLs of <c>signer_payload.referenced_assertions</c>, as written.</summary>
    public IReadOnlyList<string> ReferencedAssertions { get; init; } = [];

    /// <summary>The X.509 credential's subject distinguished name: the named actor.</summary>
    public string? Subject { get; init; }

    /// <summary>The credential's subject common name.</summary>
    public string? CommonName { get; init; }

    /// <summary>The credential's subject organization (c2pa-rs reports it as the identity's <c>issuer</c>).</summary>
    public string? Organization { get; init; }

    /// <summary>The distinguished name of the CA that issued the credential.</summary>
    public string? CertificateIssuer { get; init; }

    /// <summary>The credential's serial number (decimal, as c2pa-rs prints it).</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The COSE signing algorithm (<c>Ed25519</c>, <c>ES256</c>…).</summary>
    public string? Algorithm { get; init; }

    /// <summary>Whether the credential chains to one of the identity trust anchors.</summary>
    public bool IsCredentialTrusted { get; init; }

    /// <summary>Whether the COSE signature over <c>signer_payload</c> verified.</summary>
    public bool IsSignatureValid { get; init; }

    /// <summary>The <c>signer_payload</c> map as found in the assertion.</summary>
    internal CborValue? SignerPayload { get; init; }
}
