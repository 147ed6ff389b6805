using Provenance.Cbor;

namespace Provenance.Cose;

/// <summary>
/// The <c>rVals</c> unprotected header of a claim signature: OCSP responses stapled by the signer, so that a verifier
/// learns the signing certificate's status offline (C2PA 2.2 §14.5.2). Unprotected means anyone may change it: a
/// verifier checks each response on its own (<see cref="Cryptography.OcspResponseChecker"/>), never trusts it for being here.
/// </summary>
internal static class RevocationValues
{
    /// <summary>The key of the array of DER OCSPResponses inside <c>rVals</c>.</summary>
    public const string OcspVals = "ocspVals";

    /// <summary>The header entry <c>"rVals": {"ocspVals": [response]}</c>, as c2pa-rs writes it.</summary>
    public static KeyValuePair<CborValue, CborValue> Entry(ReadOnlyMemory<byte> ocspResponse)
        => new(new CborTextString(CoseHeaderLabels.RVals), new CborMap { { new CborTextString(OcspVals), new CborArray([new CborByteString(ocspResponse)]) } });

    /// <summary>How many bytes <see cref="Entry"/> adds to the unprotected header map.</summary>
    public static int EncodedSize(ReadOnlyMemory<byte> ocspResponse)
    {
        KeyValuePair<CborValue, CborValue> entry = Entry(ocspResponse);
        return entry.Key.Encode().Length + entry.Value.Encode().Length;
    }

    /// <summary>The stapled responses, in order; empty when there are none or the header is not of that shape.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Read(CoseSign1Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.GetUnprotectedHeader(CoseHeaderLabels.Of(CoseHeaderLabels.RVals)) is not CborMap values
            || values.GetValueOrDefault(OcspVals) is not CborArray responses)
        {
            return [];
        }

        return [.. responses.OfType<CborByteString>().Select(response => response.Value)];
    }
}
