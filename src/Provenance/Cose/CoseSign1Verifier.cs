using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cryptography;

namespace Provenance.Cose;

/// <summary>Reads the C2PA-relevant headers of a COSE_Sign1 message and checks its signature over a detached payload.</summary>
internal static class CoseSign1Verifier
{
    /// <summary>
    /// Reads the signing algorithm from the protected <c>alg</c> header (C2PA 2.2 §13.2.1: integer label 1, protected only).
    /// </summary>
    /// <returns><see langword="false"/> when the header is absent or names an algorithm C2PA does not allow.</returns>
    public static bool TryGetAlgorithm(CoseSign1Message message, out SigningAlgorithm algorithm, out long coseId)
    {
        ArgumentNullException.ThrowIfNull(message);
        algorithm = default;
        coseId = 0;
        if (message.GetProtectedHeader(CoseHeaderLabels.Of(CoseHeaderLabels.Algorithm)) is not CborInteger integer
            || integer.Value < long.MinValue || integer.Value > long.MaxValue)
        {
            return false;
        }

        coseId = (long)integer.Value;
        return SigningAlgorithms.TryFromCoseAlgorithm(coseId, out algorithm);
    }

    /// <summary>
    /// Reads the certificate chain (signer first): label 33, or the deprecated <c>"x5chain"</c>. Only the protected
    /// (signed) header counts unless <paramref name="allowUnprotected"/> is set: a chain in the unprotected bucket can be
    /// swapped by anyone for another certificate over the same key (C2PA 2.2 §13.2.1 puts it in the protected header
    /// for claims v2; 1.x claims may carry it unprotected). The same label in both buckets, two credentials, never gets
    /// here: decoding refuses any label in both (RFC 9052 §3). The certificates come from <see cref="CertificateCache"/>
    /// and are shared: callers read them and never dispose them.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">No chain where it may be, or an entry that is not a certificate.</exception>
    public static IReadOnlyList<X509Certificate2> GetCertificateChain(CoseSign1Message message, bool allowUnprotected = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        CborValue? chain = FindChain(message, CoseHeaderLabels.Of(CoseHeaderLabels.X5Chain), allowUnprotected)
            ?? FindChain(message, CoseHeaderLabels.Of(CoseHeaderLabels.X5ChainText), allowUnprotected)
            ?? throw new ProvenanceFormatException(FormatLayer.Cose, -1, allowUnprotected
                ? "the claim signature carries no x5chain header"
                : "the claim signature carries no x5chain in its protected header (an unprotected one is not signed and is not accepted for claims v2)");
        var certificates = new List<X509Certificate2>();
        IEnumerable<CborValue> entries = chain is CborArray array ? array : [chain];
        foreach (CborValue entry in entries)
        {
            if (entry is not CborByteString der)
            {
                throw new ProvenanceFormatException(FormatLayer.Cose, -1, "an x5chain entry is not a byte string");
            }

            X509Certificate2 certificate;
            string? problem;
            try
            {
                certificate = CertificateCache.Load(der.Value.Span, out problem);
            }
            catch (CryptographicException ex)
            {
                throw new ProvenanceFormatException(FormatLayer.X509, -1, $"x5chain entry {certificates.Count} is not a certificate: {ex.Message}", ex);
            }

            if (problem is not null)
            {
                certificate.Dispose();
                throw new ProvenanceFormatException(FormatLayer.X509, -1, $"x5chain entry {certificates.Count} is a malformed certificate: {problem}");
            }

            certificates.Add(certificate);
        }

        if (certificates.Count == 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Cose, -1, "the x5chain header is empty");
        }

        return certificates;
    }

    /// <summary>
    /// Verifies the signature over <c>Sig_structure("Signature1", protected, h'', payload)</c> (RFC 9052 §4.4) with the
    /// certificate's public key. ECDSA and RSASSA-PSS are verified by System.Security.Cryptography.Cose; Ed25519, which
    /// the runtime lacks, by BouncyCastle over our own <see cref="SigStructure"/>. A message that embeds a payload
    /// (against C2PA 2.2 §10.3.2.4) is verified over the detached claim all the same, as c2pa-rs does; the runtime only
    /// verifies a detached message that way, so such a message takes the Sig_structure path too.
    /// </summary>
    /// <param name="message">The decoded message.</param>
    /// <param name="algorithm">The algorithm its protected <c>alg</c> header names (<see cref="TryGetAlgorithm"/>).</param>
    /// <param name="certificate">The signer's certificate.</param>
    /// <param name="payload">The detached payload: the claim bytes, or the identity assertion's signer payload.</param>
    /// <returns>Whether the signature is valid; false, never an exception, for a key that does not fit the algorithm.</returns>
    public static bool VerifyDetached(CoseSign1Message message, SigningAlgorithm algorithm, X509Certificate2 certificate, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(certificate);
        if (algorithm == SigningAlgorithm.Ed25519 || message.Payload is not null)
        {
            byte[] toBeSigned = SigStructure.ForSign1(message.RawProtectedHeaders.Span, payload);
            return SignatureVerifier.Verify(algorithm, certificate, toBeSigned, message.Signature.Span);
        }

        try
        {
            using AsymmetricAlgorithm? key = SigningAlgorithms.IsEcdsa(algorithm)
                ? (AsymmetricAlgorithm?)certificate.GetECDsaPublicKey()
                : CertificateKeys.GetRsaPublicKey(certificate);

            // The runtime takes the algorithm from the same protected alg header that named the key type here.
            return key is not null && message.Decoded.VerifyDetached(key, payload);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static CborValue? FindChain(CoseSign1Message message, CoseHeaderLabel label, bool allowUnprotected)
        => message.GetProtectedHeader(label) ?? (allowUnprotected ? message.GetUnprotectedHeader(label) : null);
}
