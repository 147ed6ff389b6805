using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cryptography;

namespace Provenance.Cose;

/// <summary>Signs a detached payload (the claim) into a COSE_Sign1_Tagged message of a size fixed in advance.</summary>
internal static class CoseSign1Writer
{
    /// <summary>Room left for headers a later step may add (time-stamp tokens are about 5–8 KB; C2PA 2.2 §10.4.2).</summary>
    private const int Slack = 1024;

    /// <summary>
    /// The number of bytes to reserve for the signature of <paramref name="signer"/>, with room for
    /// <paramref name="extraUnprotectedBytes"/> of additional unprotected headers (a time-stamp, OCSP responses).
    /// </summary>
    public static int GetReservedSize(IClaimSigner signer, int extraUnprotectedBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(signer);
        byte[] protectedHeaders = EncodeProtectedHeaders(signer.Algorithm, signer.CertificateChain);
        int unpadded = EncodeMessage(protectedHeaders, new CborMap(), new byte[signer.MaxSignatureSize]).Length;
        return unpadded + extraUnprotectedBytes + Slack;
    }

    /// <summary>
    /// Signs <paramref name="payload"/> (detached) and returns a COSE_Sign1_Tagged of exactly
    /// <paramref name="reservedSize"/> bytes, padded with <c>pad</c>/<c>pad2</c> in the unprotected bucket.
    /// </summary>
    /// <param name="signer">The claim signer.</param>
    /// <param name="payload">The claim bytes.</param>
    /// <param name="reservedSize">The exact size of the result.</param>
    /// <param name="unprotectedHeaders">Unprotected headers to include besides padding (for example <c>sigTst2</c>), or null.</param>
    /// <param name="cancellationToken">Cancels a remote signer.</param>
    /// <exception cref="InvalidOperationException">The signature does not fit the reserved size.</exception>
    /// <exception cref="ProvenanceSigningException">
    /// The signer returned a signature COSE cannot carry (DER instead of IEEE P1363 r||s, a wrong length) or one that does
    /// not verify with its certificate's public key.
    /// </exception>
    public static async ValueTask<byte[]> SignDetachedAsync(
        IClaimSigner signer,
        ReadOnlyMemory<byte> payload,
        int reservedSize,
        CborMap? unprotectedHeaders = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        byte[] protectedHeaders = EncodeProtectedHeaders(signer.Algorithm, signer.CertificateChain);
        byte[] toBeSigned = SigStructure.ForSign1(protectedHeaders, payload.Span);
        byte[] signature = await signer.SignAsync(toBeSigned, cancellationToken).ConfigureAwait(false);
        ClaimSignatureCheck.ThrowIfUnusable(signer, toBeSigned, signature);
        return Pad(protectedHeaders, unprotectedHeaders, signature, reservedSize);
    }

    /// <summary>Encodes a signed message padded to <paramref name="reservedSize"/> bytes.</summary>
    internal static byte[] Pad(byte[] protectedHeaders, CborMap? unprotectedHeaders, byte[] signature, int reservedSize)
    {
        byte[]? encoded = PaddingFitter.Fit(
            (pad, pad2) =>
            {
                var headers = new CborMap();
                if (unprotectedHeaders is not null)
                {
                    foreach (KeyValuePair<CborValue, CborValue> entry in unprotectedHeaders)
                    {
                        headers.Add(entry.Key, entry.Value);
                    }
                }

                headers.Add(CoseHeaderLabels.Pad, new CborByteString(new byte[pad]));
                if (pad2 >= 0)
                {
                    headers.Add(CoseHeaderLabels.Pad2, new CborByteString(new byte[pad2]));
                }

                return EncodeMessage(protectedHeaders, headers, signature);
            },
            reservedSize);
        return encoded ?? throw new InvalidOperationException(
            $"The claim signature needs more than the {reservedSize} bytes reserved for it.");
    }

    /// <summary>Encodes the protected header map: <c>{1: alg, 33: x5chain}</c> (C2PA 2.2 §13.2.1).</summary>
    internal static byte[] EncodeProtectedHeaders(SigningAlgorithm algorithm, IReadOnlyList<X509Certificate2> chain)
    {
        if (chain.Count == 0)
        {
            throw new ArgumentException("The signer has no certificate.", nameof(chain));
        }

        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteInt64(CoseHeaderLabels.Algorithm);
        writer.WriteInt64(SigningAlgorithms.ToCoseAlgorithm(algorithm));
        writer.WriteInt64(CoseHeaderLabels.X5Chain);
        if (chain.Count == 1)
        {
            // RFC 9360 §2: a single certificate is a bstr, more than one an array.
            writer.WriteByteString(chain[0].RawData);
        }
        else
        {
            writer.WriteStartArray(chain.Count);
            foreach (X509Certificate2 certificate in chain)
            {
                writer.WriteByteString(certificate.RawData);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] EncodeMessage(byte[] protectedHeaders, CborMap unprotectedHeaders, byte[] signature)
    {
        var writer = new CborWriter();
        writer.WriteTag(CoseSign1Message.Tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeaders);
        unprotectedHeaders.WriteTo(writer);
        writer.WriteNull();
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
