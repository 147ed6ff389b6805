using Provenance.Cbor;

namespace Provenance.Manifests;

/// <summary>
/// A parsed claim (<c>c2pa.claim.v2</c>, or a 1.x <c>c2pa.claim</c>), keeping the exact bytes that were signed
/// (C2PA 2.2 §10; verifiers must never re-encode).
/// </summary>
internal sealed class Claim
{
    private Claim(int version, ReadOnlyMemory<byte> encoded, CborMap map)
    {
        Version = version;
        EncodedBytes = encoded;
        Map = map;
    }

    /// <summary>1 for <c>c2pa.claim</c>, 2 for <c>c2pa.claim.v2</c>.</summary>
    public int Version { get; }

    /// <summary>The claim exactly as stored: the payload of the claim's <c>cbor</c> box, which the signature covers.</summary>
    public ReadOnlyMemory<byte> EncodedBytes { get; }

    /// <summary>The whole claim map, unknown fields included.</summary>
    public CborMap Map { get; }

    /// <summary><c>instanceID</c>.</summary>
    public string InstanceId { get; private init; } = "";

    /// <summary><c>signature</c>: the JUMBF URI of the claim signature box.</summary>
    public string SignatureUri { get; private init; } = "";

    /// <summary><c>created_assertions</c> (for a 1.x claim: <c>assertions</c>).</summary>
    public IReadOnlyList<HashedUri> CreatedAssertions { get; private init; } = [];

    /// <summary><c>gathered_assertions</c>.</summary>
    public IReadOnlyList<HashedUri> GatheredAssertions { get; private init; } = [];

    /// <summary><c>redacted_assertions</c>.</summary>
    public IReadOnlyList<string> RedactedAssertions { get; private init; } = [];

    /// <summary><c>claim_generator_info</c> entries (one map in v2, an array in v1).</summary>
    public IReadOnlyList<CborMap> ClaimGeneratorInfo { get; private init; } = [];

    /// <summary>The 1.x <c>claim_generator</c> user-agent string, if any.</summary>
    public string? ClaimGenerator { get; private init; }

    /// <summary><c>dc:title</c>.</summary>
    public string? Title { get; private init; }

    /// <summary><c>alg</c>: the default hash algorithm of hashed URIs and data hashes.</summary>
    public string? Algorithm { get; private init; }

    /// <summary>Created and gathered assertions together, in claim order.</summary>
    public IEnumerable<HashedUri> AllAssertions => CreatedAssertions.Concat(GatheredAssertions);

    /// <summary>Parses a claim.</summary>
    /// <param name="encoded">The claim box's CBOR payload.</param>
    /// <param name="version">1 or 2, from the claim box label.</param>
    /// <exception cref="ProvenanceFormatException">Layer <c>CBOR</c>: not CBOR (<c>claim.cbor.invalid</c>);
    /// layer <c>Claim</c>: a required field missing or mistyped (<c>claim.malformed</c>).</exception>
    public static Claim Parse(ReadOnlyMemory<byte> encoded, int version)
    {
        CborValue value = CborValue.Decode(encoded);
        if (value is not CborMap map)
        {
            throw Malformed("the claim is not a CBOR map");
        }

        return version == 1 ? ParseV1(encoded, map) : ParseV2(encoded, map);
    }

    private static Claim ParseV2(ReadOnlyMemory<byte> encoded, CborMap map)
    {
        // C2PA 2.2 §15.6.2: instanceID, signature, created_assertions and claim_generator_info (with a name) are required.
        CborMap generator = map.GetValueOrDefault("claim_generator_info") as CborMap
            ?? throw Malformed("claim_generator_info is missing or not a map");
        if (generator.GetValueOrDefault("name") is not CborTextString)
        {
            throw Malformed("claim_generator_info has no name");
        }

        return new Claim(2, encoded, map)
        {
            InstanceId = RequiredText(map, "instanceID"),
            SignatureUri = RequiredText(map, "signature"),
            CreatedAssertions = HashedUris(map, "created_assertions", required: true),
            GatheredAssertions = HashedUris(map, "gathered_assertions", required: false),
            RedactedAssertions = Texts(map, "redacted_assertions"),
            ClaimGeneratorInfo = [generator],
            Title = OptionalText(map, "dc:title"),
            Algorithm = OptionalText(map, "alg"),
        };
    }

    private static Claim ParseV1(ReadOnlyMemory<byte> encoded, CborMap map)
    {
        // 1.x claims (C2PA 1.4 §10.2): claim_generator and assertions are required; claim_generator_info is an array
        // added in 1.1, so 1.0 claims lack it.
        var generators = new List<CborMap>();
        if (map.GetValueOrDefault("claim_generator_info") is CborArray array)
        {
            generators.AddRange(array.OfType<CborMap>());
        }

        return new Claim(1, encoded, map)
        {
            InstanceId = RequiredText(map, "instanceID"),
            SignatureUri = RequiredText(map, "signature"),
            CreatedAssertions = HashedUris(map, "assertions", required: true),
            RedactedAssertions = Texts(map, "redacted_assertions"),
            ClaimGeneratorInfo = generators,
            ClaimGenerator = OptionalText(map, "claim_generator"),
            Title = OptionalText(map, "dc:title"),
            Algorithm = OptionalText(map, "alg"),
        };
    }

    private static string RequiredText(CborMap map, string key)
        => map.GetValueOrDefault(key) is CborTextString text ? text.Value : throw Malformed($"{key} is missing or not text");

    private static string? OptionalText(CborMap map, string key)
        => map.GetValueOrDefault(key) switch
        {
            null => null,
            CborTextString text => text.Value,
            _ => throw Malformed($"{key} is not text"),
        };

    private static List<HashedUri> HashedUris(CborMap map, string key, bool required)
    {
        CborValue? value = map.GetValueOrDefault(key);
        if (value is null)
        {
            return required ? throw Malformed($"{key} is missing") : [];
        }

        if (value is not CborArray array)
        {
            throw Malformed($"{key} is not an array");
        }

        return [.. array.Select(HashedUri.FromCbor)];
    }

    private static List<string> Texts(CborMap map, string key)
        => map.GetValueOrDefault(key) is CborArray array
            ? [.. array.Select(v => v is CborTextString t ? t.Value : throw Malformed($"{key} holds a non-text entry"))]
            : [];

    private static ProvenanceFormatException Malformed(string message) => new(FormatLayer.Claim, -1, message);
}
