namespace Provenance.Validation;

/// <summary>The validation states of C2PA 2.2 §14.3, named as c2pa-rs names them.</summary>
public enum ValidationState
{
    /// <summary>A failure was found: the manifest, its signature or its binding to the content cannot be relied on.</summary>
    Invalid,

    /// <summary>Well-formed, signature valid and content intact, but the signer does not chain to a trust anchor.</summary>
    Valid,

    /// <summary>Valid, and the signing certificate chains to one of the caller's trust anchors.</summary>
    Trusted,
}
