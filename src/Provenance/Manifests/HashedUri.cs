using Provenance.Cbor;

namespace Provenance.Manifests;

/// <summary>
/// A hashed URI (<c>hashed-uri-map</c>, C2PA 2.2 §8.4.2): a JUMBF URI, an optional hash algorithm and the hash of
/// the referenced box's payload.
/// </summary>
/// <param name="Url">The JUMBF URI, for example <c>self#jumbf=c2pa.assertions/c2pa.actions.v2</c>.</param>
/// <param name="Algorithm">The hash algorithm name (<c>sha256</c>...), or null to inherit the claim's.</param>
/// <param name="Hash">The hash bytes.</param>
internal sealed record HashedUri(string Url, string? Algorithm, ReadOnlyMemory<byte> Hash)
{
    /// <summary>Reads a hashed-uri map.</summary>
    /// <exception cref="ProvenanceFormatException">A required field is missing or of the wrong type.</exception>
    public static HashedUri FromCbor(CborValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not CborMap map)
        {
            throw new ProvenanceFormatException(FormatLayer.Claim, -1, "a hashed URI is not a map");
        }

        if (!map.TryGetValue("url", out CborValue? url) || url is not CborTextString urlText)
        {
            throw new ProvenanceFormatException(FormatLayer.Claim, -1, "a hashed URI has no text 'url'");
        }

        if (!map.TryGetValue("hash", out CborValue? hash) || hash is not CborByteString hashBytes)
        {
            throw new ProvenanceFormatException(FormatLayer.Claim, -1, $"hashed URI {urlText.Value} has no byte-string 'hash'");
        }

        string? alg = null;
        if (map.TryGetValue("alg", out CborValue? algValue))
        {
            alg = algValue is CborTextString algText
                ? algText.Value
                : throw new ProvenanceFormatException(FormatLayer.Claim, -1, $"hashed URI {urlText.Value} has a non-text 'alg'");
        }

        return new HashedUri(urlText.Value, alg, hashBytes.Value);
    }

    /// <summary>Writes the hashed-uri map (fields url, alg when set, hash).</summary>
    public CborMap ToCbor()
    {
        var map = new CborMap { { "url", Url } };
        if (Algorithm is not null)
        {
            map.Add("alg", Algorithm);
        }

        map.Add("hash", new CborByteString(Hash));
        return map;
    }
}
