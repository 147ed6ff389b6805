using System.Security.Cryptography.Cose;
using Provenance.Cbor;
using Provenance.Cryptography;
using RuntimeSign1 = System.Security.Cryptography.Cose.CoseSign1Message;

namespace Provenance.Cose;

/// <content>Signing with a key in this process, through System.Security.Cryptography.Cose.</content>
internal static partial class CoseSign1Writer
{
    /// <summary>
    /// Signs with <see cref="RuntimeSign1.SignDetached(ReadOnlySpan{byte}, CoseSigner, ReadOnlySpan{byte})"/>; the
    /// message returned has an empty unprotected bucket, which <see cref="PadLocal"/> fills.
    /// </summary>
    private static RuntimeSign1 SignWithLocalKey(LocalSigner signer, ReadOnlySpan<byte> payload)
    {
        // {1: alg, 33: x5chain} in this order: the same bytes as EncodeProtectedHeaders writes for a remote signer.
        var protectedHeaders = new CoseHeaderMap
        {
            { CoseHeaderLabels.Of(CoseHeaderLabels.Algorithm), (int)SigningAlgorithms.ToCoseAlgorithm(signer.Algorithm) },
            { CoseHeaderLabels.Of(CoseHeaderLabels.X5Chain), CoseHeaderValue.FromEncodedValue(EncodeX5Chain(signer.CertificateChain)) },
        };
        return CoseMessage.DecodeSign1(RuntimeSign1.SignDetached(payload, signer.CreateCoseSigner(protectedHeaders)));
    }

    /// <summary>
    /// Pads the unprotected bucket of a signed message to <paramref name="reservedSize"/> bytes. The unprotected bucket is
    /// not signed (RFC 9052 §4.4), so each padding attempt re-encodes the message and none signs again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The signature does not fit the reserved size.</exception>
    private static byte[] PadLocal(RuntimeSign1 message, CborMap? unprotectedHeaders, int reservedSize)
    {
        byte[]? encoded = PaddingFitter.Fit(
            (pad, pad2) =>
            {
                message.UnprotectedHeaders.Clear();
                foreach ((CborValue label, CborValue value) in UnprotectedEntries(unprotectedHeaders, pad, pad2))
                {
                    message.UnprotectedHeaders.Add(ToLabel(label), CoseHeaderValue.FromEncodedValue(value.Encode()));
                }

                return message.Encode();
            },
            reservedSize);
        return encoded ?? throw TooSmall(reservedSize);
    }

    private static CoseHeaderLabel ToLabel(CborValue label) => label switch
    {
        CborTextString text => CoseHeaderLabels.Of(text.Value),
        CborInteger integer when integer.Value >= int.MinValue && integer.Value <= int.MaxValue => CoseHeaderLabels.Of((int)integer.Value),
        _ => throw new ArgumentException($"{label} is not a COSE header label (an int or a text string, RFC 9052 §3).", nameof(label)),
    };
}
