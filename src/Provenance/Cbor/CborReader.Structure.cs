using System.Buffers.Binary;

namespace Provenance.Cbor;

internal sealed partial class CborReader
{
    /// <summary>Reads the start of an array; returns its length, or null for an indefinite-length array.</summary>
    public int? ReadStartArray() => ReadStartContainer(CborMajorType.Array);

    /// <summary>Reads the end of an array (checks that every item was read; consumes the break of an indefinite one).</summary>
    public void ReadEndArray() => ReadEndContainer(isMap: false);

    /// <summary>Reads the start of a map; returns its number of pairs, or null for an indefinite-length map.</summary>
    public int? ReadStartMap() => ReadStartContainer(CborMajorType.Map);

    /// <summary>Reads the end of a map.</summary>
    public void ReadEndMap() => ReadEndContainer(isMap: true);

    /// <summary>Returns the exact original bytes of the next whole item and moves past it.</summary>
    public ReadOnlyMemory<byte> ReadEncodedValue()
    {
        EnsureItemAllowed();
        int start = _offset;
        SkipItem(0);
        Completed(0);
        return _data[start.._offset];
    }

    /// <summary>Moves past the next whole item.</summary>
    public void SkipValue() => ReadEncodedValue();

    private int? ReadStartContainer(CborMajorType expected)
    {
        int start = _offset;
        (CborMajorType type, ulong count, bool indefinite) = ReadHeadAllowingIndefinite();
        if (type != expected)
        {
            throw Error(start, $"expected {expected}, found {type}");
        }

        if (_frames.Count + 1 > Options.MaxDepth)
        {
            throw Error(start, $"nesting deeper than {Options.MaxDepth}");
        }

        if (!indefinite)
        {
            // Each item takes at least one byte: a count above what remains cannot be honest.
            if (count > int.MaxValue || (expected == CborMajorType.Map ? count * 2 : count) > (ulong)BytesRemaining)
            {
                throw Error(start, $"{expected} of {count} items cannot fit in the {BytesRemaining} bytes that remain");
            }
        }

        _frames.Push(new Frame(expected == CborMajorType.Map, indefinite ? -1 : (long)(expected == CborMajorType.Map ? count * 2 : count), start));
        return indefinite ? null : (int)count;
    }

    private void ReadEndContainer(bool isMap)
    {
        if (_frames.Count == 0 || _frames.Peek().IsMap != isMap)
        {
            throw Error(_offset, isMap ? "not inside a map" : "not inside an array");
        }

        Frame frame = _frames.Peek();
        if (frame.Remaining < 0)
        {
            if (!PeekIsBreak())
            {
                throw Error(_offset, "expected the break that ends an indefinite-length container");
            }

            if (isMap && frame.ItemsRead % 2 != 0)
            {
                throw Error(_offset, "indefinite-length map ends after a key without a value");
            }

            _offset++;
        }
        else if (frame.Remaining > 0)
        {
            throw Error(_offset, $"container still has {frame.Remaining} items");
        }

        _frames.Pop();
        Completed(0);
    }

    private (CborMajorType Type, ulong Value) ReadHead()
    {
        int start = _offset;
        (CborMajorType type, ulong value, bool indefinite) = ReadHeadAllowingIndefinite();
        if (indefinite)
        {
            throw Error(start, $"indefinite length is not allowed for {type}");
        }

        return (type, value);
    }

    private (CborMajorType Type, ulong Value, bool Indefinite) ReadHeadAllowingIndefinite()
    {
        EnsureItemAllowed();
        int start = _offset;
        byte initial = Peek();
        _offset++;
        var type = (CborMajorType)(initial >> 5);
        int info = initial & 0x1F;
        ulong value;
        switch (info)
        {
            case < 24:
                value = (ulong)info;
                break;
            case 24:
                value = Take(1).Span[0];
                CheckShortest(start, value >= 24);
                break;
            case 25:
                value = BinaryPrimitives.ReadUInt16BigEndian(Take(2).Span);
                CheckShortest(start, value > byte.MaxValue);
                break;
            case 26:
                value = BinaryPrimitives.ReadUInt32BigEndian(Take(4).Span);
                CheckShortest(start, value > ushort.MaxValue);
                break;
            case 27:
                value = BinaryPrimitives.ReadUInt64BigEndian(Take(8).Span);
                CheckShortest(start, value > uint.MaxValue);
                break;
            case 31 when type is CborMajorType.ByteString or CborMajorType.TextString or CborMajorType.Array or CborMajorType.Map:
                if (Options.Conformance == CborConformance.Canonical)
                {
                    throw Error(start, "indefinite length is not deterministic encoding");
                }

                return (type, 0, true);
            default:
                throw Error(start, $"additional information {info} is not well-formed for {type}");
        }

        return (type, value, false);
    }

    private void CheckShortest(int start, bool isShortest)
    {
        if (!isShortest && Options.Conformance == CborConformance.Canonical)
        {
            throw Error(start, "integer or length is not in its shortest form");
        }
    }

    private ReadOnlyMemory<byte> ReadString(CborMajorType expected)
    {
        int start = _offset;
        (CborMajorType type, ulong length, bool indefinite) = ReadHeadAllowingIndefinite();
        if (type != expected)
        {
            throw Error(start, $"expected {expected}, found {type}");
        }

        if (!indefinite)
        {
            if (length > (ulong)BytesRemaining)
            {
                throw Error(start, $"{expected} of {length} bytes runs past the end ({BytesRemaining} bytes remain)");
            }

            return Completed(Take((int)length));
        }

        // RFC 8949 §3.2.3: chunks are definite-length strings of the same major type, ended by a break.
        using var joined = new MemoryStream();
        while (!PeekIsBreak())
        {
            int chunkStart = _offset;
            byte initial = Peek();
            if ((CborMajorType)(initial >> 5) != expected || (initial & 0x1F) == 31)
            {
                throw Error(chunkStart, "a chunk of an indefinite-length string must be a definite string of the same type");
            }

            (_, ulong chunkLength) = ReadChunkHead();
            if (chunkLength > (ulong)BytesRemaining)
            {
                throw Error(chunkStart, "string chunk runs past the end");
            }

            joined.Write(Take((int)chunkLength).Span);
        }

        _offset++;
        return Completed((ReadOnlyMemory<byte>)joined.ToArray());
    }

    private (CborMajorType, ulong) ReadChunkHead()
    {
        // A chunk is read as an item of its string, not of the enclosing container.
        _frames.Push(new Frame(false, -1, _offset));
        try
        {
            return ReadHead();
        }
        finally
        {
            _frames.Pop();
        }
    }

    private void SkipItem(int depth)
    {
        if (_frames.Count + depth > Options.MaxDepth)
        {
            throw Error(_offset, $"nesting deeper than {Options.MaxDepth}");
        }

        int start = _offset;
        byte initial = Peek();
        var type = (CborMajorType)(initial >> 5);
        switch (type)
        {
            case CborMajorType.ByteString or CborMajorType.TextString:
                _frames.Push(new Frame(false, 1, start));
                ReadString(type);
                _frames.Pop();
                break;
            case CborMajorType.Array or CborMajorType.Map:
                _frames.Push(new Frame(false, 1, start));
                (_, ulong count, bool indefinite) = ReadHeadAllowingIndefinite();
                _frames.Pop();
                if (!indefinite && (count > int.MaxValue || (type == CborMajorType.Map ? count * 2 : count) > (ulong)BytesRemaining))
                {
                    throw Error(start, $"{type} of {count} items cannot fit in the bytes that remain");
                }

                ulong items = type == CborMajorType.Map ? count * 2 : count;

                if (indefinite)
                {
                    long read = 0;
                    while (!PeekIsBreak())
                    {
                        SkipItem(depth + 1);
                        read++;
                    }

                    if (type == CborMajorType.Map && read % 2 != 0)
                    {
                        throw Error(_offset, "indefinite-length map ends after a key without a value");
                    }

                    _offset++;
                }
                else
                {
                    for (ulong i = 0; i < items; i++)
                    {
                        SkipItem(depth + 1);
                    }
                }

                break;
            case CborMajorType.Tag:
                _frames.Push(new Frame(false, 1, start));
                ReadHead();
                _frames.Pop();
                SkipItem(depth + 1);
                break;
            case CborMajorType.Simple:
                _frames.Push(new Frame(false, 1, start));
                SkipSimple();
                _frames.Pop();
                break;
            default:
                _frames.Push(new Frame(false, 1, start));
                ReadHead();
                _frames.Pop();
                break;
        }
    }

    private void SkipSimple()
    {
        int start = _offset;
        byte initial = ReadSimpleInitial();
        switch (initial)
        {
            case 0xF8:
                if (Take(1).Span[0] < 32)
                {
                    throw Error(start, "two-byte simple value below 32 is not well-formed");
                }

                break;
            case 0xF9:
                Take(2);
                break;
            case 0xFA:
                Take(4);
                break;
            case 0xFB:
                Take(8);
                break;
        }
    }

    /// <summary>Checks that an item may be read here: inside a definite container with items left, or at top level.</summary>
    private void EnsureItemAllowed()
    {
        if (_frames.Count == 0)
        {
            return;
        }

        Frame frame = _frames.Peek();
        if (frame.Remaining == 0)
        {
            throw Error(_offset, "the container has no more items");
        }

        if (frame.Remaining < 0 && PeekIsBreak())
        {
            throw Error(_offset, "unexpected break: an item was expected");
        }
    }

    /// <summary>Counts a finished item against the enclosing container.</summary>
    private T Completed<T>(T value)
    {
        if (_frames.Count > 0)
        {
            Frame frame = _frames.Pop();
            _frames.Push(frame with { Remaining = frame.Remaining > 0 ? frame.Remaining - 1 : frame.Remaining, ItemsRead = frame.ItemsRead + 1 });
        }

        return value;
    }

    private readonly record struct Frame(bool IsMap, long Remaining, int Start)
    {
        public long ItemsRead { get; init; }
    }
}
