using Provenance.Cryptography;

namespace Provenance;

/// <summary>
/// Trust settings as c2pa-rs has them (its <c>trust</c> settings, C2PA 2.2 §14.4): the trust anchors (normally the C2PA
/// trust list), the user's own anchors, the allowed list of end-entity certificates, and extra extended key usages.
/// <see cref="ApplyTo"/> adds them to a <see cref="VerificationOptions"/>; <see cref="FromJsonFile"/> reads them from a
/// c2pa-rs settings file, so one file configures both tools.
/// </summary>
/// <example>
/// <code>
/// // settings.json: {"trust": {"trust_anchors": "-----BEGIN CERTIFICATE-----\n...", "allowed_list": "...", "trust_config": "..."}}
/// VerificationOptions options = TrustSettings.FromJsonFile("settings.json").ApplyTo(VerificationOptions.Default);
/// </code>
/// </example>
public sealed record TrustSettings
{
    /// <summary>No settings: applying them changes nothing.</summary>
    public static TrustSettings Empty { get; } = new();

    /// <summary>Trust anchors, normally the C2PA trust list (c2pa-rs <c>trust.trust_anchors</c>).</summary>
    public TrustAnchorSet TrustAnchors { get; init; } = TrustAnchorSet.Empty;

    /// <summary>
    /// The user's additional anchors (c2pa-rs <c>trust.user_anchors</c>; C2PA 2.2 §14.4.1's "additional X.509 certificate
    /// trust anchors"). c2pa-rs and Provenance trust a signer chaining to either list alike.
    /// </summary>
    public TrustAnchorSet UserAnchors { get; init; } = TrustAnchorSet.Empty;

    /// <summary>End-entity certificates trusted in themselves (c2pa-rs <c>trust.allowed_list</c>).</summary>
    public AllowedSignerList AllowedList { get; init; } = AllowedSignerList.Empty;

    /// <summary>
    /// Extended key usages (OIDs) accepted for claim signing besides <see cref="VerificationOptions.DefaultAllowedEkus"/>
    /// (c2pa-rs <c>trust.trust_config</c>, which likewise adds to its defaults). A signing certificate whose EKUs are in
    /// neither is <c>signingCredential.invalid</c>.
    /// </summary>
    public IReadOnlyList<string> AdditionalEkus { get; init; } = [];

    /// <summary>
    /// Reads the trust settings of a c2pa-rs settings file (JSON: <c>{"trust": {...}, "verify": {...}}</c>); see
    /// <see cref="FromJson"/>.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The file is not valid settings; the message names the file, the line and the key.</exception>
    public static TrustSettings FromJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return TrustSettingsJson.Read(File.ReadAllBytes(path), path);
    }

    /// <summary>
    /// Reads the trust settings of c2pa-rs settings JSON. Of <c>trust</c> it applies <c>trust_anchors</c>,
    /// <c>user_anchors</c> (PEM bundles), <c>allowed_list</c> (PEM certificates and base64 SHA-256 hashes, one a line)
    /// and <c>trust_config</c> (EKU OIDs, one a line), each a string as c2pa-rs takes it, JSON-escaped line breaks and
    /// all. Other sections of c2pa-rs's settings (<c>core</c>, <c>builder</c>, <c>cawg_trust</c>, ...) are not
    /// Provenance's concern and are skipped; an unknown key is an error (a misspelt trust setting would otherwise be
    /// silently ignored). <c>verify.verify_trust</c> and <c>verify.verify_timestamp_trust</c> may only be true:
    /// Provenance always checks trust (C2PA 2.2 §14.4).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Names the settings in error messages (a file name); "settings" when null.</param>
    /// <exception cref="ProvenanceFormatException">The JSON is not valid settings; the message names the line and the key.</exception>
    public static TrustSettings FromJson(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TrustSettingsJson.Read(System.Text.Encoding.UTF8.GetBytes(json), source ?? "settings");
    }

    /// <summary>
    /// Reads a c2pa-rs <c>trust_config</c>: extended key usage OIDs in dotted form, one a line, blank lines and comments
    /// (<c>//</c>, <c>#</c>) skipped, as in c2pa-rs's <c>valid_eku_oids.cfg</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Names the text in error messages (a file name); "EKU list" when null.</param>
    /// <exception cref="ProvenanceFormatException">A line that is not an OID; the message names the source and the line.</exception>
    public static IReadOnlyList<string> ParseExtendedKeyUsages(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = source ?? "EKU list";
        return TrustListText.ReadObjectIdentifiers(text, n => $"{name} line {n}");
    }

    /// <summary>
    /// <paramref name="options"/> with these settings added: both anchor sets to <see cref="VerificationOptions.TrustAnchors"/>,
    /// the allowed list to <see cref="VerificationOptions.AllowedSigners"/>, and the additional EKUs to
    /// <see cref="VerificationOptions.AllowedEkus"/> (or to its defaults when it is null).
    /// </summary>
    public VerificationOptions ApplyTo(VerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            TrustAnchors = options.TrustAnchors.Union(TrustAnchors).Union(UserAnchors),
            AllowedSigners = options.AllowedSigners.Union(AllowedList),
            AllowedEkus = AdditionalEkus.Count == 0
                ? options.AllowedEkus
                : [.. (options.AllowedEkus ?? VerificationOptions.DefaultAllowedEkus).Union(AdditionalEkus, StringComparer.Ordinal)],
        };
    }
}
