using System.Security.Cryptography;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.Thumbnails;

namespace Provenance;

/// <summary>Options for signing. Immutable; the defaults need nothing else. Each property checks the value it is given.</summary>
public sealed record SigningOptions
{
    /// <summary>The defaults.</summary>
    public static SigningOptions Default { get; } = new();

    /// <summary>
    /// The most time one signing may take, buffering, ingredients, time-stamping and the check of the output included
    /// (default null: no limit but the caller's cancellation token). Past it, signing stops with a
    /// <see cref="TimeoutException"/> that names this option; like a cancellation, it leaves the input untouched and no
    /// partial output where the output is a file (<c>SignFileAsync</c>, <c>SignSidecarFileAsync</c>) or the asset signed
    /// in place (its reserved bytes are restored).
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

    /// <summary>
    /// Clock for action times, and the "now" of the validation signing does itself: of ingredients (their recorded
    /// results) and of the output (<see cref="VerifyAfterSign"/>). Tests use a fake one.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TimeProvider TimeProvider { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = TimeProvider.System;

    /// <summary>
    /// Hash algorithm for the claim, hashed URIs and the hard binding: SHA-256 (the default), SHA-384 or SHA-512, the
    /// ones C2PA allows (C2PA 2.2 §13.1); written as <c>sha256</c>, <c>sha384</c> or <c>sha512</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Set to another algorithm.</exception>
    public HashAlgorithmName HashAlgorithm
    {
        get;
        init
        {
            if (!C2paHashAlgorithms.IsAllowed(value))
            {
                throw new ArgumentException($"Hash algorithm '{value.Name}' is not one C2PA allows (SHA256, SHA384, SHA512).", nameof(value));
            }

            field = value;
        }
    } = HashAlgorithmName.SHA256;

    /// <summary><see cref="HashAlgorithm"/> by its C2PA name, as the claim and assertions write it.</summary>
    internal string C2paHashName => C2paHashAlgorithms.GetName(HashAlgorithm);

    /// <summary>Whether assertions get a random salt (C2PA 2.2 §8.4.2.3; protects redacted content). Default true.</summary>
    public bool SaltAssertions { get; init; } = true;

    /// <summary>
    /// Where salts and the UUIDs of manifest labels and instance IDs come from: the system's cryptographic generator.
    /// A seam for tests, which put a seeded source here for repeatable output; not public, since real manifests need
    /// unpredictable salts (C2PA 2.2 §8.4.2.3) and unique labels.
    /// </summary>
    internal IRandomSource Randomness { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = SystemRandomSource.Instance;

    /// <summary>The salt source for assertion boxes: <see cref="Randomness"/>, or null when <see cref="SaltAssertions"/> is off.</summary>
    internal IRandomSource? Salts => SaltAssertions ? Randomness : null;

    /// <summary>
    /// ISO BMFF files from this many bytes up have their thumbnail made while they are hashed (room reserved for it):
    /// 256 MiB. A seam for tests, which lower it to exercise that path on small files.
    /// </summary>
    internal long ParallelThumbnailFrom { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Where the manifest store will be published, when it is: the signed asset's XMP then references it
    /// (<c>dcterms:provenance</c>, C2PA 2.2 §11.3), so a verifier can fetch it if the embedded store is stripped, or
    /// when it is not embedded at all (<see cref="ManifestBuilder.SignRemoteAsync"/>). JPEG, PNG and ISO BMFF; an absolute http
    /// or https URL. Default null: no reference.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a URL that is not absolute http or https.</exception>
    public Uri? RemoteManifestUrl
    {
        get;
        init
        {
            if (value is not null && !(value.IsAbsoluteUri && value.Scheme is "http" or "https"))
            {
                throw new ArgumentException($"The remote manifest URL must be an absolute http or https URL, not '{value}'.", nameof(value));
            }

            field = value;
        }
    }

    /// <summary>Limits for reading the input.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public AssetReadOptions ReadOptions { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = AssetReadOptions.Default;

    /// <summary>
    /// Makes the claim thumbnail (<c>c2pa.thumbnail.claim</c>), or null to embed none. The default,
    /// <see cref="FfmpegThumbnailGenerator.Default"/>, runs ffmpeg (when it is on the PATH) for video only: still images
    /// get no thumbnail, and no process is started per image, unless an in-process generator is set here, such as
    /// <c>SkiaThumbnailGenerator</c> from the optional <c>Provenance.Thumbnails.Skia</c> package (which brings native
    /// code, so this package does not). Combine them with <see cref="ThumbnailGenerators.FirstOf"/>; tests set their
    /// own. When the generator makes no thumbnail, signing goes on without one and says why in
    /// <see cref="SigningResult.Notes"/>.
    /// </summary>
    public IThumbnailGenerator? Thumbnails { get; init; } = FfmpegThumbnailGenerator.Default;

    /// <summary>
    /// For MP4/MOV/M4A: hash each <c>mdat</c>'s payload as a Merkle tree of blocks of this many bytes (for example 1 MiB),
    /// so verifiers can hash on all cores. Null (the default) writes a single flat hash.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public long? MerkleBlockSize
    {
        get;
        init
        {
            if (value is long size)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(value));
            }

            field = value;
        }
    }

    /// <summary>Trust anchors used when validating ingredients whose results are recorded in the new manifest.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Cryptography.TrustAnchorSet IngredientTrustAnchors { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = Cryptography.TrustAnchorSet.Empty;

    /// <summary>
    /// Whether the signed output is verified before it is handed over (c2pa-rs's <c>verify_after_sign</c>). Default true.
    /// The manifest store is read back from the written output and validated as a verifier would: the claim signature
    /// against the certificate, the assertions' hashes, and the hard binding's structure (a data hash's exclusion must be
    /// exactly where the store landed); trust is not checked (an untrusted signer is fine). A failure throws
    /// <see cref="ProvenanceSigningException"/> and no output file is moved into place.
    /// </summary>
    /// <remarks>
    /// The media is not hashed a second time unless <see cref="VerifyAfterSignHash"/> asks for it: the hard binding was
    /// computed from the output's own bytes, as they were written (or read back from the output, for Merkle trees).
    /// Whatever this says, the signer's signature is always checked against its certificate before it is embedded.
    /// A stream that cannot be read back is not re-read, and <see cref="SigningResult.Notes"/> says so. In place
    /// (<see cref="ManifestBuilder.SignInPlaceAsync"/>) a store that does not validate has the reserved bytes restored.
    /// </remarks>
    public bool VerifyAfterSign { get; init; } = true;

    /// <summary>
    /// Whether verification after signing (<see cref="VerifyAfterSign"/>) also re-takes the hard binding's hash over the
    /// whole written output, as a verifier of the file would (c2pa-rs's <c>verify_after_sign_hash</c>, also off by
    /// default there). Default false. The cost is one more read and hash of the output, usually from the page cache:
    /// about the time of a <c>verify</c> of the result (for a large video, about as long as signing itself). Worth it
    /// where the written bytes could differ from those handed to the stream (a stream that transforms what it is given).
    /// Signing in place never re-hashes: no media byte is written.
    /// </summary>
    public bool VerifyAfterSignHash { get; init; }

    /// <summary>
    /// An RFC 3161 time-stamp authority to time-stamp the claim signature (<c>sigTst2</c>, C2PA 2.2 §10.3.2.5), so that
    /// verifiers who trust the authority judge the signer's certificate at that time and the manifest outlives the
    /// certificate. Null (the default) signs without a time-stamp. The request goes out once the asset is hashed and
    /// signed; if no usable token comes, signing throws <see cref="Cryptography.TimeStampAuthorityException"/> and keeps
    /// no output. <see cref="Cryptography.TimeStampAuthority.MaxTokenSize"/> bytes are reserved for the token.
    /// </summary>
    public Cryptography.TimeStampAuthority? TimeStampAuthority { get; init; }

    /// <summary>
    /// A DER-encoded OCSPResponse (RFC 6960 §4.2.1) about the signing certificate, to staple in the claim signature's
    /// <c>rVals</c> header (C2PA 2.2 §14.5.2) so that verifiers learn its revocation status offline. It is checked first
    /// as a verifier would check it now: about the signing certificate (whose issuer the signer's chain must carry),
    /// signed by that issuer or a responder it authorized, current, and <c>good</c>; a revoked certificate stops signing
    /// and any other problem throws <see cref="ProvenanceSigningException"/>. Null (the default) staples none, unless
    /// <see cref="FetchOcsp"/> fetches one; an empty value is refused (beware: a null <c>byte[]</c> converts to empty).
    /// </summary>
    public ReadOnlyMemory<byte>? OcspResponse { get; init; }

    /// <summary>
    /// Whether to fetch the signing certificate's OCSP response from the responder its authority information access
    /// extension names, through <see cref="OcspClient"/>, and staple it like <see cref="OcspResponse"/>. Default false.
    /// A responder that cannot be reached, or whose answer cannot be used, leaves the signature without one and says why
    /// in <see cref="SigningResult.Notes"/>; an answer that the certificate is revoked throws
    /// <see cref="ProvenanceSigningException"/>. Not with <see cref="OcspResponse"/>.
    /// </summary>
    public bool FetchOcsp { get; init; }

    /// <summary>Sends the OCSP request when <see cref="FetchOcsp"/> is set (default <see cref="HttpOcspClient.Default"/>).</summary>
    public IOcspClient OcspClient { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = HttpOcspClient.Default;

    /// <summary>Receives the number of output bytes written, for progress bars on long runs.</summary>
    public IProgress<long>? Progress { get; init; }
}
