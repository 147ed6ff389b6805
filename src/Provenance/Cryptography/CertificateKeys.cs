using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>Public keys of certificates, including RSA keys published under the RSASSA-PSS algorithm identifier.</summary>
internal static class CertificateKeys
{
    private const string RsaPss = "1.2.840.113549.1.1.10";

    /// <summary>
    /// The RSA public key, or null. .NET does not read keys whose SubjectPublicKeyInfo names id-RSASSA-PSS (RFC 4055 §1.2),
    /// which C2PA certificates often use; their key bits are a plain RSAPublicKey, imported directly here.
    /// </summary>
    public static RSA? GetRsaPublicKey(X509Certificate2 certificate)
    {
        if (certificate.PublicKey.Oid.Value != RsaPss)
        {
            return certificate.GetRSAPublicKey();
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPublicKey(certificate.PublicKey.EncodedKeyValue.RawData, out _);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            return null;
        }
    }
}
