using System.Formats.Cbor;
using Provenance.Cbor;

namespace Provenance.Cose;

/// <summary>Builds the ToBeSigned structures of RFC 9052 §4.4 as C2PA uses them.</summary>
internal static class SigStructure
{
    /// <summary>
    /// <c>["Signature1", body_protected, external_aad = h'', payload]</c> (RFC 9052 §4.4); the payload is the
    /// detached claim bytes (C2PA 2.2 §10.3.2.4).
    /// </summary>
    public static byte[] ForSign1(ReadOnlySpan<byte> rawProtectedHeaders, ReadOnlySpan<byte> payload)
        => Build("Signature1", rawProtectedHeaders, payload);

    /// <summary>
    /// The C2PA time-stamp ToBeSigned: <c>["CounterSignature", body_protected, h'', payload]</c>, where the payload is
    /// the CBOR-encoded signature byte string for <c>sigTst2</c> (C2PA 2.2 §10.3.2.5).
    /// </summary>
    public static byte[] ForCounterSignature(ReadOnlySpan<byte> rawProtectedHeaders, ReadOnlySpan<byte> payload)
        => Build("CounterSignature", rawProtectedHeaders, payload);

    private static byte[] Build(string context, ReadOnlySpan<byte> rawProtectedHeaders, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter();
        writer.WriteStartArray(4);
        writer.WriteTextString(context);
        writer.WriteByteString(rawProtectedHeaders);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
