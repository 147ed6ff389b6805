using System.Formats.Cbor;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Validation.Identity;

namespace Provenance.Tests.Validation.Identity;

/// <summary>Builds identity assertions with another signature, for the identity verifier's tests.</summary>
internal static class IdentityAssertions
{
    /// <summary>A COSE_Sign1 with these protected headers and signature, no unprotected header, a detached payload.</summary>
    public static byte[] Sign1(byte[] protectedHeaders, byte[] signature)
    {
        var writer = new CborWriter();
        writer.WriteTag(CoseSign1Message.Tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeaders);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteNull();
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>The assertion with another signature field, the other fields' bytes as they were.</summary>
    public static byte[] WithSignature(IdentityAssertion original, byte[] signature)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(3);
        writer.WriteTextString("signer_payload");
        writer.WriteEncodedValue(original.SignerPayload.EncodedBytes.Span);
        writer.WriteTextString("signature");
        writer.WriteByteString(signature);
        writer.WriteTextString("pad1");
        writer.WriteByteString(original.Pad1.Span);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
