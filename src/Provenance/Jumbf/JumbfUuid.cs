using System.Globalization;

namespace Provenance.Jumbf;

/// <summary>
/// A 16-byte JUMBF type UUID in the byte order it is written (ISO/IEC 19566-5). Not <see cref="Guid"/>, whose byte
/// array form swaps the first three fields.
/// </summary>
internal readonly struct JumbfUuid : IEquatable<JumbfUuid>
{
    private readonly byte[]? _bytes;

    /// <summary>Creates a UUID from its 16 bytes.</summary>
    public JumbfUuid(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            throw new ArgumentException("A UUID has 16 bytes.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The 16 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[16];

    /// <summary>Parses the text form <c>63327061-0011-0010-8000-00AA00389B71</c>.</summary>
    public static JumbfUuid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string hex = text.Replace("-", "", StringComparison.Ordinal);
        if (hex.Length != 32)
        {
            throw new FormatException($"'{text}' is not a UUID.");
        }

        return new JumbfUuid(Convert.FromHexString(hex));
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(JumbfUuid left, JumbfUuid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(JumbfUuid left, JumbfUuid right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(JumbfUuid other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JumbfUuid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>The text form, upper case.</summary>
    public override string ToString()
    {
        string hex = Convert.ToHexString(Bytes);
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
    }
}
