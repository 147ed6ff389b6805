using System.Formats.Cbor;

namespace Provenance.Cbor;

/// <summary>
/// Builds <see cref="CborValue"/> trees with the runtime's <see cref="CborReader"/>, which checks that the input is
/// well-formed and that declared lengths fit the bytes that remain before anything is allocated. On top of it: the
/// nesting limit (so hostile nesting cannot exhaust the stack), the item-count check, the rules of
/// <see cref="CborConformance"/> that the runtime's modes do not make, and each item's original bytes
/// (<see cref="CborValue.EncodedBytes"/>). Every error leaves as a <see cref="ProvenanceFormatException"/> in layer
/// <see cref="FormatLayer.Cbor"/> with the offset of the item being read; the runtime's exceptions never escape.
/// </summary>
internal sealed partial class CborDecoder
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly CborReader _reader;
    private readonly CborDecodeOptions _options;
    private int _itemStart;
    private int _items;

    private CborDecoder(ReadOnlyMemory<byte> data, CborDecodeOptions options)
    {
        _data = data;
        _options = options;
        // Canonical is read as Strict: CborConformanceMode.Canonical orders keys as RFC 7049 §3.9 does, not as
        // RFC 8949 §4.2.1 does, so the deterministic-encoding rules are checked here instead (see CheckDeterministicHead).
        _reader = new CborReader(data, options.Conformance == CborConformance.Lax ? CborConformanceMode.Lax : CborConformanceMode.Strict);
    }

    /// <summary>Offset of the next byte to read.</summary>
    private int Offset => _data.Length - _reader.BytesRemaining;

    /// <summary>Decodes exactly one item that fills <paramref name="data"/>.</summary>
    /// <exception cref="ProvenanceFormatException">Malformed, invalid under the options, or trailing bytes.</exception>
    public static CborValue Decode(ReadOnlyMemory<byte> data, CborDecodeOptions options)
    {
        var decoder = new CborDecoder(data, options);
        try
        {
            CborValue value = decoder.ReadItem(0);
            if (decoder._reader.BytesRemaining != 0)
            {
                throw Error(decoder.Offset, $"{decoder._reader.BytesRemaining} bytes follow the item");
            }

            return value;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException)
        {
            // The runtime reader refuses without advancing past the item it was reading, whose start is known here.
            throw Error(decoder._itemStart, ex.Message.TrimEnd('.'), ex);
        }
    }

    internal static ProvenanceFormatException Error(int offset, string message, Exception? innerException = null)
        => new(FormatLayer.Cbor, offset, message, innerException);

    private CborValue ReadItem(int depth)
    {
        CborReaderState state = PeekState();
        int start = _itemStart;
        if (++_items > _options.MaxItems)
        {
            throw Error(start, $"more than {_options.MaxItems} items (AssetReadOptions.MaxCborItems)");
        }

        if (_options.Conformance == CborConformance.Canonical)
        {
            CheckDeterministicHead(start);
        }

        CborValue value = state switch
        {
            CborReaderState.UnsignedInteger => new CborInteger(_reader.ReadUInt64()),
            CborReaderState.NegativeInteger => new CborInteger(-1 - (Int128)_reader.ReadCborNegativeIntegerRepresentation()),
            CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString => new CborByteString(ReadByteString(start)),
            CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString => new CborTextString(ReadTextString(start)),
            CborReaderState.StartArray => ReadArray(start, depth),
            CborReaderState.StartMap => ReadMap(start, depth),
            CborReaderState.Tag => ReadTag(start, depth),
            CborReaderState.Boolean => _reader.ReadBoolean() ? CborSimple.True : CborSimple.False,
            CborReaderState.Null => ReadNull(),
            CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat => new CborFloat(_reader.ReadDouble()),
            CborReaderState.SimpleValue => ReadSimpleValue(start),
            _ => throw Error(start, $"expected an item, found {state}"),
        };
        value.SetOriginal(_data[start..Offset]);
        return value;
    }

    /// <summary>Peeks at the next token, recording where it starts for error messages.</summary>
    private CborReaderState PeekState()
    {
        _itemStart = Offset;
        return _reader.PeekState();
    }
}
