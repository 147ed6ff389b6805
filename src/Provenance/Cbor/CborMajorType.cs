namespace Provenance.Cbor;

/// <summary>The eight CBOR major types (RFC 8949 §3.1).</summary>
internal enum CborMajorType
{
    /// <summary>Major type 0.</summary>
    UnsignedInteger = 0,

    /// <summary>Major type 1.</summary>
    NegativeInteger = 1,

    /// <summary>Major type 2.</summary>
    ByteString = 2,

    /// <summary>Major type 3.</summary>
    TextString = 3,

    /// <summary>Major type 4.</summary>
    Array = 4,

    /// <summary>Major type 5.</summary>
    Map = 5,

    /// <summary>Major type 6.</summary>
    Tag = 6,

    /// <summary>Major type 7: simple values and floats.</summary>
    Simple = 7,
}

/// <summary>How strictly CBOR input is checked.</summary>
internal enum CborConformance
{
    /// <summary>Well-formed only (RFC 8949 §5.3.1): duplicate map keys are accepted, the last one wins.</summary>
    Lax,

    /// <summary>
    /// Well-formed and valid (RFC 8949 §5.3.2): text is valid UTF-8, no duplicate map keys. Non-shortest integers,
    /// indefinite lengths and unsorted keys are accepted, because c2pa-rs writes map keys in field order.
    /// </summary>
    Strict,

    /// <summary>Strict, and core deterministic encoding (RFC 8949 §4.2.1): shortest forms, definite lengths, sorted keys.</summary>
    Canonical,
}

/// <summary>Limits and strictness for reading untrusted CBOR.</summary>
internal sealed record CborReaderOptions
{
    /// <summary>The defaults: strict, depth 64.</summary>
    public static CborReaderOptions Default { get; } = new();

    /// <summary>Strictness; <see cref="CborConformance.Strict"/> by default.</summary>
    public CborConformance Conformance { get; init; } = CborConformance.Strict;

    /// <summary>Deepest nesting of arrays, maps and tags accepted.</summary>
    public int MaxDepth { get; init; } = 64;
}
