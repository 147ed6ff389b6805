using System.Buffers.Binary;
using System.Text;

namespace Provenance.Cbor;

/// <summary>
/// A forward-only CBOR reader over memory (RFC 8949). Lengths are checked against the bytes that remain before
/// anything is allocated, so a hostile length prefix cannot exhaust memory. Every error is a
/// <see cref="ProvenanceFormatException"/> in layer <c>CBOR</c> with the offset of the offending item.
/// </summary>
internal sealed partial class CborReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlyMemory<byte> _data;
    private readonly Stack<Frame> _frames = new();
    private int _offset;

    /// <summary>Creates a reader.</summary>
    public CborReader(ReadOnlyMemory<byte> data, CborReaderOptions? options = null)
    {
        _data = data;
        Options = options ?? CborReaderOptions.Default;
    }

    /// <summary>The options in force.</summary>
    public CborReaderOptions Options { get; }

    /// <summary>Offset of the next byte to read.</summary>
    public int Offset => _offset;

    /// <summary>Bytes not yet read.</summary>
    public int BytesRemaining => _data.Length - _offset;

    /// <summary>The major type of the next item.</summary>
    public CborMajorType PeekMajorType()
    {
        EnsureItemAllowed();
        return (CborMajorType)(Peek() >> 5);
    }

    /// <summary>Whether the next item is <c>null</c>.</summary>
    public bool PeekIsNull() => BytesRemaining > 0 && _data.Span[_offset] == 0xF6;

    /// <summary>Whether the next byte is the break that ends an indefinite-length item.</summary>
    public bool PeekIsBreak() => BytesRemaining > 0 && _data.Span[_offset] == 0xFF;

    /// <summary>Reads an unsigned integer.</summary>
    public ulong ReadUInt64()
    {
        int start = _offset;
        (CborMajorType type, ulong value) = ReadHead();
        return type == CborMajorType.UnsignedInteger ? Completed(value) : throw Error(start, $"expected an unsigned integer, found {type}");
    }

    /// <summary>Reads a signed integer that fits in 64 bits.</summary>
    public long ReadInt64()
    {
        int start = _offset;
        (CborMajorType type, ulong value) = ReadHead();
        long result = type switch
        {
            CborMajorType.UnsignedInteger when value <= long.MaxValue => (long)value,
            CborMajorType.NegativeInteger when value <= long.MaxValue => -1 - (long)value,
            CborMajorType.UnsignedInteger or CborMajorType.NegativeInteger => throw Error(start, "integer does not fit in 64 bits"),
            _ => throw Error(start, $"expected an integer, found {type}"),
        };
        return Completed(result);
    }

    /// <summary>Reads a signed integer that fits in 32 bits.</summary>
    public int ReadInt32()
    {
        int start = _offset;
        long value = ReadInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(start, "integer does not fit in 32 bits");
    }

    /// <summary>Reads a byte string (indefinite-length strings are joined into a new buffer).</summary>
    public ReadOnlyMemory<byte> ReadByteString() => ReadString(CborMajorType.ByteString);

    /// <summary>Reads a text string, checking that it is UTF-8.</summary>
    public string ReadTextString()
    {
        int start = _offset;
        ReadOnlyMemory<byte> bytes = ReadString(CborMajorType.TextString);
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw Error(start, "text string is not valid UTF-8");
        }
    }

    /// <summary>Reads a tag number; the tagged item follows.</summary>
    public ulong ReadTag()
    {
        int start = _offset;
        (CborMajorType type, ulong value) = ReadHead();
        if (type != CborMajorType.Tag)
        {
            throw Error(start, $"expected a tag, found {type}");
        }

        // A tag and its content count as one item of the enclosing container: the content completes it.
        return value;
    }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean()
    {
        int start = _offset;
        byte initial = ReadSimpleInitial();
        return initial switch
        {
            0xF4 => Completed(false),
            0xF5 => Completed(true),
            _ => throw Error(start, "expected a boolean"),
        };
    }

    /// <summary>Reads <c>null</c>.</summary>
    public void ReadNull()
    {
        int start = _offset;
        if (ReadSimpleInitial() != 0xF6)
        {
            throw Error(start, "expected null");
        }

        Completed(0);
    }

    /// <summary>Reads a half, single or double precision float.</summary>
    public double ReadDouble()
    {
        int start = _offset;
        byte initial = ReadSimpleInitial();
        double value = initial switch
        {
            0xF9 => (double)BinaryPrimitives.ReadHalfBigEndian(Take(2).Span),
            0xFA => BinaryPrimitives.ReadSingleBigEndian(Take(4).Span),
            0xFB => BinaryPrimitives.ReadDoubleBigEndian(Take(8).Span),
            _ => throw Error(start, "expected a floating-point number"),
        };
        return Completed(value);
    }

    /// <summary>Reads a simple value other than booleans, null and floats (for example <c>undefined</c>, 23).</summary>
    public byte ReadSimpleValue()
    {
        int start = _offset;
        byte initial = ReadSimpleInitial();
        byte value = initial switch
        {
            < 0xF8 => (byte)(initial & 0x1F),
            0xF8 => Take(1).Span[0] is var b and >= 32 ? b : throw Error(start, "two-byte simple value below 32 is not well-formed"),
            _ => throw Error(start, "expected a simple value"),
        };
        return Completed(value);
    }

    private byte ReadSimpleInitial()
    {
        EnsureItemAllowed();
        int start = _offset;
        byte initial = Peek();
        if (initial >> 5 != 7)
        {
            throw Error(start, $"expected a simple value or float, found {(CborMajorType)(initial >> 5)}");
        }

        if (initial is 0xFC or 0xFD or 0xFE)
        {
            throw Error(start, "reserved additional information 28–30");
        }

        if (initial == 0xFF)
        {
            throw Error(start, "unexpected break");
        }

        _offset++;
        return initial;
    }

    /// <summary>A slice of the input (used to keep items' original bytes).</summary>
    internal ReadOnlyMemory<byte> Slice(int start, int length) => _data.Slice(start, length);

    /// <summary>Reads a negative integer's head and returns n, where the value is −1 − n.</summary>
    internal ulong ReadNegativeMagnitude()
    {
        int start = _offset;
        (CborMajorType type, ulong value) = ReadHead();
        return type == CborMajorType.NegativeInteger ? Completed(value) : throw Error(start, "expected a negative integer");
    }

    private ReadOnlyMemory<byte> Peek(int count) => _data.Slice(_offset, count);

    private byte Peek()
    {
        if (_offset >= _data.Length)
        {
            throw Error(_offset, "unexpected end of data");
        }

        return _data.Span[_offset];
    }

    private ReadOnlyMemory<byte> Take(int count)
    {
        if (count < 0 || count > BytesRemaining)
        {
            throw Error(_offset, $"needs {count} more bytes but only {BytesRemaining} remain");
        }

        ReadOnlyMemory<byte> slice = Peek(count);
        _offset += count;
        return slice;
    }

    internal static ProvenanceFormatException Error(int offset, string message) => new(FormatLayer.Cbor, offset, message);
}
