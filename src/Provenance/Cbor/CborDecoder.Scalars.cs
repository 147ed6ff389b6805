using System.Buffers;
using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Text;

namespace Provenance.Cbor;

internal sealed partial class CborDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A definite byte string is a slice of the input; an indefinite one's chunks are joined (RFC 8949 §3.2.3).</summary>
    private ReadOnlyMemory<byte> ReadByteString(int start)
        => _reader.PeekState() == CborReaderState.ByteString ? _reader.ReadDefiniteLengthByteString() : ReadChunks(start, text: false);

    /// <summary>Text is checked to be UTF-8 in every mode (the runtime's Lax mode would substitute U+FFFD instead).</summary>
    private string ReadTextString(int start)
    {
        ReadOnlyMemory<byte> bytes = _reader.PeekState() == CborReaderState.TextString
            ? _reader.ReadDefiniteLengthTextStringBytes()
            : ReadChunks(start, text: true);
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw Error(start, "text string is not valid UTF-8");
        }
    }

    /// <summary>RFC 8949 §3.2.3: the chunks are definite-length strings of the same major type, ended by a break.</summary>
    private ReadOnlyMemory<byte> ReadChunks(int start, bool text)
    {
        CborReaderState chunk = text ? CborReaderState.TextString : CborReaderState.ByteString;
        CborReaderState end = text ? CborReaderState.EndIndefiniteLengthTextString : CborReaderState.EndIndefiniteLengthByteString;
        if (text)
        {
            _reader.ReadStartIndefiniteLengthTextString();
        }
        else
        {
            _reader.ReadStartIndefiniteLengthByteString();
        }

        var joined = new ArrayBufferWriter<byte>();
        CborReaderState state;
        while ((state = PeekState()) == chunk)
        {
            joined.Write((text ? _reader.ReadDefiniteLengthTextStringBytes() : _reader.ReadDefiniteLengthByteString()).Span);
        }

        if (state != end)
        {
            throw Error(_itemStart, "a chunk of an indefinite-length string must be a definite string of the same type");
        }

        if (text)
        {
            _reader.ReadEndIndefiniteLengthTextString();
        }
        else
        {
            _reader.ReadEndIndefiniteLengthByteString();
        }

        _itemStart = start;
        return joined.WrittenMemory;
    }

    private CborSimple ReadNull()
    {
        _reader.ReadNull();
        return CborSimple.Null;
    }

    private CborSimple ReadSimpleValue(int start)
    {
        // RFC 8949 §3.3: simple values below 32 in two bytes are not well-formed (the runtime's Lax mode accepts them).
        ReadOnlySpan<byte> item = _data.Span[start..];
        if (item.Length > 1 && item[0] == 0xF8 && item[1] < 32)
        {
            throw Error(start, "two-byte simple value below 32 is not well-formed");
        }

        return new CborSimple((byte)_reader.ReadSimpleValue());
    }

    /// <summary>
    /// RFC 8949 §4.2.1: arguments (integers, lengths, counts, tag numbers) in their shortest form, definite lengths.
    /// Floats are not checked for their shortest form. A head cut short is left to the reader to refuse.
    /// </summary>
    private void CheckDeterministicHead(int start)
    {
        ReadOnlySpan<byte> item = _data.Span[start..];
        int majorType = item[0] >> 5;
        int info = item[0] & 0x1F;
        if (majorType == 7)
        {
            return;
        }

        if (info == 31)
        {
            throw Error(start, "indefinite length is not deterministic encoding");
        }

        bool shortest = info switch
        {
            24 => item.Length < 2 || item[1] >= 24,
            25 => item.Length < 3 || BinaryPrimitives.ReadUInt16BigEndian(item[1..]) > byte.MaxValue,
            26 => item.Length < 5 || BinaryPrimitives.ReadUInt32BigEndian(item[1..]) > ushort.MaxValue,
            27 => item.Length < 9 || BinaryPrimitives.ReadUInt64BigEndian(item[1..]) > uint.MaxValue,
            _ => true,
        };
        if (!shortest)
        {
            throw Error(start, "integer or length is not in its shortest form");
        }
    }
}
