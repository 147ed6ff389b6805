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
    /// Trust anchors for time-stamp authorities (C2PA 2.2 §14.4: a list separate from the signers', such as the C2PA
    /// TSA trust list). An authority whose certificate, with the time-stamping extended key usage, chains to one of them
    /// is reported <c>timeStamp.trusted</c>, and only then does its time stand in for the time of signing; otherwise
    /// <c>timeStamp.untrusted</c>. Null (the default) uses <see cref="TrustAnchors"/>, as c2pa-rs trusts time-stamp
    /// authorities through the signers' anchors when no list of their own is given; an empty set trusts none.
    /// </summary>
    public TrustAnchorSet? TimeStampTrustAnchors { get; init; }

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

    /// <summary>
    /// Extended key usages accepted for claim signing; null for <see cref="DefaultAllowedEkus"/>. This replaces the
    /// defaults; <see cref="TrustSettings.AdditionalEkus"/> (c2pa-rs's <c>trust_config</c>) adds to them. A copy is kept.
    /// </summary>
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
    /// End-entity certificates trusted as claim signers in themselves (C2PA 2.2 §14.4.3's private credential store,
    /// c2pa-rs's <c>trust.allowed_list</c>): a signer on the list is <c>signingCredential.trusted</c> without chaining to
    /// one of <see cref="TrustAnchors"/>. Its certificate must still meet the certificate profile. Empty by default.
    /// </summary>
    public AllowedSignerList AllowedSigners { get; init; } = AllowedSignerList.Empty;

    /// <summary>
    /// Whether the time-stamp of a C2PA 1.x claim counts as trusted without its authority chaining to a trust anchor,
    /// as c2pa-rs does (default true, for files signed before time-stamp trust lists existed). Set it to false to give
    /// legacy claims no trusted time, so that their signer must be valid now: safer, but many older honest files will
    /// then be reported as signed by an expired certificate. Claims v2 always need a trusted time-stamp authority.
    /// </summary>
    public bool TrustLegacyTimeStamps { get; init; } = true;

    /// <summary>
    /// Whether to ask the signing certificate's OCSP responder (named in its authority information access extension)
    /// when a claim signature carries no usable stapled OCSP response. Default false: verification stays offline and
    /// reports <c>signingCredential.ocsp.skipped</c>. When set, the answer is checked like a stapled response and
    /// reported as <c>signingCredential.ocsp.notRevoked</c>, <c>.revoked</c> or <c>.unknown</c>, or
    /// <c>signingCredential.ocsp.inaccessible</c> when there is none. The responder's address comes from the file being
    /// verified: set this only where contacting the addresses untrusted files name is acceptable.
    /// </summary>
    public bool FetchOcsp { get; init; }

    /// <summary>Sends the OCSP requests when <see cref="FetchOcsp"/> is set (default <see cref="HttpOcspClient.Default"/>).</summary>
    public IOcspClient OcspClient { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = HttpOcspClient.Default;

    /// <summary>
    /// Whether to fetch a manifest store an asset only references (XMP <c>dcterms:provenance</c>), and from which hosts.
    /// Default null: nothing is fetched, and such an asset is reported Invalid with <c>manifest.inaccessible</c> naming
    /// the URL (c2pa-rs's default too).
    /// </summary>
    public RemoteManifestOptions? RemoteManifests { get; init; }

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

    /// <summary>
    /// The most time one verification may take, buffering and fetching included (default null: no limit but the caller's
    /// cancellation token). A server sets it so that no upload holds a worker for long; past it, verification stops
    /// with a <see cref="TimeoutException"/> that names this option.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan? Timeout
    {
        get;
        init
        {
            if (value is { } given)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(given, TimeSpan.Zero);
            }

            field = value;
        }
    }

    /// <summary>Receives the number of asset bytes hashed, for progress bars on long runs.</summary>
    public IProgress<long>? Progress { get; init; }
}
