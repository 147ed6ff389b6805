using System.Formats.Cbor;

namespace Provenance.Cbor;

/// <summary>
/// A CBOR data item in memory (like System.Text.Json.Nodes). A decoded item keeps its original bytes
/// (<see cref="EncodedBytes"/>), since C2PA hashes and signs bytes, never re-encodings; <see cref="Encode"/>
/// produces the deterministic encoding. Decoding and encoding go through the runtime's <see cref="CborReader"/> and
/// <see cref="CborWriter"/> (System.Formats.Cbor).
/// </summary>
internal abstract partial class CborValue : IEquatable<CborValue>
{
    private ReadOnlyMemory<byte>? _original;
    private CborValue? _parent;

    /// <summary>The original bytes when decoded and unchanged since, else the deterministic encoding.</summary>
    public ReadOnlyMemory<byte> EncodedBytes => _original ?? Encode();

    /// <summary>
    /// Whether this item was decoded: its maps and arrays then refuse changes (as runtime's <c>CoseHeaderMap</c> after
    /// decoding), so what was read, hashed or signed cannot be altered by whoever holds it. Items built in memory
    /// are writable.
    /// </summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>
    /// Decodes exactly one item that fills <paramref name="data"/>, under <paramref name="options"/>, or when none are given
    /// the limits of the verification in progress (<see cref="CborDecodeScope"/>).
    /// </summary>
    /// <exception cref="ProvenanceFormatException">Malformed, invalid under the options, or trailing bytes.</exception>
    public static CborValue Decode(ReadOnlyMemory<byte> data, CborDecodeOptions? options = null)
        => CborDecoder.Decode(data, options ?? CborDecodeScope.Current);

    /// <summary>
    /// Reads the next item from a reader that is inside a larger structure (such as a COSE_Sign1 array), keeping the
    /// item's exact bytes. The reader only delimits the item; the options decide what is accepted.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The item is malformed or invalid under the options; offsets count
    /// from the item's first byte (-1 when the reader could not delimit it).</exception>
    public static CborValue Read(CborReader reader, CborDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ReadOnlyMemory<byte> encoded;
        try
        {
            encoded = reader.ReadEncodedValue(disableConformanceModeChecks: true);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
        {
            throw CborDecoder.Error(-1, ex.Message.TrimEnd('.'), ex);
        }

        return Decode(encoded, options);
    }

    /// <summary>The deterministic encoding (RFC 8949 §4.2.1: sorted keys, shortest forms, definite lengths).</summary>
    public byte[] Encode()
    {
        // Lax: the model already rules out duplicate keys and reserved simple values; a string with a lone surrogate is
        // written with U+FFFD in its place, as Encoding.UTF8 does, rather than refused.
        var writer = new CborWriter(CborConformanceMode.Lax);
        WriteTo(writer);
        return writer.Encode();
    }

    /// <summary>
    /// Writes this item in its deterministic encoding: preferred serialization, definite lengths, and each map's entries
    /// ordered bytewise by their encoded keys (RFC 8949 §4.2.1). The writer must not be in a canonical mode of its own:
    /// <see cref="CborConformanceMode.Canonical"/> would re-sort keys the RFC 7049 way.
    /// </summary>
    public abstract void WriteTo(CborWriter writer);

    /// <summary>This item as text, or throws.</summary>
    public string AsString() => this is CborTextString t ? t.Value : throw Expected("a text string");

    /// <summary>This item as a 64-bit signed integer, or throws.</summary>
    public long AsInt64() => this is CborInteger i && i.Value >= long.MinValue && i.Value <= long.MaxValue ? (long)i.Value : throw Expected("an integer that fits in 64 bits");

    /// <summary>This item as a 64-bit unsigned integer, or throws.</summary>
    public ulong AsUInt64() => this is CborInteger i && i.Value >= 0 && i.Value <= ulong.MaxValue ? (ulong)i.Value : throw Expected("an unsigned integer");

    /// <summary>This item's bytes, or throws.</summary>
    public ReadOnlyMemory<byte> AsBytes() => this is CborByteString b ? b.Value : throw Expected("a byte string");

    /// <summary>This item as a boolean, or throws.</summary>
    public bool AsBoolean() => this is CborSimple { IsBoolean: true } s ? s == CborSimple.True : throw Expected("a boolean");

    /// <summary>This item as a number, or throws.</summary>
    public double AsDouble() => this switch
    {
        CborFloat f => f.Value,
        CborInteger i => (double)i.Value,
        _ => throw Expected("a number"),
    };

    /// <summary>This item as a map, or throws.</summary>
    public CborMap AsMap() => this as CborMap ?? throw Expected("a map");

    /// <summary>This item as an array, or throws.</summary>
    public CborArray AsArray() => this as CborArray ?? throw Expected("an array");

    /// <summary>
    /// Structural equality: same deterministic encoding. Text strings and integers, the keys of nearly every map, are
    /// compared by value without being encoded (a map lookup would otherwise encode both keys).
    /// </summary>
    public bool Equals(CborValue? other) => other is not null && (ReferenceEquals(this, other) || (this, other) switch
    {
        (CborTextString a, CborTextString b) => string.Equals(a.AsEncoded, b.AsEncoded, StringComparison.Ordinal),
        (CborInteger a, CborInteger b) => a.Value == b.Value,
        (CborTextString or CborInteger, _) or (_, CborTextString or CborInteger) => false, // different major types
        _ => Encode().AsSpan().SequenceEqual(other.Encode()),
    });

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CborValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        switch (this)
        {
            case CborTextString text:
                return string.GetHashCode(text.AsEncoded, StringComparison.Ordinal);
            case CborInteger integer:
                return integer.Value.GetHashCode();
            default:
                var hash = new HashCode();
                hash.AddBytes(Encode());
                return hash.ToHashCode();
        }
    }

    /// <summary>Text.</summary>
    public static implicit operator CborValue(string value) => new CborTextString(value);

    /// <summary>An integer.</summary>
    public static implicit operator CborValue(long value) => new CborInteger(value);

    /// <summary>A boolean.</summary>
    public static implicit operator CborValue(bool value) => value ? CborSimple.True : CborSimple.False;

    internal void SetOriginal(ReadOnlyMemory<byte> original)
    {
        // The shared simple values (true, false, null) carry no per-document bytes.
        if (this is not CborSimple)
        {
            _original = original;
            IsReadOnly = true;
        }
    }

    /// <summary>Throws when this item was decoded.</summary>
    /// <exception cref="InvalidOperationException">The item is read-only.</exception>
    private protected void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"This CBOR {GetType().Name.Replace("Cbor", "", StringComparison.Ordinal).ToLowerInvariant()} was decoded and is read-only; build a new one to change it.");
        }
    }

    /// <summary>Records the container that holds this item, so that a change here also drops the container's original bytes.</summary>
    internal void SetParent(CborValue parent) => _parent = parent;

    /// <summary>Drops the cached original bytes after a change (here and in enclosing items), so <see cref="EncodedBytes"/> never lies.</summary>
    private protected void Invalidate()
    {
        for (CborValue? value = this; value is not null; value = value._parent)
        {
            value._original = null;
        }
    }

    private ProvenanceFormatException Expected(string what) => new(FormatLayer.Cbor, -1, $"expected {what}, found {GetType().Name.Replace("Cbor", "", StringComparison.Ordinal)}");
}
