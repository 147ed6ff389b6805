using System.Formats.Cbor;

namespace Provenance.Cbor;

/// <summary>An integer, −2^64 to 2^64−1 (major types 0 and 1).</summary>
internal sealed class CborInteger : CborValue
{
    /// <summary>Creates an integer.</summary>
    public CborInteger(Int128 value)
    {
        if (value < -((Int128)ulong.MaxValue + 1) || value > ulong.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "CBOR integers range from −2^64 to 2^64−1.");
        }

        Value = value;
    }

    /// <summary>The value.</summary>
    public Int128 Value { get; }

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Value >= 0)
        {
            writer.WriteUInt64((ulong)Value);
        }
        else
        {
            // Major type 1 carries n for the value −1 − n (RFC 8949 §3.1), which reaches −2^64.
            writer.WriteCborNegativeIntegerRepresentation((ulong)(-1 - Value));
        }
    }
}

/// <summary>A byte string.</summary>
internal sealed class CborByteString(ReadOnlyMemory<byte> value) : CborValue
{
    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Value { get; } = value;

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByteString(Value.Span);
    }
}

/// <summary>A text string.</summary>
internal sealed class CborTextString(string value) : CborValue
{
    /// <summary>The text.</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>
    /// The text as its encoding reads back: <see cref="Value"/> itself, or, when it holds a lone surrogate, the text with
    /// U+FFFD in its place (as it is written). Equality and hashing go by this, so they agree with the encoding.
    /// </summary>
    internal string AsEncoded => field ??= Value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0
        ? Value
        : System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(Value));

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteTextString(Value);
    }
}

/// <summary>
/// A float (half, single or double precision on the wire). Written in the shortest of the three that keeps its value,
/// and every NaN as <c>f97e00</c> (RFC 8949 §4.2.2).
/// </summary>
internal sealed class CborFloat(double value) : CborValue
{
    /// <summary>The value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDouble(Value);
    }
}

/// <summary>A simple value: false, true, null, undefined, or another simple value number.</summary>
internal sealed class CborSimple : CborValue
{
    /// <summary><c>false</c>.</summary>
    public static readonly CborSimple False = new(20);

    /// <summary><c>true</c>.</summary>
    public static readonly CborSimple True = new(21);

    /// <summary><c>null</c>.</summary>
    public static readonly CborSimple Null = new(22);

    /// <summary><c>undefined</c>.</summary>
    public static readonly CborSimple Undefined = new(23);

    /// <summary>Creates a simple value (0–19, 23, or 32–255).</summary>
    public CborSimple(byte value)
    {
        if (value is >= 24 and < 32)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Simple values 24–31 are reserved.");
        }

        Value = value;
    }

    /// <summary>The simple value number (20 false, 21 true, 22 null, 23 undefined).</summary>
    public byte Value { get; }

    /// <summary>Whether this is true or false.</summary>
    public bool IsBoolean => Value is 20 or 21;

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Value)
        {
            case 20:
                writer.WriteBoolean(false);
                break;
            case 21:
                writer.WriteBoolean(true);
                break;
            case 22:
                writer.WriteNull();
                break;
            default:
                writer.WriteSimpleValue((CborSimpleValue)Value);
                break;
        }
    }

    /// <summary>Compares simple values by number.</summary>
    public static bool operator ==(CborSimple? left, CborSimple? right) => left?.Value == right?.Value;

    /// <summary>Compares simple values by number.</summary>
    public static bool operator !=(CborSimple? left, CborSimple? right) => !(left == right);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CborSimple other && other.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value;
}

/// <summary>A tagged item (major type 6), such as tag 0 (date text) or tag 18 (COSE_Sign1).</summary>
internal sealed class CborTag : CborValue
{
    /// <summary>Creates a tagged item.</summary>
    public CborTag(ulong tag, CborValue content)
    {
        Tag = tag;
        Content = content ?? throw new ArgumentNullException(nameof(content));
        content.SetParent(this);
    }

    /// <summary>The tag number.</summary>
    public ulong Tag { get; }

    /// <summary>The tagged item.</summary>
    public CborValue Content { get; }

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteTag(Tag);
        Content.WriteTo(writer);
    }
}
