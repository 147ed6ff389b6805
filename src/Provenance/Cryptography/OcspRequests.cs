using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Provenance.Cryptography;

/// <summary>Where to ask about a certificate's status, and the question: an OCSP request (RFC 6960 §4.1).</summary>
internal static class OcspRequests
{
    /// <summary>
    /// The OCSP responders named in the certificate's authority information access extension (RFC 5280 §4.2.2.1,
    /// access method id-ad-ocsp), HTTP or HTTPS only (RFC 6960 Appendix A).
    /// </summary>
    public static IReadOnlyList<Uri> ResponderUris(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return
        [
            .. certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>()
                .SelectMany(aia => aia.EnumerateOcspUris())
                .Select(text => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : null)
                .OfType<Uri>()
                .Where(uri => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
        ];
    }

    /// <summary>
    /// An unsigned DER OCSPRequest for <paramref name="certificate"/>, issued by <paramref name="issuer"/>. The CertID
    /// hashes with SHA-1, which every responder answers (RFC 5019 §2.1.1), as c2pa-rs asks.
    /// </summary>
    public static byte[] Create(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, new BcCertificate(issuer.RawData), new BcCertificate(certificate.RawData).SerialNumber));
        return generator.Generate().GetEncoded();
    }
}
