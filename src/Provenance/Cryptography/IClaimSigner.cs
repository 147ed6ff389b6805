using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Signs claims. A remote key (an HSM, a cloud KMS) implements this asynchronously: it is given the COSE ToBeSigned
/// bytes (RFC 9052 §4.4) and returns the signature. <see cref="LocalSigner"/> signs with a key in memory; claims it
/// signs with ECDSA or RSA go through System.Security.Cryptography.Cose instead of <see cref="SignAsync"/>, with the
/// same result (Ed25519, which that library lacks, goes through <see cref="SignAsync"/>).
/// </summary>
public interface IClaimSigner
{
    /// <summary>The signing algorithm.</summary>
    SigningAlgorithm Algorithm { get; }

    /// <summary>The certificate chain: signing certificate first, then intermediates, without the root.</summary>
    IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The largest raw signature the signer returns (ES256 64, ES384 96, ES512 132, PS* the modulus size, Ed25519 64).</summary>
    int MaxSignatureSize { get; }

    /// <summary>
    /// Signs <paramref name="toBeSigned"/>: ECDSA as raw r||s (IEEE P1363), RSASSA-PSS with MGF1 of the same hash and a
    /// salt as long as the hash.
    /// </summary>
    /// <remarks>
    /// Cloud key services and HSMs usually return ECDSA signatures DER-encoded; convert them with
    /// <see cref="EcdsaSignatureFormat.DerToP1363"/>. Signing checks every result before embedding it (its form, its
    /// length, and that it verifies with the public key of <see cref="CertificateChain"/>'s first certificate) and throws
    /// <see cref="ProvenanceSigningException"/> otherwise.
    /// </remarks>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default);
}
