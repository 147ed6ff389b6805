using Provenance.Jumbf;

namespace Provenance.Formats.JpegXl;

/// <summary>
/// A forward reader over the top-level boxes of a JPEG XL container (ISO/IEC 18181-2), reading headers only, in the shape
/// of the other container readers (<see cref="Png.PngChunkReader"/>, <see cref="Bmff.BmffReader"/>): <see cref="PeekBox"/>
/// looks at the next box, <see cref="Skip"/> steps over it, <see cref="ReadAt"/> reads inside one box and never past it.
/// Offsets are absolute; boxes come one at a time, whatever their number.
/// </summary>
internal sealed class JpegXlBoxReader
{
    private readonly BufferedReader _reader;
    private readonly ContainerEntries _entries;
    private long _position;

    private JpegXlBoxReader(BufferedReader reader, ContainerEntries entries)
    {
        _reader = reader;
        _entries = entries;
    }

    /// <summary>Whether another box follows.</summary>
    public bool HasData => _position < _reader.Length;

    /// <summary>A reader of the boxes of <paramref name="stream"/>, read from offset 0 within <paramref name="options"/>' limits; the first is the signature box.</summary>
    /// <exception cref="ProvenanceFormatException">The stream does not start with the JPEG XL container signature.</exception>
    public static JpegXlBoxReader Open(Stream stream, AssetReadOptions options)
    {
        var reader = new BufferedReader(stream, FormatLayer.JpegXl);
        Span<byte> signature = stackalloc byte[12];
        if (reader.Length < signature.Length)
        {
            throw new ProvenanceFormatException(FormatLayer.JpegXl, 0, "the file is shorter than the JPEG XL container signature");
        }

        reader.ReadExactly(signature);
        if (!signature.SequenceEqual(JpegXlFormat.ContainerSignature))
        {
            throw new ProvenanceFormatException(FormatLayer.JpegXl, 0, "the file does not start with the JPEG XL container signature");
        }

        return new JpegXlBoxReader(reader, new ContainerEntries(FormatLayer.JpegXl, options, "boxes"));
    }

    /// <summary>The boxes left, in order, one at a time (the signature box first).</summary>
    /// <exception cref="ProvenanceFormatException">Thrown while enumerating: a box is cut off or runs past the end.</exception>
    public IEnumerable<JpegXlBox> Boxes(CancellationToken cancellationToken)
    {
        while (HasData)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Skip();
        }
    }

    /// <summary>Steps over the next box and returns it.</summary>
    /// <exception cref="ProvenanceFormatException">As <see cref="PeekBox"/>, or one box more than <see cref="AssetReadOptions.MaxContainerEntries"/>.</exception>
    public JpegXlBox Skip()
    {
        _entries.Add(_position);
        JpegXlBox box = PeekBox();
        _position = box.End;
        return box;
    }

    /// <summary>The next box's header, without moving past it.</summary>
    /// <exception cref="ProvenanceFormatException">A cut-off header, a size smaller than the header, or past the end of the file.</exception>
    public JpegXlBox PeekBox()
    {
        long offset = _position;
        long left = _reader.Length - offset;
        if (left < 8)
        {
            throw new ProvenanceFormatException(FormatLayer.JpegXl, offset, $"a box header is cut off ({left} bytes remain)");
        }

        _reader.Seek(offset);
        long size = _reader.ReadUInt32BigEndian();
        var type = new FourCC(_reader.ReadUInt32BigEndian());
        int header = 8;
        if (size == 1)
        {
            if (left < 16)
            {
                throw new ProvenanceFormatException(FormatLayer.JpegXl, offset, $"box '{type}' has a cut-off 64-bit size");
            }

            ulong large = ((ulong)_reader.ReadUInt32BigEndian() << 32) | _reader.ReadUInt32BigEndian();
            size = large > (ulong)left ? long.MaxValue : (long)large;
            header = 16;
        }
        else if (size == 0)
        {
            // ISO/IEC 18181-2 §3.1 (as ISO/IEC 14496-12 §4.2): the last box may run to the end of the file.
            size = left;
        }

        if (size < header)
        {
            throw new ProvenanceFormatException(FormatLayer.JpegXl, offset, $"box '{type}' declares {size} bytes, less than its {header}-byte header");
        }

        if (size > left)
        {
            throw new ProvenanceFormatException(FormatLayer.JpegXl, offset, $"box '{type}' runs past the end of the file ({left} bytes remain)");
        }

        return new JpegXlBox(type, offset, size, header);
    }

    /// <summary>
    /// Reads bytes of one box read earlier, <paramref name="offset"/> bytes from its start: the bounded child read,
    /// which can never run into the next box.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The bytes run past the box's end.</exception>
    public void ReadAt(JpegXlBox box, long offset, Span<byte> destination)
    {
        if (offset < 0 || destination.Length > box.Size - offset)
        {
            throw new ProvenanceFormatException(FormatLayer.JpegXl, box.Offset, $"needs {destination.Length} bytes at {offset} of a {box.Size}-byte '{box.Type}' box");
        }

        _reader.Seek(box.Offset + offset);
        _reader.ReadExactly(destination);
    }
}
