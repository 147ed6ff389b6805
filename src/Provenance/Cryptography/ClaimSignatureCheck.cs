using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Checks what a remote <see cref="IClaimSigner"/> returned before it is embedded: the form and length COSE needs, and
/// that it verifies with the signing certificate's public key (Ed25519 through BouncyCastle). A remote signer (a cloud
/// KMS, an HSM) that returns DER, truncates, or signs with a key other than its certificate's would otherwise produce an
/// asset that no verifier accepts. A <see cref="LocalSigner"/> over an ECDSA or RSA key does not come here: its key was
/// matched to its certificate when it was made, and System.Security.Cryptography.Cose writes the signature. One over an
/// Ed25519 key does (it signs through the Sig_structure path), and the check costs one verification.
/// </summary>
internal static class ClaimSignatureCheck
{
    /// <exception cref="ProvenanceSigningException">The signature cannot be used, with what is wrong and how to fix it.</exception>
    public static void ThrowIfUnusable(IClaimSigner signer, ReadOnlySpan<byte> toBeSigned, byte[]? signature)
    {
        SigningAlgorithm algorithm = signer.Algorithm;
        string name = SigningAlgorithms.GetName(algorithm);
        X509Certificate2 certificate = signer.CertificateChain[0];
        if (signature is null || signature.Length == 0)
        {
            throw new ProvenanceSigningException($"The signer returned no {name} signature.");
        }

        int? expected = ExpectedLength(algorithm, certificate);
        bool der = SigningAlgorithms.IsEcdsa(algorithm) && signature[0] == 0x30 && EcdsaSignatureFormat.IsDer(signature, algorithm);
        if (der && signature.Length != expected)
        {
            // RFC 9053 §2.1: COSE's ECDSA signature is r||s of fixed length, never the DER SEQUENCE a KMS returns.
            throw new ProvenanceSigningException(
                $"The signer returned a DER-encoded ECDSA signature ({signature.Length} bytes); COSE needs IEEE P1363 r||s of exactly {expected} bytes for {name}. "
                + "Convert it in the signer with EcdsaSignatureFormat.DerToP1363.");
        }

        if (expected is int length && signature.Length != length)
        {
            string form = algorithm switch
            {
                SigningAlgorithm.Ed25519 => "RFC 8032 §5.1.6",
                _ when SigningAlgorithms.IsEcdsa(algorithm) => "IEEE P1363 r||s",
                _ => "the RSA modulus size of the signing certificate's key",
            };
            throw new ProvenanceSigningException($"The signer returned a {signature.Length}-byte {name} signature; it must be exactly {length} bytes ({form}). Was it truncated or padded?");
        }

        if (!SignatureVerifier.Verify(algorithm, certificate, toBeSigned, signature))
        {
            string subject = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            throw new ProvenanceSigningException(
                $"The signer's {name} signature does not verify with the public key of its signing certificate (CN={subject}): "
                + "the private key does not belong to that certificate, the signer signed other bytes than it was given, or it used another algorithm"
                + (SigningAlgorithms.IsEcdsa(algorithm) ? "." : " (PS* is RSASSA-PSS with MGF1 of the same hash and a salt as long as the hash)."));
        }
    }

    private static int? ExpectedLength(SigningAlgorithm algorithm, X509Certificate2 certificate)
    {
        if (SigningAlgorithms.IsEcdsa(algorithm))
        {
            return EcdsaSignatureFormat.GetP1363Length(algorithm);
        }

        if (algorithm == SigningAlgorithm.Ed25519)
        {
            return Ed25519Verifier.SignatureSize;
        }

        using RSA? rsa = CertificateKeys.GetRsaPublicKey(certificate);
        return rsa is null ? null : (rsa.KeySize + 7) / 8;
    }
}
