using System.Formats.Cbor;

namespace Provenance.Cbor;

internal sealed partial class CborDecoder
{
    private CborArray ReadArray(int start, int depth)
    {
        EnterNested(start, depth);
        int? count = _reader.ReadStartArray();
        CheckCount(start, count, itemsPerEntry: 1, "array");
        var array = new CborArray();
        while (PeekState() != CborReaderState.EndArray)
        {
            array.AddRead(ReadItem(depth + 1));
        }

        _reader.ReadEndArray();
        return array;
    }

    private CborMap ReadMap(int start, int depth)
    {
        EnterNested(start, depth);
        int? count = _reader.ReadStartMap();
        CheckCount(start, count, itemsPerEntry: 2, "map");
        var map = new CborMap();
        CborValue? previousKey = null;
        while (PeekState() != CborReaderState.EndMap)
        {
            int keyOffset = _itemStart;
            CborValue key = ReadItem(depth + 1);
            CborValue value = ReadItem(depth + 1);

            // RFC 8949 §4.2.1: keys sorted bytewise by their encodings (which also rules out equal keys).
            if (_options.Conformance == CborConformance.Canonical && previousKey is not null
                && previousKey.EncodedBytes.Span.SequenceCompareTo(key.EncodedBytes.Span) >= 0)
            {
                throw Error(keyOffset, "map keys are not in deterministic order");
            }

            // RFC 8949 §5.6: keys are compared as values, so the same key in two encodings is still a duplicate.
            if (!map.AddRead(key, value, allowDuplicate: _options.Conformance == CborConformance.Lax))
            {
                throw Error(keyOffset, $"duplicate map key {key}");
            }

            previousKey = key;
        }

        _reader.ReadEndMap();
        return map;
    }

    private CborTag ReadTag(int start, int depth)
    {
        EnterNested(start, depth);
        ulong tag = (ulong)_reader.ReadTag();
        return new CborTag(tag, ReadItem(depth + 1));
    }

    /// <summary>An array, map or tag at <paramref name="depth"/> opens level depth + 1, which must be within the limit.</summary>
    private void EnterNested(int start, int depth)
    {
        if (depth >= _options.MaxDepth)
        {
            throw Error(start, $"nesting deeper than {_options.MaxDepth} (AssetReadOptions.MaxCborDepth)");
        }
    }

    /// <summary>
    /// Each item takes at least one byte: a count above what remains cannot be honest, and one above the items left under
    /// <see cref="CborDecodeOptions.MaxItems"/> is refused before any of them is read.
    /// </summary>
    private void CheckCount(int start, int? count, int itemsPerEntry, string kind)
    {
        if (count is not int entries)
        {
            return;
        }

        long items = (long)entries * itemsPerEntry;
        if (items > _reader.BytesRemaining)
        {
            throw Error(start, $"{kind} of {entries} entries cannot fit in the {_reader.BytesRemaining} bytes that remain");
        }

        if (items > _options.MaxItems - _items)
        {
            throw Error(start, $"{kind} of {entries} entries would make more than {_options.MaxItems} items (AssetReadOptions.MaxCborItems)");
        }
    }
}
