using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Provenance.Cryptography;

/// <summary>
/// Ed25519 signature verification (RFC 8032 §5.1.7), which .NET's cryptography lacks; BouncyCastle does the arithmetic.
/// CAWG identity credentials made by c2pa-rs's test tools are Ed25519, and C2PA 2.2 §13.2 allows it for claims.
/// </summary>
internal static class Ed25519Verifier
{
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>The length of an Ed25519 signature: 64 bytes (RFC 8032 §5.1.6).</summary>
    public const int SignatureSize = 64;

    /// <summary>Whether <paramref name="signature"/> is a valid Ed25519 signature of <paramref name="data"/> by the certificate's key.</summary>
    public static bool Verify(X509Certificate2 certificate, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        // RFC 8410 §4: the subjectPublicKey of an Ed25519 key is the 32-byte public key itself.
        if (certificate.PublicKey.Oid.Value != Ed25519Oid)
        {
            return false;
        }

        byte[] key = certificate.PublicKey.EncodedKeyValue.RawData;
        if (key.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        return Ed25519.Verify(signature.ToArray(), 0, key, 0, data.ToArray(), 0, data.Length);
    }
}
