using Provenance.Cryptography;
using Provenance.Formats;

namespace Provenance;

/// <summary>Options for verification. Immutable; safe limits for untrusted input by default. Each property checks the value it is given.</summary>
public sealed record VerificationOptions
{
    /// <summary>The defaults: no trust anchors, so the best possible state is Valid.</summary>
    public static VerificationOptions Default { get; } = new();

    /// <summary>Trust anchors for signing certificates; a signer chaining to one of them makes the state Trusted.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TrustAnchorSet TrustAnchors { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = TrustAnchorSet.Empty;

    /// <summary>
    /// Trust anchors for the X.509 credentials of CAWG identity assertions (<c>cawg.identity</c>), kept apart from
    /// <see cref="TrustAnchors"/> as the CAWG identity specification requires ("Validating the COSE signature": the
    /// validator keeps trust lists that need not be the claim signers'). A credential chaining to one of them is
    /// reported <c>cawg.x509.credential.trusted</c>, else <c>cawg.x509.credential.untrusted</c>. Empty by default, so
    /// an identity is at best well-formed, never trusted.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TrustAnchorSet IdentityTrustAnchors { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = TrustAnchorSet.Empty;

    /// <summary>
    /// The extended key usages (OIDs) accepted for claim signing by default, as c2pa-rs accepts them: C2PA claim signing,
    /// email protection, document signing, time-stamping, OCSP signing, and Microsoft's C2PA signing.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedEkus => ChainValidator.DefaultAllowedEkus;

    /// <summary>Extended key usages accepted for claim signing; null for <see cref="DefaultAllowedEkus"/>. A copy is kept.</summary>
    /// <exception cref="ArgumentException">An entry is null, empty or white space.</exception>
    public IReadOnlyCollection<string>? AllowedEkus
    {
        get;
        init
        {
            if (value is not null && value.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("An allowed extended key usage is null or empty; give OIDs such as 1.3.6.1.5.5.7.3.36.", nameof(value));
            }

            field = value is null ? null : Array.AsReadOnly([.. value]);
        }
    }

    /// <summary>
    /// Whether the time-stamp of a C2PA 1.x claim counts as trusted without its authority chaining to a trust anchor,
    /// as c2pa-rs does (default true, for files signed before time-stamp trust lists existed). Set it to false to give
    /// legacy claims no trusted time, so that their signer must be valid now: safer, but many older honest files will
    /// then be reported as signed by an expired certificate. Claims v2 always need a trusted time-stamp authority.
    /// </summary>
    public bool TrustLegacyTimeStamps { get; init; } = true;

    /// <summary>Clock for certificate validity when a manifest has no trusted time-stamp.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TimeProvider TimeProvider { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = TimeProvider.System;

    /// <summary>Limits for reading the asset.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public AssetReadOptions ReadOptions { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = AssetReadOptions.Default;

    /// <summary>Deepest chain of ingredient manifests followed (default 32); a deeper chain is a failure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxIngredientDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 32;

    /// <summary>Receives the number of asset bytes hashed, for progress bars on long runs.</summary>
    public IProgress<long>? Progress { get; init; }
}
