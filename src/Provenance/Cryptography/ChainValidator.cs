using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>The outcome of building a chain from a signing certificate to a trust anchor.</summary>
/// <param name="IsTrusted">Whether a valid chain to an anchor was found.</param>
/// <param name="Problem">Why not, when it was not.</param>
/// <param name="Chain">The chain built, signing certificate first.</param>
internal sealed record ChainValidationResult(bool IsTrusted, string? Problem, IReadOnlyList<X509Certificate2> Chain);

/// <summary>Validates signing certificate chains against trust anchors (RFC 5280 path validation, C2PA 2.2 §14.4).</summary>
internal static class ChainValidator
{
    /// <summary>
    /// The extended key usages accepted for claim signing by default, as c2pa-rs accepts them: C2PA claim signing,
    /// email protection, document signing, time-stamping, OCSP signing, and Microsoft's C2PA signing.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedEkus { get; } =
    [
        "1.3.6.1.4.1.62558.2.1",
        "1.3.6.1.5.5.7.3.4",
        "1.3.6.1.5.5.7.3.36",
        "1.3.6.1.5.5.7.3.8",
        "1.3.6.1.5.5.7.3.9",
        "1.3.6.1.4.1.311.76.59.1.9",
    ];

    /// <summary>
    /// Builds a chain from <paramref name="signingCertificate"/> through <paramref name="intermediates"/> to one of
    /// <paramref name="anchors"/>, valid at <paramref name="verificationTime"/>; the signing certificate must carry one
    /// of the allowed EKUs. Revocation is not fetched (no network; C2PA 2.2 §14.5.2 uses stapled OCSP instead).
    /// </summary>
    public static ChainValidationResult Validate(
        X509Certificate2 signingCertificate,
        IEnumerable<X509Certificate2> intermediates,
        TrustAnchorSet anchors,
        DateTimeOffset verificationTime,
        IReadOnlyCollection<string>? allowedEkus = null)
    {
        ArgumentNullException.ThrowIfNull(signingCertificate);
        ArgumentNullException.ThrowIfNull(anchors);
        allowedEkus ??= DefaultAllowedEkus;
        string[] ekus = ExtendedKeyUsages(signingCertificate);
        if (!ekus.Any(allowedEkus.Contains))
        {
            return new ChainValidationResult(false, "the signing certificate has no extended key usage accepted for signing", [signingCertificate]);
        }

        if (anchors.Count == 0)
        {
            return new ChainValidationResult(false, "no trust anchors are configured", [signingCertificate]);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.Certificates.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange((intermediates ?? []).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = verificationTime.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        bool built = chain.Build(signingCertificate);
        X509Certificate2[] path = [.. chain.ChainElements.Select(e => e.Certificate)];
        if (built)
        {
            return new ChainValidationResult(true, null, path);
        }

        string problems = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return new ChainValidationResult(false, "the signing certificate does not chain to a trust anchor: " + (problems.Length > 0 ? problems : "no path"), path);
    }

    /// <summary>The certificate's extended key usages; none when the extension's DER is malformed (it grants nothing then).</summary>
    internal static string[] ExtendedKeyUsages(X509Certificate2 certificate)
    {
        try
        {
            return certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Select(o => o.Value!).ToArray();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }
}
