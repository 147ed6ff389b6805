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
        if (!message.ProtectedHeaders.TryGetValue(new CborInteger(CoseHeaderLabels.Algorithm), out CborValue? value)
            || value is not CborInteger integer
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
    /// for claims v2; 1.x claims may carry it unprotected). The same label in both buckets is two credentials and is
    /// rejected.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">No chain where it may be, two chains, or an entry that is not a certificate.</exception>
    public static IReadOnlyList<X509Certificate2> GetCertificateChain(CoseSign1Message message, bool allowUnprotected = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        CborValue? chain = FindChain(message, new CborInteger(CoseHeaderLabels.X5Chain), allowUnprotected)
            ?? FindChain(message, new CborTextString(CoseHeaderLabels.X5ChainText), allowUnprotected)
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

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der.Value.Span));
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new ProvenanceFormatException(FormatLayer.X509, -1, $"x5chain entry {certificates.Count} is not a certificate: {ex.Message}", ex);
            }
        }

        if (certificates.Count == 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Cose, -1, "the x5chain header is empty");
        }

        return certificates;
    }

    /// <summary>Verifies the signature over <c>Sig_structure("Signature1", protected, h'', payload)</c>.</summary>
    public static bool VerifyDetached(CoseSign1Message message, SigningAlgorithm algorithm, X509Certificate2 certificate, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(message);
        byte[] toBeSigned = SigStructure.ForSign1(message.RawProtectedHeaders.Span, payload);
        return SignatureVerifier.Verify(algorithm, certificate, toBeSigned, message.Signature.Span);
    }

    private static CborValue? FindChain(CoseSign1Message message, CborValue label, bool allowUnprotected)
    {
        bool inProtected = message.ProtectedHeaders.TryGetValue(label, out CborValue? p);
        bool inUnprotected = message.UnprotectedHeaders.TryGetValue(label, out CborValue? u);
        if (inProtected && inUnprotected)
        {
            throw new ProvenanceFormatException(FormatLayer.Cose, -1, "the certificate chain appears in both header buckets");
        }

        return inProtected ? p : allowUnprotected ? u : null;
    }
}
