using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cryptography;
using RuntimeSign1 = System.Security.Cryptography.Cose.CoseSign1Message;

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
    /// <summary>Room beyond what is computed: the padding's own framing, and a margin for the unprotected map's growth.</summary>
    private const int Slack = 1024;

    /// <summary>
    /// The number of bytes to reserve for the signature of <paramref name="signer"/>, with room for the headers of
    /// <paramref name="contributors"/> at their largest (a time-stamp token, OCSP responses).
    /// </summary>
    public static int GetReservedSize(IClaimSigner signer, IReadOnlyList<IUnprotectedHeaderContributor>? contributors = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        byte[] protectedHeaders = EncodeProtectedHeaders(signer.Algorithm, signer.CertificateChain);
        int unpadded = EncodeMessage(protectedHeaders, new CborMap(), new byte[signer.MaxSignatureSize]).Length;
        int added = 0;
        foreach (IUnprotectedHeaderContributor contributor in contributors ?? [])
        {
            added = checked(added + new CborTextString(contributor.Label).Encode().Length + contributor.MaxValueSize);
        }

        return checked(unpadded + added + Slack);
    }

    /// <summary>
    /// Signs <paramref name="payload"/> (detached) and returns a COSE_Sign1_Tagged of exactly
    /// <paramref name="reservedSize"/> bytes, padded with <c>pad</c>/<c>pad2</c> in the unprotected bucket.
    /// </summary>
    /// <param name="signer">The claim signer.</param>
    /// <param name="payload">The claim bytes.</param>
    /// <param name="reservedSize">The exact size of the result.</param>
    /// <param name="contributors">
    /// Unprotected headers made once the signature exists (for example <c>sigTst2</c>), in this order; null for none.
    /// </param>
    /// <param name="cancellationToken">Cancels a remote signer and the contributors.</param>
    /// <exception cref="InvalidOperationException">
    /// The signature does not fit the reserved size, or a contributor's header is larger than it said it could be.
    /// </exception>
    /// <exception cref="ProvenanceSigningException">
    /// A remote signer returned a signature COSE cannot carry (DER instead of IEEE P1363 r||s, a wrong length) or one that
    /// does not verify with its certificate's public key.
    /// </exception>
    public static async ValueTask<byte[]> SignDetachedAsync(
        IClaimSigner signer,
        ReadOnlyMemory<byte> payload,
        int reservedSize,
        IReadOnlyList<IUnprotectedHeaderContributor>? contributors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signer is LocalSigner { SignsThroughRuntimeCose: true } local)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RuntimeSign1 message = SignWithLocalKey(local, payload.Span);
            CborMap? localHeaders = await CollectAsync(contributors, new CoseSignatureParts(message.RawProtectedHeaders, message.Signature), cancellationToken).ConfigureAwait(false);
            return PadLocal(message, localHeaders, reservedSize);
        }

        (byte[] protectedHeaders, byte[] signature) = await SignRemotelyAsync(signer, payload, cancellationToken).ConfigureAwait(false);
        CborMap? headers = await CollectAsync(contributors, new CoseSignatureParts(protectedHeaders, signature), cancellationToken).ConfigureAwait(false);
        return Pad(protectedHeaders, headers, signature, reservedSize);
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

    // Each contributor sees the signed parts and adds its header; one that outgrows its reservation would take the room
    // of another (or of the padding), so it is stopped here with its name rather than as a box that does not fit.
    private static async ValueTask<CborMap?> CollectAsync(IReadOnlyList<IUnprotectedHeaderContributor>? contributors, CoseSignatureParts signed, CancellationToken cancellationToken)
    {
        if (contributors is not { Count: > 0 })
        {
            return null;
        }

        var headers = new CborMap();
        foreach (IUnprotectedHeaderContributor contributor in contributors)
        {
            if (await contributor.CreateValueAsync(signed, cancellationToken).ConfigureAwait(false) is not { } value)
            {
                continue;
            }

            int size = value.Encode().Length;
            if (size > contributor.MaxValueSize)
            {
                throw new InvalidOperationException($"The {contributor.Label} header of the COSE signature takes {size} bytes, more than the {contributor.MaxValueSize} reserved for it.");
            }

            headers.Add(new CborTextString(contributor.Label), value);
        }

        return headers;
    }

    private static InvalidOperationException TooSmall(int reservedSize)
        => new($"The claim signature needs more than the {reservedSize} bytes reserved for it.");
}
