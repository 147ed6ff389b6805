using System.Buffers.Binary;

namespace Provenance.Jumbf;

/// <summary>
/// A forward reader over boxes in memory (JUMBF superboxes, and any ISO BMFF-framed data), in the shape of
/// <c>System.Formats.Asn1.AsnReader</c>: <see cref="PeekHeader"/> looks at the next box, <see cref="ReadBox"/> steps
/// over it and returns a reader bounded to its payload, so nothing read through the child can run past the box. Offsets,
/// in headers and in errors, are absolute: a child knows where its payload sits in the outermost data.
/// </summary>
/// <remarks>
/// The stream twin for large files is <c>Formats.Bmff.BmffReader</c>; JPEG segments and PNG chunks are read in the same
/// shape. Errors are <see cref="ProvenanceFormatException"/> in the reader's layer with the absolute offset.
/// </remarks>
internal ref struct BoxReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private readonly FormatLayer _layer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>, whose first byte is at <paramref name="baseOffset"/>.</summary>
    public BoxReader(ReadOnlySpan<byte> data, long baseOffset = 0, FormatLayer layer = FormatLayer.Jumbf)
    {
        _data = data;
        _baseOffset = baseOffset;
        _layer = layer;
    }

    /// <summary>Whether any byte is left to read.</summary>
    public readonly bool HasData => _position < _data.Length;

    /// <summary>The absolute offset of the next byte.</summary>
    public readonly long Offset => _baseOffset + _position;

    /// <summary>The bytes left to read.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _data[_position..];

    /// <summary>The header of the next box, without moving past it.</summary>
    /// <exception cref="ProvenanceFormatException">The header is cut off, or the box runs past the end of this reader's data.</exception>
    public readonly BoxHeader PeekHeader()
    {
        int left = _data.Length - _position;
        if (left < 8)
        {
            throw Error($"box header needs 8 bytes, {left} remain");
        }

        ReadOnlySpan<byte> span = _data[_position..];
        long size = BinaryPrimitives.ReadUInt32BigEndian(span);
        var type = new FourCC(BinaryPrimitives.ReadUInt32BigEndian(span[4..]));
        int header = 8;
        if (size == 1)
        {
            if (left < 16)
            {
                throw Error($"box '{type}' has a cut-off 64-bit size");
            }

            ulong large = BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
            if (large > (ulong)left)
            {
                throw Error($"box '{type}' of {large} bytes runs past its container ({left} bytes remain)");
            }

            size = (long)large;
            header = 16;
        }
        else if (size == 0)
        {
            // ISO/IEC 14496-12 §4.2: size 0 runs to the end of the container.
            size = left;
        }

        if (size < header)
        {
            throw Error($"box '{type}' declares {size} bytes, less than its {header}-byte header");
        }

        if (size > left)
        {
            throw Error($"box '{type}' of {size} bytes runs past its container ({left} bytes remain)");
        }

        return new BoxHeader(type, Offset, size, header);
    }

    /// <summary>Steps over the next box and returns a reader bounded to its payload.</summary>
    /// <exception cref="ProvenanceFormatException">As <see cref="PeekHeader"/>.</exception>
    public BoxReader ReadBox(out BoxHeader header)
    {
        header = PeekHeader();
        var child = new BoxReader(_data.Slice(_position + header.HeaderLength, (int)header.PayloadLength), header.PayloadOffset, _layer);
        _position += (int)header.Size;
        return child;
    }

    /// <summary>Reads <paramref name="count"/> bytes.</summary>
    /// <param name="count">How many.</param>
    /// <param name="what">What they are, for the error.</param>
    /// <exception cref="ProvenanceFormatException">Fewer bytes are left.</exception>
    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (_data.Length - _position < count)
        {
            throw Error($"{what} is cut off ({count} bytes needed, {_data.Length - _position} remain)");
        }

        ReadOnlySpan<byte> bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    /// <summary>An error of this reader's layer at its current absolute offset.</summary>
    public readonly ProvenanceFormatException Error(string message) => new(_layer, Offset, message);
}
