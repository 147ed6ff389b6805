using System.Formats.Cbor;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// Writes a CAWG identity assertion signed with an X.509 credential (<c>cawg.identity</c>, sig_type
/// <c>cawg.x509.cose</c>; CAWG Identity Assertion 1.1 §8.2). The assertion refers to the hard binding, which is only
/// known once the asset has been hashed, so it is written in two passes like c2pa-rs's dynamic assertions: a placeholder
/// of <see cref="ReserveSize"/> bytes while the store is laid out, then the signed assertion padded to exactly that size.
/// </summary>
internal sealed class IdentityAssertionWriter
{
    /// <summary>The label of the first identity assertion.</summary>
    public const string Label = "cawg.identity";

    private const string SigType = "cawg.x509.cose";

    private readonly IClaimSigner _credential;
    private readonly IReadOnlyList<string> _roles;
    private readonly int _signatureSize;

    public IdentityAssertionWriter(IClaimSigner credential, IReadOnlyList<string> roles)
    {
        _credential = credential;
        _roles = roles;
        _signatureSize = CoseSign1Writer.GetReservedSize(credential);
    }

    /// <summary>The label of the <paramref name="index"/>th identity assertion (C2PA 2.2 §8.3: <c>__1</c> for the second).</summary>
    public static string LabelFor(int index) => index == 0 ? Label : $"{Label}__{index}";

    /// <summary>The size of the assertion for references like <paramref name="referenced"/> (same URLs, same hash lengths).</summary>
    public int ReserveSize(IReadOnlyList<HashedUri> referenced) => Encode(EncodePayload(referenced), new byte[_signatureSize], 0, -1).Length;

    /// <summary>Signs the signer payload naming <paramref name="referenced"/> and pads the assertion to <paramref name="size"/> bytes.</summary>
    /// <exception cref="InvalidOperationException">The assertion does not fit the reserved size.</exception>
    /// <exception cref="ProvenanceSigningException">The credential's signature cannot be used.</exception>
    public async Task<byte[]> CreateAsync(IReadOnlyList<HashedUri> referenced, int size, CancellationToken cancellationToken)
    {
        byte[] payload = EncodePayload(referenced);
        byte[] signature = await CoseSign1Writer.SignDetachedAsync(_credential, payload, _signatureSize, null, cancellationToken).ConfigureAwait(false);
        // "pad1 and pad2 ... MUST contain only zero-value (0x00) bytes" (CAWG Identity Assertion 1.1 §8.1.1).
        return PaddingFitter.Fit((pad1, pad2) => Encode(payload, signature, pad1, pad2), size)
            ?? throw new InvalidOperationException($"The identity assertion does not fit the {size} bytes reserved for it.");
    }

    // The signer payload is written in the field order of the CAWG CDDL (referenced_assertions, sig_type, role), and each
    // hashed URI as url, alg, hash: c2pa-rs checks the signature over its own serialization of the decoded payload, which
    // follows that order, so sorted keys would not verify there.
    private byte[] EncodePayload(IReadOnlyList<HashedUri> referenced)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(_roles.Count > 0 ? 3 : 2);
        writer.WriteTextString("referenced_assertions");
        writer.WriteStartArray(referenced.Count);
        foreach (HashedUri uri in referenced)
        {
            writer.WriteStartMap(uri.Algorithm is null ? 2 : 3);
            writer.WriteTextString("url");
            writer.WriteTextString(uri.Url);
            if (uri.Algorithm is not null)
            {
                writer.WriteTextString("alg");
                writer.WriteTextString(uri.Algorithm);
            }

            writer.WriteTextString("hash");
            writer.WriteByteString(uri.Hash.Span);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteTextString("sig_type");
        writer.WriteTextString(SigType);
        if (_roles.Count > 0)
        {
            writer.WriteTextString("role");
            writer.WriteStartArray(_roles.Count);
            foreach (string role in _roles)
            {
                writer.WriteTextString(role);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] Encode(byte[] payload, byte[] signature, int pad1, int pad2)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(pad2 < 0 ? 3 : 4);
        writer.WriteTextString("signer_payload");
        writer.WriteEncodedValue(payload);
        writer.WriteTextString("signature");
        writer.WriteByteString(signature);
        writer.WriteTextString("pad1");
        writer.WriteByteString(new byte[pad1]);
        if (pad2 >= 0)
        {
            writer.WriteTextString("pad2");
            writer.WriteByteString(new byte[pad2]);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }
}
