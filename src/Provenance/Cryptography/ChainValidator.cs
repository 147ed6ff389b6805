using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.X509.Extension;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

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
    /// of the allowed EKUs. Revocation is not fetched (no network; C2PA 2.2 §14.5.2 uses stapled OCSP instead). A trusted
    /// path is kept with the anchor set (<see cref="ValidatedChains"/>) and reused for the same certificates while all of
    /// them are valid; the EKU check is made every time.
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

        X509Certificate2[] offered = [.. intermediates ?? []];
        TrustAnchorSet.PkixTrust trust = anchors.Pkix;
        DateTime time = verificationTime.UtcDateTime;
        string key = ValidatedChains.KeyOf(signingCertificate, offered);
        if (trust.Validated.Find(key, time, signingCertificate, offered) is { } known)
        {
            return known;
        }

        ChainValidationResult result = ValidatePath(signingCertificate, offered, trust, time);
        trust.Validated.Remember(key, result, signingCertificate, offered);
        return result;
    }

    private static ChainValidationResult ValidatePath(X509Certificate2 signingCertificate, X509Certificate2[] intermediates, TrustAnchorSet.PkixTrust trust, DateTime time)
    {
        // The path is found here, one issuer a step, and validated by BouncyCastle (RFC 5280), over the x5chain and the
        // anchors only: .NET's X509Chain would do the same through OpenSSL, but on Linux it first loads the machine's
        // whole certificate store (about 60 ms the first time in a process), which nothing here needs.
        if (Parse(signingCertificate) is not { } target)
        {
            return new ChainValidationResult(false, "the signing certificate cannot be read as DER-encoded X.509", [signingCertificate]);
        }

        // Each parsed certificate mapped back to its X509Certificate2, by reference.
        var originals = new Dictionary<BcCertificate, X509Certificate2>(ReferenceEqualityComparer.Instance) { [target] = signingCertificate };
        var pool = new List<BcCertificate>();
        foreach (X509Certificate2 intermediate in intermediates)
        {
            // One that cannot be read cannot take part in a path; the others still may.
            if (Parse(intermediate) is { } parsed)
            {
                originals[parsed] = intermediate;
                pool.Add(parsed);
            }
        }

        var parameters = new PkixParameters(trust.Anchors) { IsRevocationEnabled = false, Date = time };
        parameters.AddCertPathChecker(new ExtendedKeyUsageChecked());
        List<BcCertificate> path = FindPath(target, pool, trust.Anchors);
        PkixCertPathValidatorResult built;
        try
        {
            built = new PkixCertPathValidator().Validate(new PkixCertPath(path), parameters);
        }
        catch (Exception ex) when (IsFromCertificateContent(ex))
        {
            return new ChainValidationResult(false, "the signing certificate does not chain to a trust anchor: " + Describe(ex), [signingCertificate]);
        }

        BcCertificate anchor = built.TrustAnchor.TrustedCert;
        List<BcCertificate> below = [.. path.Where(c => !c.Equals(anchor))];
        X509Certificate2[] chain = [.. below.Select(c => Original(c, originals)).Append(Original(anchor, trust.Originals))];
        return AnchorProblem(anchor, below, time) is { } problem
            ? new ChainValidationResult(false, "the signing certificate does not chain to a trust anchor: " + problem, chain)
            : new ChainValidationResult(true, null, chain);
    }

    /// <summary>
    /// The signer and its issuers, one step at a time, up to the first certificate an anchor could have issued: at each
    /// step the first certificate not yet on the path whose subject is the issuer's name and whose key identifier does
    /// not contradict the authority key identifier. No search over orders: a chain of many certificates of one name,
    /// naming one another as issuer, would give a search as many paths as their orders (the signer's own x5chain could
    /// carry them). Signatures, validity and every constraint are left to the validation of the path found.
    /// </summary>
    private static List<BcCertificate> FindPath(BcCertificate target, List<BcCertificate> pool, ISet<TrustAnchor> anchors)
    {
        var path = new List<BcCertificate> { target };
        BcCertificate current = target;
        while (path.Count <= MaxIntermediates
            && !anchors.Any(a => CouldIssue(a.TrustedCert, current))
            && pool.FirstOrDefault(c => !path.Contains(c) && CouldIssue(c, current)) is { } issuer)
        {
            path.Add(issuer);
            current = issuer;
        }

        return path;
    }

    // By name, and by key identifier when both certificates carry one (RFC 5280 §4.2.1.1).
    private static bool CouldIssue(BcCertificate issuer, BcCertificate subject)
    {
        if (!issuer.SubjectDN.Equivalent(subject.IssuerDN))
        {
            return false;
        }

        try
        {
            byte[]? authority = subject.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier) is { } aki
                ? AuthorityKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(aki)).KeyIdentifier?.GetOctets()
                : null;
            byte[]? key = issuer.GetExtensionValue(X509Extensions.SubjectKeyIdentifier) is { } ski
                ? SubjectKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(ski)).GetKeyIdentifier()
                : null;
            return authority is null || key is null || authority.AsSpan().SequenceEqual(key);
        }
        catch (Exception ex) when (IsFromCertificateContent(ex))
        {
            return false;
        }
    }

    // The path holds the objects parsed here, and the validator names one of the anchors' own objects; should it ever
    // name an equal copy, the copy's original is found by content, so that a path can never turn into an exception here.
    private static X509Certificate2 Original(BcCertificate certificate, IReadOnlyDictionary<BcCertificate, X509Certificate2> originals)
        => originals.TryGetValue(certificate, out X509Certificate2? original) ? original : originals.First(p => p.Key.Equals(certificate)).Value;

    /// <summary>
    /// What the anchor's own certificate forbids of the path below it (the signer first), or null. RFC 5280 takes an
    /// anchor as a name and a key only; OpenSSL, which c2pa-rs uses, also holds the path to the anchor certificate's
    /// validity, CA flag, key usage, path length and name constraints, and so do we: a leaf on a trust list does not
    /// become a CA by being listed.
    /// </summary>
    private static string? AnchorProblem(BcCertificate anchor, List<BcCertificate> below, DateTime time)
    {
        string name = anchor.SubjectDN.ToString();
        try
        {
            return AnchorConstraintProblem(anchor, name, below, time);
        }
        catch (Exception ex) when (IsFromCertificateContent(ex))
        {
            return $"the constraints of the anchor {name} cannot be read: {ex.Message}";
        }
    }

    private static string? AnchorConstraintProblem(BcCertificate anchor, string name, List<BcCertificate> below, DateTime time)
    {
        if (!anchor.IsValid(time))
        {
            return $"the anchor {name} is not valid at {time:u}";
        }

        // The signer is the anchor itself, or the anchor is a version 1 root (no extensions, so no constraints).
        if (below.Count == 0 || anchor.Version < 3)
        {
            return null;
        }

        int pathLength = anchor.GetBasicConstraints();
        if (pathLength < 0)
        {
            return $"the anchor {name} is not a certificate authority";
        }

        if (anchor.GetKeyUsage() is { } usage && !usage[KeyCertSign])
        {
            return $"the anchor {name} may not sign certificates (no keyCertSign)";
        }

        int intermediates = below.Skip(1).Count(c => !c.SubjectDN.Equivalent(c.IssuerDN));
        if (intermediates > pathLength)
        {
            return $"the anchor {name} allows {pathLength} intermediate certificates below it, the path has {intermediates}";
        }

        if (anchor.GetExtensionValue(X509Extensions.NameConstraints) is not { } extension)
        {
            return null;
        }

        try
        {
            var constraints = NameConstraints.GetInstance(X509ExtensionUtilities.FromExtensionValue(extension));
            var validator = new PkixNameConstraintValidator();
            if (constraints.PermittedSubtreesValue is { } permitted)
            {
                validator.IntersectPermittedSubtree(permitted.Elements);
            }

            foreach (GeneralSubtree excluded in constraints.ExcludedSubtreesValue?.GetElements() ?? [])
            {
                validator.AddExcludedSubtree(excluded);
            }

            foreach (BcCertificate certificate in below)
            {
                validator.CheckDN(certificate.SubjectDN);
                if (certificate.GetExtensionValue(X509Extensions.SubjectAlternativeName) is { } alternative)
                {
                    foreach (GeneralName alternativeName in GeneralNames.GetInstance(X509ExtensionUtilities.FromExtensionValue(alternative)).GetNames())
                    {
                        validator.CheckName(alternativeName);
                    }
                }
            }

            return null;
        }
        catch (PkixNameConstraintValidatorException ex)
        {
            return $"the path breaks the name constraints of the anchor {name}: {ex.Message}";
        }
    }

    /// <summary>
    /// What BouncyCastle throws on certificate content it refuses (certificates come from the asset, so any of these is
    /// a verdict on the asset, never an error of the verifier).
    /// </summary>
    internal static bool IsFromCertificateContent(Exception ex)
        => ex is PkixCertPathBuilderException or PkixCertPathValidatorException or PkixNameConstraintValidatorException
            or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException
            or ArgumentException or InvalidOperationException or InvalidCastException or IOException or FormatException or OverflowException;

    /// <summary>
    /// The certificate read by BouncyCastle; null when it cannot read it, or when its bytes are not DER (it then grants
    /// nothing). BouncyCastle checks a signature over its own DER encoding of what it read, not over the bytes given, so a
    /// certificate with a BER detail (a BOOLEAN written 7B instead of FF) would pass for the one its issuer signed; OpenSSL
    /// and c2pa-rs check the bytes themselves, and refuse it.
    /// </summary>
    internal static BcCertificate? Parse(X509Certificate2 certificate)
    {
        try
        {
            var parsed = new BcCertificate(certificate.RawData);
            return parsed.GetEncoded().AsSpan().SequenceEqual(certificate.RawData) ? parsed : null;
        }
        catch (Exception ex) when (IsFromCertificateContent(ex))
        {
            return null;
        }
    }

    private const int KeyCertSign = 5;

    // The deepest chain searched: anchor, this many intermediates, signer. C2PA chains have one or two intermediates.
    private const int MaxIntermediates = 8;

    private static string Describe(Exception ex)
    {
        var messages = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            string message = e.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return messages.Count > 0 ? string.Join(": ", messages) : "no path";
    }

    /// <summary>
    /// Tells path validation that the extended key usage, critical or not, is taken care of: it is checked against the
    /// caller's allowed usages before the path is built (a time-stamping certificate's is critical by RFC 3161).
    /// </summary>
    private sealed class ExtendedKeyUsageChecked : PkixCertPathChecker
    {
        public override void Init(bool forward)
        {
        }

        public override bool IsForwardCheckingSupported() => true;

        public override ISet<string>? GetSupportedExtensions() => null;

        public override void Check(BcCertificate cert, ISet<string> unresolvedCritExts) => unresolvedCritExts.Remove("2.5.29.37");
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
