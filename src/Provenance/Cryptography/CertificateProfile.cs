using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Checks a signing certificate against the C2PA certificate profile (C2PA 2.2 §14.5.1), the checks c2pa-rs makes;
/// a problem is reported as <c>signingCredential.invalid</c>.
/// </summary>
internal static class CertificateProfile
{
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    private static readonly HashSet<string> SignatureAlgorithms =
    [
        "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", // sha256/384/512WithRSAEncryption
        "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4",       // ecdsa-with-SHA256/384/512
        "1.2.840.113549.1.1.10",                                                   // RSASSA-PSS
        "1.3.101.112",                                                             // Ed25519
    ];

    private static readonly HashSet<string> Curves = ["1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35"];

    private static readonly HashSet<string> HandledExtensions =
    [
        "2.5.29.14", "2.5.29.35", "2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.32", "2.5.29.33",
        "2.5.29.30", "2.5.29.36", "2.5.29.31", "2.5.29.54", "1.3.6.1.5.5.7.1.1",
    ];

    /// <summary>
    /// Returns the profile problems of a signing certificate; empty when it conforms. The certificate must carry one of
    /// <paramref name="allowedEkus"/> (null for <see cref="ChainValidator.DefaultAllowedEkus"/>): like c2pa-rs, a
    /// missing EKU makes the credential invalid, not merely untrusted.
    /// </summary>
    public static IReadOnlyList<string> Validate(X509Certificate2 signingCertificate, IReadOnlyCollection<string>? allowedEkus = null)
    {
        ArgumentNullException.ThrowIfNull(signingCertificate);
        try
        {
            return ValidateExtensions(signingCertificate, allowedEkus ?? ChainValidator.DefaultAllowedEkus);
        }
        catch (CryptographicException ex)
        {
            // .NET decodes an extension's value when it is first read: a certificate that parsed may still carry an
            // extension whose DER is broken (RFC 5280 §4.2), which makes the credential invalid, not the verifier crash.
            return ["a certificate extension is malformed: " + ex.Message];
        }
    }

    private static List<string> ValidateExtensions(X509Certificate2 signingCertificate, IReadOnlyCollection<string> allowedEkus)
    {
        var problems = new List<string>();
        X509Certificate2 certificate = signingCertificate;
        if (certificate.Version != 3)
        {
            problems.Add($"certificate version is {certificate.Version}, not 3");
        }

        if (!SignatureAlgorithms.Contains(certificate.SignatureAlgorithm.Value ?? ""))
        {
            problems.Add($"certificate signature algorithm {certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value} is not allowed");
        }

        CheckKey(certificate, problems);
        X509BasicConstraintsExtension? basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        bool isCa = basic?.CertificateAuthority == true;
        if (isCa)
        {
            problems.Add("the signing certificate is a CA certificate; only end-entity certificates may sign claims");
        }

        X509KeyUsageExtension? keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (keyUsage is null)
        {
            problems.Add("certificate has no key usage extension");
        }
        else
        {
            if (!keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature) && !keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.NonRepudiation))
            {
                problems.Add("key usage lacks digitalSignature");
            }

            if (keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign) && !isCa)
            {
                problems.Add("key usage has keyCertSign on an end-entity certificate");
            }
        }

        string[] ekus = ChainValidator.ExtendedKeyUsages(certificate);
        if (ekus.Length == 0)
        {
            problems.Add("certificate has no extended key usage");
        }
        else if (ekus.Contains(AnyExtendedKeyUsage))
        {
            problems.Add("anyExtendedKeyUsage is not allowed");
        }
        else if ((ekus.Contains(TimeStamping) || ekus.Contains(OcspSigning)) && ekus.Length > 1)
        {
            problems.Add("a time-stamping or OCSP-signing certificate must have no other extended key usage");
        }
        else if (!ekus.Any(allowedEkus.Contains))
        {
            problems.Add($"certificate has no extended key usage accepted for signing claims (it has {string.Join(", ", ekus.Select(DescribeEku))})");
        }

        // C2PA 2.2 §14.5.1: a claim is signed by an end entity issued by a CA. A self-signed certificate is its own
        // authority, whoever lists it as an anchor; c2pa-rs refuses it through the missing authority key identifier
        // (or as a self-issued CA), and so do we, whether or not it carries one.
        if (IsSelfSigned(certificate))
        {
            problems.Add("the signing certificate is self-signed; claims must be signed by an end-entity certificate issued by a CA");
        }
        else if (certificate.Extensions["2.5.29.35"] is null)
        {
            problems.Add("certificate has no authority key identifier");
        }

        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension.Critical && !HandledExtensions.Contains(extension.Oid?.Value ?? ""))
            {
                problems.Add($"unknown critical extension {extension.Oid?.Value}");
            }
        }

        return problems;
    }

    private static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        // Same name: self-issued. Self-signed when its own key verifies its signature.
        try
        {
            return ChainValidator.Parse(certificate) is { } parsed && parsed.IsSignatureValid(parsed.GetPublicKey());
        }
        catch (Exception ex) when (ChainValidator.IsFromCertificateContent(ex))
        {
            return false;
        }
    }

    private static string DescribeEku(string oid) => oid switch
    {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        _ => oid,
    };

    private static void CheckKey(X509Certificate2 certificate, List<string> problems)
    {
        string keyAlgorithm = certificate.PublicKey.Oid.Value ?? "";
        if (keyAlgorithm == "1.2.840.10045.2.1")
        {
            string curve = ReadCurve(certificate.PublicKey.EncodedParameters?.RawData ?? []);
            if (!Curves.Contains(curve))
            {
                problems.Add($"elliptic curve {curve} is not P-256, P-384 or P-521");
            }
        }
        else if (keyAlgorithm is "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10")
        {
            using RSA? rsa = CertificateKeys.GetRsaPublicKey(certificate);
            if (rsa is null || rsa.KeySize < 2048)
            {
                problems.Add("RSA key shorter than 2048 bits");
            }
        }
        else if (keyAlgorithm != "1.3.101.112")
        {
            problems.Add($"public key algorithm {keyAlgorithm} is not allowed");
        }
    }

    private static string ReadCurve(byte[] parameters)
    {
        try
        {
            return new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return "(unreadable)";
        }
    }
}
