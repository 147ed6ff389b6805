namespace Provenance.Formats;

/// <summary>
/// A forward reader over a seekable stream with a small buffer, for walking segment and chunk headers without loading
/// the asset. Positions are absolute; reading past the end throws a format error naming the layer.
/// </summary>
internal sealed class BufferedReader
{
    private readonly Stream _stream;
    private readonly FormatLayer _layer;
    private const int MaxBufferSize = 64 * 1024;
    private readonly byte[] _buffer;
    private long _bufferStart;
    private int _bufferLength;

    public BufferedReader(Stream stream, FormatLayer layer)
    {
        _stream = stream;
        _layer = layer;
        Length = stream.Length;
        _stream.Position = 0;
        // No larger than the asset: a 20 KB image signed and verified opens a reader several times, and 64 KB buffers
        // for each were most of what a signature of a small image allocated.
        _buffer = new byte[(int)Math.Clamp(Length, 16, MaxBufferSize)];
    }

    public long Position { get; private set; }

    public long Length { get; }

    public long Remaining => Length - Position;

    public bool AtEnd => Position >= Length;

    public byte ReadByte()
    {
        if (Position < _bufferStart || Position >= _bufferStart + _bufferLength)
        {
            Fill();
        }

        return _buffer[Position++ - _bufferStart];
    }

    public ushort ReadUInt16BigEndian() => (ushort)((ReadByte() << 8) | ReadByte());

    public uint ReadUInt32BigEndian()
    {
        // Straight from the buffer when the four bytes are in it: box walks read millions of headers.
        long offset = Position - _bufferStart;
        if (offset >= 0 && offset + 4 <= _bufferLength)
        {
            Position += 4;
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan((int)offset, 4));
        }

        return ((uint)ReadUInt16BigEndian() << 16) | ReadUInt16BigEndian();
    }

    public void ReadExactly(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            FormatErrors.ThrowTruncated(_layer, Position, destination.Length, Remaining);
        }

        if (destination.Length > 4096)
        {
            // Large reads (a manifest store's segments) go straight to the stream; the buffer stays valid.
            _stream.Position = Position;
            _stream.ReadExactly(destination);
            Position += destination.Length;
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ReadByte();
        }
    }

    public byte[] ReadBytes(int count)
    {
        byte[] bytes = new byte[count];
        if (count > 4096)
        {
            if (count > Remaining)
            {
                FormatErrors.ThrowTruncated(_layer, Position, count, Remaining);
            }

            _stream.Position = Position;
            _stream.ReadExactly(bytes);
            Position += count;
            return bytes;
        }

        ReadExactly(bytes);
        return bytes;
    }

    public void Skip(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new ProvenanceFormatException(_layer, Position, $"a length of {count} runs past the end of the file ({Remaining} bytes remain)");
        }

        Position += count;
    }

    public void Seek(long position) => Position = position;

    /// <summary>
    /// Moves to the next byte equal to <paramref name="value"/> (searching the buffer a block at a time, not a byte at a
    /// time); returns false, at the end, when there is none.
    /// </summary>
    public bool SkipTo(byte value)
    {
        while (Position < Length)
        {
            if (Position < _bufferStart || Position >= _bufferStart + _bufferLength)
            {
                Fill();
            }

            int offset = (int)(Position - _bufferStart);
            int found = _buffer.AsSpan(offset, _bufferLength - offset).IndexOf(value);
            if (found >= 0)
            {
                Position += found;
                return true;
            }

            Position = _bufferStart + _bufferLength;
        }

        return false;
    }

    private void Fill()
    {
        if (Position >= Length)
        {
            FormatErrors.ThrowUnexpectedEnd(_layer, Position);
        }

        _stream.Position = Position;
        _bufferStart = Position;
        _bufferLength = _stream.ReadAtLeast(_buffer, (int)Math.Min(_buffer.Length, Length - Position), throwOnEndOfStream: false);
        if (_bufferLength == 0)
        {
            FormatErrors.ThrowUnexpectedEnd(_layer, Position);
        }
    }
}
