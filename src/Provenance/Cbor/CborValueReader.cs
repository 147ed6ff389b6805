namespace Provenance.Cbor;

/// <summary>Builds <see cref="CborValue"/> trees from a reader, keeping each item's original bytes.</summary>
internal static class CborValueReader
{
    public static CborValue Read(CborReader reader, int depth)
    {
        if (depth > reader.Options.MaxDepth)
        {
            throw CborReader.Error(reader.Offset, $"nesting deeper than {reader.Options.MaxDepth}");
        }

        int start = reader.Offset;
        CborValue value = reader.PeekMajorType() switch
        {
            CborMajorType.UnsignedInteger => new CborInteger(reader.ReadUInt64()),
            CborMajorType.NegativeInteger => ReadNegative(reader),
            CborMajorType.ByteString => new CborByteString(reader.ReadByteString()),
            CborMajorType.TextString => new CborTextString(reader.ReadTextString()),
            CborMajorType.Array => ReadArray(reader, depth),
            CborMajorType.Map => ReadMap(reader, depth),
            CborMajorType.Tag => ReadTag(reader, depth),
            _ => ReadSimple(reader),
        };
        value.SetOriginal(reader.Slice(start, reader.Offset - start));
        return value;
    }

    private static CborInteger ReadNegative(CborReader reader)
    {
        // −1 − n for n up to 2^64 − 1: read the head as unsigned through the encoded bytes.
        ReadOnlyMemory<byte> encoded = reader.ReadEncodedValue();
        var head = new CborReader(encoded.ToArray(), new CborReaderOptions { Conformance = CborConformance.Lax });
        ulong magnitude = head.ReadNegativeMagnitude();
        return new CborInteger(-1 - (Int128)magnitude);
    }

    private static CborArray ReadArray(CborReader reader, int depth)
    {
        int? count = reader.ReadStartArray();
        var array = new CborArray();
        while (count is null ? !reader.PeekIsBreak() : array.Count < count)
        {
            array.AddRead(Read(reader, depth + 1));
        }

        reader.ReadEndArray();
        return array;
    }

    private static CborMap ReadMap(CborReader reader, int depth)
    {
        int start = reader.Offset;
        int? count = reader.ReadStartMap();
        var map = new CborMap();
        CborValue? previousKey = null;
        int pairs = 0;
        while (count is null ? !reader.PeekIsBreak() : pairs < count)
        {
            pairs++;
            int keyOffset = reader.Offset;
            CborValue key = Read(reader, depth + 1);
            CborValue value = Read(reader, depth + 1);
            if (reader.Options.Conformance == CborConformance.Canonical && previousKey is not null
                && previousKey.EncodedBytes.Span.SequenceCompareTo(key.EncodedBytes.Span) >= 0)
            {
                throw CborReader.Error(keyOffset, "map keys are not in deterministic order");
            }

            if (!map.AddRead(key, value, allowDuplicate: reader.Options.Conformance == CborConformance.Lax))
            {
                throw CborReader.Error(keyOffset, $"duplicate map key {key}");
            }

            previousKey = key;
        }

        reader.ReadEndMap();
        _ = start;
        return map;
    }

    private static CborTag ReadTag(CborReader reader, int depth)
    {
        ulong tag = reader.ReadTag();
        return new CborTag(tag, Read(reader, depth + 1));
    }

    private static CborValue ReadSimple(CborReader reader)
    {
        ReadOnlyMemory<byte> peek = reader.Slice(reader.Offset, 1);
        return peek.Span[0] switch
        {
            0xF4 => reader.ReadBoolean() ? CborSimple.True : CborSimple.False,
            0xF5 => reader.ReadBoolean() ? CborSimple.True : CborSimple.False,
            0xF6 => ReadNull(reader),
            0xF9 or 0xFA or 0xFB => new CborFloat(reader.ReadDouble()),
            _ => new CborSimple(reader.ReadSimpleValue()),
        };
    }

    private static CborSimple ReadNull(CborReader reader)
    {
        reader.ReadNull();
        return CborSimple.Null;
    }
}
