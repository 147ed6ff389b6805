using Provenance.Cbor;

namespace Provenance.Cose;

/// <summary>
/// A decoded COSE_Sign1 message (RFC 9052 §4.2) as C2PA uses it: detached payload, the exact protected header bytes kept
/// for verification.
/// </summary>
internal sealed class CoseSign1Message
{
    /// <summary>CBOR tag of COSE_Sign1_Tagged.</summary>
    public const ulong Tag = 18;

    private CoseSign1Message(ReadOnlyMemory<byte> rawProtected, CborMap protectedHeaders, CborMap unprotectedHeaders, ReadOnlyMemory<byte>? payload, ReadOnlyMemory<byte> signature, bool tagged)
    {
        RawProtectedHeaders = rawProtected;
        ProtectedHeaders = protectedHeaders;
        UnprotectedHeaders = unprotectedHeaders;
        Payload = payload;
        Signature = signature;
        IsTagged = tagged;
    }

    /// <summary>The protected header map exactly as encoded (the content of the protected bstr); it is signed as is.</summary>
    public ReadOnlyMemory<byte> RawProtectedHeaders { get; }

    /// <summary>The protected headers, decoded.</summary>
    public CborMap ProtectedHeaders { get; }

    /// <summary>The unprotected headers.</summary>
    public CborMap UnprotectedHeaders { get; }

    /// <summary>The embedded payload, or <see langword="null"/> when detached (C2PA always detaches the claim).</summary>
    public ReadOnlyMemory<byte>? Payload { get; }

    /// <summary>The signature bytes.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Whether the message carried CBOR tag 18.</summary>
    public bool IsTagged { get; }

    /// <summary>Decodes a COSE_Sign1 (tagged or untagged). Trailing zero bytes after the message are tolerated because the
    /// signature box may be padded beyond the COSE structure by some writers.</summary>
    /// <exception cref="ProvenanceFormatException">The bytes are not a COSE_Sign1 message.</exception>
    public static CoseSign1Message Decode(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new CborReader(encoded);
            bool tagged = false;
            if (reader.PeekMajorType() == CborMajorType.Tag)
            {
                ulong tag = reader.ReadTag();
                if (tag != Tag)
                {
                    throw new ProvenanceFormatException(FormatLayer.Cose, 0, $"expected CBOR tag 18 (COSE_Sign1), found tag {tag}");
                }

                tagged = true;
            }

            int? count = reader.ReadStartArray();
            if (count != 4)
            {
                throw new ProvenanceFormatException(FormatLayer.Cose, reader.Offset, "COSE_Sign1 must be an array of four items");
            }

            ReadOnlyMemory<byte> rawProtected = reader.ReadByteString();
            CborMap protectedHeaders = rawProtected.Length == 0
                ? new CborMap()
                : CborValue.Decode(rawProtected).AsMap();
            CborMap unprotectedHeaders = CborValue.Read(reader).AsMap();
            ReadOnlyMemory<byte>? payload = null;
            if (reader.PeekIsNull())
            {
                reader.ReadNull();
            }
            else
            {
                payload = reader.ReadByteString();
            }

            ReadOnlyMemory<byte> signature = reader.ReadByteString();
            reader.ReadEndArray();
            ThrowIfTrailingData(encoded.Span, reader.Offset);
            return new CoseSign1Message(rawProtected, protectedHeaders, unprotectedHeaders, payload, signature, tagged);
        }
        catch (ProvenanceFormatException ex) when (ex.Layer != FormatLayer.Cose)
        {
            throw new ProvenanceFormatException(FormatLayer.Cose, ex.Offset, "the claim signature is not a valid COSE_Sign1 message: " + ex.Reason, ex);
        }
    }

    private static void ThrowIfTrailingData(ReadOnlySpan<byte> encoded, int end)
    {
        if (encoded[end..].IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Cose, end, "unexpected bytes after the COSE_Sign1 message");
        }
    }
}
