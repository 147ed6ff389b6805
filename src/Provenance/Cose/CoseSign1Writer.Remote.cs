using System.Formats.Cbor;
using Provenance.Cbor;
using Provenance.Cryptography;

namespace Provenance.Cose;

/// <content>
/// Signing with a key elsewhere (a cloud KMS, an HSM): our own Sig_structure and encoding.
/// </content>
/// <remarks>
/// System.Security.Cryptography.Cose signs in one synchronous call with a key in this process (an
/// <see cref="System.Security.Cryptography.AsymmetricAlgorithm"/> or a <c>CoseKey</c>): it builds the ToBeSigned
/// structure of RFC 9052 §4.4 internally and hands it to nobody, and it cannot wrap a signature made elsewhere into a
/// message. A remote signer needs exactly those bytes, and answers asynchronously. Wrapping it in an
/// <c>AsymmetricAlgorithm</c> would block a thread on the network (sync over async), so this path builds
/// <c>["Signature1", protected, h'', payload]</c> itself (<see cref="SigStructure.ForSign1"/>), awaits
/// <see cref="IClaimSigner.SignAsync"/>, checks the result, and encodes the message. The tests sign with both paths and
/// verify each one's messages with the other's verifier.
/// </remarks>
internal static partial class CoseSign1Writer
{
    private static async ValueTask<(byte[] ProtectedHeaders, byte[] Signature)> SignRemotelyAsync(
        IClaimSigner signer,
        ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken)
    {
        byte[] protectedHeaders = EncodeProtectedHeaders(signer.Algorithm, signer.CertificateChain);
        byte[] toBeSigned = SigStructure.ForSign1(protectedHeaders, payload.Span);
        byte[] signature = await signer.SignAsync(toBeSigned, cancellationToken).ConfigureAwait(false);
        ClaimSignatureCheck.ThrowIfUnusable(signer, toBeSigned, signature);
        return (protectedHeaders, signature);
    }

    /// <summary>Encodes a signed message, padded to <paramref name="reservedSize"/> bytes.</summary>
    /// <exception cref="InvalidOperationException">The message does not fit the reserved size.</exception>
    internal static byte[] Pad(byte[] protectedHeaders, CborMap? unprotectedHeaders, byte[] signature, int reservedSize)
    {
        byte[]? encoded = PaddingFitter.Fit(
            (pad, pad2) =>
            {
                var headers = new CborMap();
                foreach ((CborValue label, CborValue value) in UnprotectedEntries(unprotectedHeaders, pad, pad2))
                {
                    headers.Add(label, value);
                }

                return EncodeMessage(protectedHeaders, headers, signature);
            },
            reservedSize);
        return encoded ?? throw TooSmall(reservedSize);
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
