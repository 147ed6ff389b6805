namespace Provenance.Cbor;

/// <summary>How strictly CBOR input is checked when decoded into <see cref="CborValue"/> trees.</summary>
/// <remarks>
/// Every level refuses input that is not well-formed (RFC 8949 §5.3.1): reserved additional information, truncated
/// items, lengths beyond the input, a break outside an indefinite-length item, a two-byte simple value below 32 (§3.3).
/// Text strings are always checked to be UTF-8 (§3.1, major type 3).
/// </remarks>
internal enum CborConformance
{
    /// <summary>
    /// Well-formed only (RFC 8949 §5.3.1): duplicate map keys are accepted, the last one wins. Read with
    /// <see cref="System.Formats.Cbor.CborConformanceMode.Lax"/>.
    /// </summary>
    Lax,

    /// <summary>
    /// Well-formed and valid (RFC 8949 §5.3.2): no duplicate map keys. Non-shortest integers, indefinite lengths and
    /// unsorted keys are accepted, because c2pa-rs writes map keys in field order. Read with
    /// <see cref="System.Formats.Cbor.CborConformanceMode.Strict"/>; keys are also compared as values, so <c>1</c> written
    /// in one byte and in two is a duplicate too.
    /// </summary>
    Strict,

    /// <summary>
    /// Strict, and core deterministic encoding (RFC 8949 §4.2.1): shortest integer and length forms, definite lengths,
    /// keys sorted bytewise by their encodings. Not <see cref="System.Formats.Cbor.CborConformanceMode.Canonical"/>, which
    /// sorts keys the RFC 7049 §3.9 way (shorter encodings first), so it is read as Strict and checked here.
    /// </summary>
    Canonical,
}

/// <summary>Limits and strictness for decoding untrusted CBOR.</summary>
internal sealed record CborDecodeOptions
{
    /// <summary>The defaults: strict, depth 64, 1 Mi items (as <c>AssetReadOptions</c>'s defaults).</summary>
    public static CborDecodeOptions Default { get; } = new();

    /// <summary>Strictness; <see cref="CborConformance.Strict"/> by default.</summary>
    public CborConformance Conformance { get; init; } = CborConformance.Strict;

    /// <summary>Deepest nesting of arrays, maps and tags accepted (<c>AssetReadOptions.MaxCborDepth</c>).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most items decoded in all (<c>AssetReadOptions.MaxCborItems</c>): the outermost item and every array element, map
    /// key, map value and tagged item inside it.
    /// </summary>
    public int MaxItems { get; init; } = 1 << 20;
}
