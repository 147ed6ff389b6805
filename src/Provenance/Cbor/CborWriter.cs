using System.Buffers.Binary;
using System.Text;

namespace Provenance.Cbor;

/// <summary>
/// A CBOR writer that always uses preferred serialization: shortest integer and length forms, definite lengths
/// (RFC 8949 §4.2.1). With <c>sortMapKeys</c> (the default) each map's entries are ordered bytewise by their encoded
/// keys when the map ends, which makes the output core deterministic (C2PA 2.2 §10.1 requires it for claims).
/// </summary>
internal sealed class CborWriter
{
    private readonly bool _sortMapKeys;
    private readonly Stack<Container> _containers = new();
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>Creates a writer.</summary>
    public CborWriter(bool sortMapKeys = true)
    {
        _sortMapKeys = sortMapKeys;
    }

    /// <summary>Bytes written so far.</summary>
    public int BytesWritten => _length;

    /// <summary>Writes an unsigned integer.</summary>
    public void WriteUInt64(ulong value)
    {
        WriteHead(CborMajorType.UnsignedInteger, value);
        CountItem();
    }

    /// <summary>Writes a signed integer.</summary>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteHead(CborMajorType.UnsignedInteger, (ulong)value);
        }
        else
        {
            WriteHead(CborMajorType.NegativeInteger, (ulong)(-1 - value));
        }

        CountItem();
    }

    /// <summary>Writes an integer in the full CBOR range, −2^64 to 2^64−1.</summary>
    public void WriteInteger(Int128 value)
    {
        if (value >= 0 && value <= ulong.MaxValue)
        {
            WriteHead(CborMajorType.UnsignedInteger, (ulong)value);
        }
        else if (value < 0 && -1 - value <= ulong.MaxValue)
        {
            WriteHead(CborMajorType.NegativeInteger, (ulong)(-1 - value));
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(value), "CBOR integers range from −2^64 to 2^64−1.");
        }

        CountItem();
    }

    /// <summary>Writes a byte string.</summary>
    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        WriteHead(CborMajorType.ByteString, (ulong)value.Length);
        Append(value);
        CountItem();
    }

    /// <summary>Writes a text string.</summary>
    public void WriteTextString(ReadOnlySpan<char> value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteHead(CborMajorType.TextString, (ulong)byteCount);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        CountItem();
    }

    /// <summary>Starts an array of <paramref name="count"/> items.</summary>
    public void WriteStartArray(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteHead(CborMajorType.Array, (ulong)count);
        _containers.Push(new Container(false, count, _length));
    }

    /// <summary>Ends the current array.</summary>
    public void WriteEndArray() => EndContainer(isMap: false);

    /// <summary>Starts a map of <paramref name="count"/> pairs.</summary>
    public void WriteStartMap(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteHead(CborMajorType.Map, (ulong)count);
        _containers.Push(new Container(true, count * 2, _length));
    }

    /// <summary>Ends the current map, sorting its entries when the writer sorts keys.</summary>
    public void WriteEndMap() => EndContainer(isMap: true);

    /// <summary>Writes a tag; the tagged item must follow.</summary>
    public void WriteTag(ulong tag) => WriteHead(CborMajorType.Tag, tag);

    /// <summary>Writes a boolean.</summary>
    public void WriteBoolean(bool value) => WriteSimpleByte(value ? (byte)0xF5 : (byte)0xF4);

    /// <summary>Writes null.</summary>
    public void WriteNull() => WriteSimpleByte(0xF6);

    /// <summary>Writes undefined.</summary>
    public void WriteUndefined() => WriteSimpleByte(0xF7);

    /// <summary>Writes a float in the shortest of half, single and double precision that keeps its value (RFC 8949 §4.2.2).</summary>
    public void WriteDouble(double value)
    {
        var half = (Half)value;
        if ((double)half == value || (double.IsNaN(value) && Half.IsNaN(half)))
        {
            Ensure(3);
            _buffer[_length++] = 0xF9;
            BinaryPrimitives.WriteHalfBigEndian(_buffer.AsSpan(_length), double.IsNaN(value) ? Half.NaN : half);
            _length += 2;
        }
        else if ((double)(float)value == value)
        {
            Ensure(5);
            _buffer[_length++] = 0xFA;
            BinaryPrimitives.WriteSingleBigEndian(_buffer.AsSpan(_length), (float)value);
            _length += 4;
        }
        else
        {
            Ensure(9);
            _buffer[_length++] = 0xFB;
            BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_length), value);
            _length += 8;
        }

        CountItem();
    }

    /// <summary>Writes an already-encoded item verbatim; it must be exactly one well-formed item.</summary>
    /// <exception cref="ProvenanceFormatException">The bytes are not exactly one CBOR item.</exception>
    public void WriteEncodedValue(ReadOnlySpan<byte> encoded)
    {
        byte[] copy = encoded.ToArray();
        var reader = new CborReader(copy, new CborReaderOptions { Conformance = CborConformance.Lax, MaxDepth = 512 });
        reader.SkipValue();
        if (reader.BytesRemaining != 0)
        {
            throw CborReader.Error(reader.Offset, "more than one item given as one encoded value");
        }

        Append(copy);
        CountItem();
    }

    /// <summary>The bytes written.</summary>
    /// <exception cref="InvalidOperationException">A container is still open.</exception>
    public byte[] Encode()
    {
        if (_containers.Count > 0)
        {
            throw new InvalidOperationException("An array or map is still open.");
        }

        return _buffer.AsSpan(0, _length).ToArray();
    }

    /// <summary>Copies the bytes written into <paramref name="destination"/> if it is large enough.</summary>
    public bool TryEncode(Span<byte> destination, out int bytesWritten)
    {
        if (_containers.Count > 0)
        {
            throw new InvalidOperationException("An array or map is still open.");
        }

        bytesWritten = _length <= destination.Length ? _length : 0;
        return _buffer.AsSpan(0, _length).TryCopyTo(destination);
    }

    private void WriteSimpleByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
        CountItem();
    }

    private void WriteHead(CborMajorType type, ulong value)
    {
        Ensure(9);
        byte major = (byte)((int)type << 5);
        Span<byte> span = _buffer.AsSpan(_length);
        if (value < 24)
        {
            span[0] = (byte)(major | (byte)value);
            _length += 1;
        }
        else if (value <= byte.MaxValue)
        {
            span[0] = (byte)(major | 24);
            span[1] = (byte)value;
            _length += 2;
        }
        else if (value <= ushort.MaxValue)
        {
            span[0] = (byte)(major | 25);
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _length += 3;
        }
        else if (value <= uint.MaxValue)
        {
            span[0] = (byte)(major | 26);
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _length += 5;
        }
        else
        {
            span[0] = (byte)(major | 27);
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _length += 9;
        }
    }

    private void CountItem()
    {
        if (_containers.Count == 0)
        {
            return;
        }

        Container container = _containers.Pop();
        if (container.Remaining == 0)
        {
            _containers.Push(container);
            throw new InvalidOperationException("More items written than the container declared.");
        }

        container.Remaining--;
        if (container.IsMap && _sortMapKeys)
        {
            container.ItemEnds.Add(_length);
        }

        _containers.Push(container);
    }

    private void EndContainer(bool isMap)
    {
        if (_containers.Count == 0 || _containers.Peek().IsMap != isMap)
        {
            throw new InvalidOperationException(isMap ? "No map is open." : "No array is open.");
        }

        Container container = _containers.Pop();
        if (container.Remaining != 0)
        {
            _containers.Push(container);
            throw new InvalidOperationException($"The container still expects {container.Remaining} items.");
        }

        if (isMap && _sortMapKeys)
        {
            SortEntries(container);
        }

        CountItem();
    }

    private void SortEntries(Container map)
    {
        var entries = new List<(int KeyStart, int KeyEnd, int End)>();
        int start = map.ContentStart;
        for (int i = 0; i < map.ItemEnds.Count; i += 2)
        {
            entries.Add((start, map.ItemEnds[i], map.ItemEnds[i + 1]));
            start = map.ItemEnds[i + 1];
        }

        byte[] source = _buffer.AsSpan(map.ContentStart, _length - map.ContentStart).ToArray();
        int origin = map.ContentStart;
        entries.Sort((a, b) => _buffer.AsSpan(a.KeyStart, a.KeyEnd - a.KeyStart).SequenceCompareTo(_buffer.AsSpan(b.KeyStart, b.KeyEnd - b.KeyStart)));
        int position = origin;
        foreach ((int keyStart, _, int end) in entries)
        {
            source.AsSpan(keyStart - origin, end - keyStart).CopyTo(_buffer.AsSpan(position));
            position += end - keyStart;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }

    private sealed class Container(bool isMap, int remaining, int contentStart)
    {
        public bool IsMap { get; } = isMap;

        public int Remaining { get; set; } = remaining;

        public int ContentStart { get; } = contentStart;

        public List<int> ItemEnds { get; } = [];
    }
}
