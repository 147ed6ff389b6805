using Provenance.Cryptography;

namespace Provenance.Signing;

/// <summary>The options signing validates with, when it checks an ingredient or its own output.</summary>
internal static class SigningVerification
{
    /// <summary>
    /// The caller's signing options carried over to validation: the clock (certificate validity, time-stamps) and the
    /// read limits are the signer's, and the trust anchors are the ones given. Settings signing has no counterpart for
    /// (the ingredient depth, EKUs, legacy time-stamps, identity anchors) keep validation's defaults.
    /// </summary>
    public static VerificationOptions For(SigningOptions options, TrustAnchorSet trustAnchors) => VerificationOptions.Default with
    {
        TrustAnchors = trustAnchors,
        TimeProvider = options.TimeProvider,
        ReadOptions = options.ReadOptions,
    };
}
