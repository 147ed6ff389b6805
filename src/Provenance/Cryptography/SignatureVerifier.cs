using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>Verifies raw claim signatures with a certificate's public key.</summary>
internal static class SignatureVerifier
{
    /// <summary>
    /// Whether <paramref name="signature"/> is a valid signature of <paramref name="data"/> by the certificate's key. False
    /// for a key of the wrong type or a malformed signature; never throws for bad signatures.
    /// </summary>
    public static bool Verify(SigningAlgorithm algorithm, X509Certificate2 certificate, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(algorithm);
        try
        {
            if (SigningAlgorithms.IsEcdsa(algorithm))
            {
                using ECDsa? ec = certificate.GetECDsaPublicKey();
                return ec is not null && ec.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            if (algorithm is SigningAlgorithm.PS256 or SigningAlgorithm.PS384 or SigningAlgorithm.PS512)
            {
                using RSA? rsa = CertificateKeys.GetRsaPublicKey(certificate);
                return rsa is not null && rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pss);
            }

            if (algorithm == SigningAlgorithm.Ed25519)
            {
                return Ed25519Verifier.Verify(certificate, data, signature);
            }

            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
