using Provenance.Cbor;

namespace Provenance.Assertions;

/// <summary>
/// Reads the fields of a decoded assertion map with the checks c2pa-rs's typed decoding makes (serde into <c>u64</c>,
/// <c>u8</c>, <c>String</c>...): an optional field that is absent or CBOR <c>null</c> (as c2pa-rs writes a field it
/// leaves out) is null, but a field that is present with the wrong type, or a number out of its range, is malformed. Every conversion from the CBOR integer (up to 2^64) is checked,
/// so no offset, length or version ever wraps into another number.
/// </summary>
/// <remarks>Each problem throws <see cref="ProvenanceFormatException"/> in <see cref="FormatLayer.Assertion"/>; the caller's status code (<c>assertion.dataHash.malformed</c>...) applies.</remarks>
internal static class CborFields
{
    /// <summary>The map <paramref name="value"/> is, or malformed.</summary>
    public static CborMap Map(CborValue? value, string what)
        => value as CborMap ?? throw Malformed($"{what} is not a map");

    /// <summary>An optional integer field in 0 to 2^63−1 (a <c>u64</c> that fits a file offset or length).</summary>
    public static long? GetNonNegativeInt64(CborMap map, string key)
        => Field(map, key) is { } value ? ToNonNegativeInt64(value, key) : null;

    /// <summary>A required integer field in 0 to 2^63−1.</summary>
    public static long GetRequiredNonNegativeInt64(CborMap map, string key)
        => GetNonNegativeInt64(map, key) ?? throw Malformed($"'{key}' is missing");

    /// <summary>An integer in 0 to 2^63−1, or malformed naming <paramref name="what"/>.</summary>
    public static long ToNonNegativeInt64(CborValue value, string what)
        => value is CborInteger integer && integer.Value >= 0 && integer.Value <= long.MaxValue
            ? (long)integer.Value
            : throw Malformed($"'{what}' is {Describe(value)}, not an integer from 0 to 2^63-1");

    /// <summary>An optional integer field in <paramref name="min"/> to <paramref name="max"/> (a <c>u8</c> is 0 to 255).</summary>
    public static int? GetInt32(CborMap map, string key, int min, int max)
        => Field(map, key) switch
        {
            null => null,
            CborInteger integer when integer.Value >= min && integer.Value <= max => (int)integer.Value,
            CborValue other => throw Malformed($"'{key}' is {Describe(other)}, not an integer from {min} to {max}"),
        };

    /// <summary>An optional text field.</summary>
    public static string? GetText(CborMap map, string key)
        => Field(map, key) switch
        {
            null => null,
            CborTextString text => text.Value,
            CborValue other => throw Malformed($"'{key}' is {Describe(other)}, not text"),
        };

    /// <summary>A required text field.</summary>
    public static string GetRequiredText(CborMap map, string key)
        => GetText(map, key) ?? throw Malformed($"'{key}' is missing");

    /// <summary>An optional byte-string field.</summary>
    public static ReadOnlyMemory<byte>? GetBytes(CborMap map, string key)
        => Field(map, key) switch
        {
            // Typed: a bare null would become an empty ReadOnlyMemory through its conversion from byte[].
            null => (ReadOnlyMemory<byte>?)null,
            CborByteString bytes => bytes.Value,
            CborValue other => throw Malformed($"'{key}' is {Describe(other)}, not a byte string"),
        };

    /// <summary>A required byte-string field.</summary>
    public static ReadOnlyMemory<byte> GetRequiredBytes(CborMap map, string key)
        => GetBytes(map, key) ?? throw Malformed($"'{key}' is missing");

    /// <summary>A byte string, or malformed naming <paramref name="what"/>.</summary>
    public static ReadOnlyMemory<byte> ToBytes(CborValue value, string what)
        => value is CborByteString bytes ? bytes.Value : throw Malformed($"'{what}' is {Describe(value)}, not a byte string");

    /// <summary>An optional boolean field.</summary>
    public static bool? GetBoolean(CborMap map, string key)
        => Field(map, key) switch
        {
            null => null,
            CborSimple { IsBoolean: true } simple => simple == CborSimple.True,
            CborValue other => throw Malformed($"'{key}' is {Describe(other)}, not a boolean"),
        };

    /// <summary>An optional array field.</summary>
    public static CborArray? GetArray(CborMap map, string key)
        => Field(map, key) switch
        {
            null => null,
            CborArray array => array,
            CborValue other => throw Malformed($"'{key}' is {Describe(other)}, not an array"),
        };

    /// <summary>A field's value; null when it is absent or CBOR <c>null</c>.</summary>
    public static CborValue? Field(CborMap map, string key)
        => map.GetValueOrDefault(key) is { } value && !(value is CborSimple simple && simple == CborSimple.Null) ? value : null;

    /// <summary>The error for a malformed assertion field.</summary>
    public static ProvenanceFormatException Malformed(string message) => new(FormatLayer.Assertion, -1, message);

    private static string Describe(CborValue value) => value switch
    {
        CborInteger integer => integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "a " + value.GetType().Name.Replace("Cbor", "", StringComparison.Ordinal).ToLowerInvariant(),
    };
}
