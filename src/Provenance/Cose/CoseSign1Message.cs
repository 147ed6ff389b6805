using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Provenance.Cbor;
using RuntimeSign1 = System.Security.Cryptography.Cose.CoseSign1Message;

namespace Provenance.Cose;

/// <summary>
/// A decoded COSE_Sign1 message (RFC 9052 §4.2) as C2PA uses it: decoded by System.Security.Cryptography.Cose, with
/// each header value also read into the CBOR model for the validators, and the exact protected header bytes kept for
/// verification.
/// </summary>
/// <remarks>
/// The runtime decoder follows RFC 9052 where our former one was looser: it refuses a label that appears in both
/// buckets (§3), header labels that are neither an int nor a text string (or do not fit 32 bits), a <c>crit</c> that
/// names a label absent from the protected bucket (§3.1), and <c>alg</c>, <c>crit</c>, <c>content type</c> or
/// <c>kid</c> values of the wrong CBOR type. Each of these is a malformed signature (<c>claimSignature.mismatch</c>),
/// as in c2pa-rs wherever its own decoder (coset) checks the same thing; docs/conformance.md lists where they differ.
/// </remarks>
internal sealed class CoseSign1Message
{
    /// <summary>CBOR tag of COSE_Sign1_Tagged.</summary>
    public const ulong Tag = 18;

    private readonly Dictionary<CoseHeaderLabel, CborValue> _protected;
    private readonly Dictionary<CoseHeaderLabel, CborValue> _unprotected;

    private CoseSign1Message(RuntimeSign1 message, bool tagged)
    {
        Decoded = message;
        IsTagged = tagged;
        _protected = ReadBucket(message.ProtectedHeaders);
        _unprotected = ReadBucket(message.UnprotectedHeaders);
    }

    /// <summary>The message as the runtime decoded it (it verifies ECDSA and RSASSA-PSS signatures).</summary>
    public RuntimeSign1 Decoded { get; }

    /// <summary>The protected header map exactly as encoded (the content of the protected bstr); it is signed as is.</summary>
    public ReadOnlyMemory<byte> RawProtectedHeaders => Decoded.RawProtectedHeaders;

    /// <summary>The embedded payload, or <see langword="null"/> when detached (C2PA always detaches the claim).</summary>
    public ReadOnlyMemory<byte>? Payload => Decoded.Content;

    /// <summary>The signature bytes.</summary>
    public ReadOnlyMemory<byte> Signature => Decoded.Signature;

    /// <summary>Whether the message carried CBOR tag 18.</summary>
    public bool IsTagged { get; }

    /// <summary>Decodes a COSE_Sign1 (tagged or untagged). Trailing zero bytes after the message are tolerated because the
    /// signature box may be padded beyond the COSE structure by some writers (the pre-1.0 <c>prerelease.jpg</c>).</summary>
    /// <exception cref="ProvenanceFormatException">The bytes are not a COSE_Sign1 message.</exception>
    public static CoseSign1Message Decode(ReadOnlyMemory<byte> encoded)
    {
        int end;
        bool tagged;
        try
        {
            var reader = new System.Formats.Cbor.CborReader(encoded, CborConformanceMode.Lax);
            tagged = reader.PeekState() == CborReaderState.Tag;
            reader.SkipValue();
            end = encoded.Length - reader.BytesRemaining;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
        {
            throw Malformed(ex.Message, ex);
        }

        if (encoded.Span[end..].IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Cose, end, "unexpected bytes after the COSE_Sign1 message");
        }

        try
        {
            return new CoseSign1Message(CoseMessage.DecodeSign1(encoded.Span[..end]), tagged);
        }
        catch (CryptographicException ex)
        {
            throw Malformed(ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message, ex);
        }
        catch (OverflowException ex)
        {
            // The runtime reads labels as 32-bit integers, and this escapes its own translation.
            throw Malformed("a header label does not fit 32 bits", ex);
        }
    }

    /// <summary>The value of a protected header, or <see langword="null"/> when the protected bucket lacks it.</summary>
    public CborValue? GetProtectedHeader(CoseHeaderLabel label) => _protected.GetValueOrDefault(label);

    /// <summary>The value of an unprotected header, or <see langword="null"/> when the unprotected bucket lacks it.</summary>
    public CborValue? GetUnprotectedHeader(CoseHeaderLabel label) => _unprotected.GetValueOrDefault(label);

    // Every value is read into the CBOR model up front (with its limits), so that a header our model cannot read makes
    // the whole signature malformed at decoding, as it did when our own decoder read the message.
    private static Dictionary<CoseHeaderLabel, CborValue> ReadBucket(CoseHeaderMap headers)
    {
        var values = new Dictionary<CoseHeaderLabel, CborValue>(headers.Count);
        foreach ((CoseHeaderLabel label, CoseHeaderValue value) in headers)
        {
            try
            {
                values.Add(label, CborValue.Decode(value.EncodedValue));
            }
            catch (ProvenanceFormatException ex)
            {
                throw Malformed("a header value cannot be read: " + ex.Reason, ex);
            }
        }

        return values;
    }

    private static ProvenanceFormatException Malformed(string reason, Exception inner)
        => new(FormatLayer.Cose, -1, "the claim signature is not a valid COSE_Sign1 message: " + reason, inner);
}
