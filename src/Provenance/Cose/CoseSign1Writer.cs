using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cryptography;

namespace Provenance.Cose;

/// <summary>
/// Signs a detached payload (the claim) into a COSE_Sign1_Tagged message of a size fixed in advance. A
/// <see cref="LocalSigner"/> over an ECDSA or RSA key signs through System.Security.Cryptography.Cose
/// (<c>CoseSign1Writer.LocalKey.cs</c>); any other <see cref="IClaimSigner"/>, such as a remote key service, and a
/// LocalSigner over an Ed25519 key (which that library lacks) through our own Sig_structure
/// (<c>CoseSign1Writer.Remote.cs</c>). Both write the same protected header bytes and the same unprotected bucket, so
/// their messages differ only in the signature.
/// </summary>
internal static partial class CoseSign1Writer
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
    /// A remote signer returned a signature COSE cannot carry (DER instead of IEEE P1363 r||s, a wrong length) or one that
    /// does not verify with its certificate's public key.
    /// </exception>
    public static ValueTask<byte[]> SignDetachedAsync(
        IClaimSigner signer,
        ReadOnlyMemory<byte> payload,
        int reservedSize,
        CborMap? unprotectedHeaders = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signer is LocalSigner { SignsThroughRuntimeCose: true } local)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(SignWithLocalKey(local, payload.Span, reservedSize, unprotectedHeaders));
        }

        return SignRemotelyAsync(signer, payload, reservedSize, unprotectedHeaders, cancellationToken);
    }

    /// <summary>Encodes the protected header map: <c>{1: alg, 33: x5chain}</c> (C2PA 2.2 §13.2.1).</summary>
    internal static byte[] EncodeProtectedHeaders(SigningAlgorithm algorithm, IReadOnlyList<X509Certificate2> chain)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteInt64(CoseHeaderLabels.Algorithm);
        writer.WriteInt64(SigningAlgorithms.ToCoseAlgorithm(algorithm));
        writer.WriteInt64(CoseHeaderLabels.X5Chain);
        writer.WriteEncodedValue(EncodeX5Chain(chain));
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The <c>x5chain</c> value: the signer's certificate first, then intermediates (RFC 9360 §2).</summary>
    internal static byte[] EncodeX5Chain(IReadOnlyList<X509Certificate2> chain)
    {
        if (chain.Count == 0)
        {
            throw new ArgumentException("The signer has no certificate.", nameof(chain));
        }

        var writer = new CborWriter();
        if (chain.Count == 1)
        {
            // RFC 9360 §2: a single certificate is a bstr, more than one an array.
            writer.WriteByteString(chain[0].RawData);
            return writer.Encode();
        }

        writer.WriteStartArray(chain.Count);
        foreach (X509Certificate2 certificate in chain)
        {
            writer.WriteByteString(certificate.RawData);
        }

        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>
    /// The unprotected bucket: <paramref name="headers"/>, <c>pad</c> and, when <paramref name="pad2"/> is not negative,
    /// <c>pad2</c>, in the order of their encoded labels (RFC 8949 §4.2.1), the order our CBOR writer gives a map.
    /// </summary>
    internal static List<KeyValuePair<CborValue, CborValue>> UnprotectedEntries(CborMap? headers, int pad, int pad2)
    {
        var entries = new List<KeyValuePair<CborValue, CborValue>>(headers ?? []);
        entries.Add(new(new CborTextString(CoseHeaderLabels.Pad), new CborByteString(new byte[pad])));
        if (pad2 >= 0)
        {
            entries.Add(new(new CborTextString(CoseHeaderLabels.Pad2), new CborByteString(new byte[pad2])));
        }

        entries.Sort((a, b) => a.Key.Encode().AsSpan().SequenceCompareTo(b.Key.Encode()));
        return entries;
    }

    private static InvalidOperationException TooSmall(int reservedSize)
        => new($"The claim signature needs more than the {reservedSize} bytes reserved for it.");
}
