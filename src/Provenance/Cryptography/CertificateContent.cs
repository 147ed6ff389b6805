using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Provenance.Cryptography;

/// <summary>
/// Decodes, up front, the parts of a certificate that .NET and BouncyCastle only decode when first read (extensions,
/// name attributes, the whole structure for BouncyCastle), so that a certificate from a file that loads but holds a
/// malformed part is refused where it is read, as malformed input, rather than failing later in trust, profile or
/// revocation checks with an exception of the runtime's (found by fuzzing: fuzz/findings/verify).
/// </summary>
internal static class CertificateContent
{
    /// <summary>The problem with <paramref name="certificate"/>'s content, or null when every part decodes.</summary>
    public static string? FindProblem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            _ = new BcCertificate(certificate.RawData);
            foreach (X509Extension extension in certificate.Extensions)
            {
                Decode(extension);
            }

            DecodeNames(certificate.SubjectName);
            DecodeNames(certificate.IssuerName);
            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or System.Formats.Asn1.AsnContentException or ArgumentException or FormatException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException or IOException)
        {
            return ExceptionText.Describe(ex);
        }
    }

    private static void Decode(X509Extension extension)
    {
        switch (extension)
        {
            case X509EnhancedKeyUsageExtension eku:
                _ = eku.EnhancedKeyUsages.Count;
                break;
            case X509BasicConstraintsExtension constraints:
                _ = constraints.CertificateAuthority;
                break;
            case X509KeyUsageExtension usage:
                _ = usage.KeyUsages;
                break;
            case X509SubjectKeyIdentifierExtension subjectKey:
                _ = subjectKey.SubjectKeyIdentifier;
                break;
            case X509AuthorityKeyIdentifierExtension authorityKey:
                _ = authorityKey.KeyIdentifier;
                break;
            case X509SubjectAlternativeNameExtension alternativeNames:
                _ = alternativeNames.EnumerateDnsNames().Count() + alternativeNames.EnumerateIPAddresses().Count();
                break;
        }
    }

    private static void DecodeNames(X500DistinguishedName name)
    {
        foreach (X500RelativeDistinguishedName part in name.EnumerateRelativeDistinguishedNames())
        {
            if (!part.HasMultipleElements)
            {
                _ = part.GetSingleElementValue();
            }
        }
    }
}
