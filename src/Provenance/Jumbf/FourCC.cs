using System.Buffers.Binary;
using System.Text;

namespace Provenance.Jumbf;

/// <summary>A four-character box type code, stored big-endian as on the wire.</summary>
internal readonly struct FourCC : IEquatable<FourCC>
{
    /// <summary>JUMBF superbox.</summary>
    public static readonly FourCC Jumb = new("jumb");

    /// <summary>JUMBF description box.</summary>
    public static readonly FourCC Jumd = new("jumd");

    /// <summary>CBOR content box.</summary>
    public static readonly FourCC Cbor = new("cbor");

    /// <summary>JSON content box.</summary>
    public static readonly FourCC Json = new("json");

    /// <summary>UUID content box.</summary>
    public static readonly FourCC Uuid = new("uuid");

    /// <summary>Embedded-file description box.</summary>
    public static readonly FourCC Bfdb = new("bfdb");

    /// <summary>Embedded-file data box.</summary>
    public static readonly FourCC Bidb = new("bidb");

    /// <summary>C2PA salt box (private box of a description box).</summary>
    public static readonly FourCC C2sh = new("c2sh");

    /// <summary>Padding box.</summary>
    public static readonly FourCC Free = new("free");

    /// <summary>Creates a code from its four ASCII characters.</summary>
    public FourCC(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 4 || code.Any(c => c > 0x7F))
        {
            throw new ArgumentException("A four-character code has four ASCII characters.", nameof(code));
        }

        Value = BinaryPrimitives.ReadUInt32BigEndian(Encoding.ASCII.GetBytes(code));
    }

    /// <summary>Creates a code from its 32-bit value.</summary>
    public FourCC(uint value) => Value = value;

    /// <summary>The 32-bit value (big-endian reading of the four bytes).</summary>
    public uint Value { get; }

    /// <summary>Equality.</summary>
    public static bool operator ==(FourCC left, FourCC right) => left.Value == right.Value;

    /// <summary>Inequality.</summary>
    public static bool operator !=(FourCC left, FourCC right) => left.Value != right.Value;

    /// <inheritdoc />
    public bool Equals(FourCC other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FourCC other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => unchecked((int)Value); // types such as '©nam' have the top bit set

    /// <summary>The four characters (non-printable bytes as <c>.</c>).</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Value);
        var text = new StringBuilder(4);
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }
}
