namespace Provenance.Formats.Jpeg;

/// <summary>
/// A forward reader over a JPEG's marker segments (ISO/IEC 10918-1 §B.1) without loading it, in the shape of the box
/// readers (<see cref="Jumbf.BoxReader"/>, <see cref="Bmff.BmffReader"/>): <see cref="PeekSegment"/> looks at the next
/// segment, <see cref="Skip"/> steps over it, <see cref="ReadAt"/> reads inside one segment and never past it. SOI,
/// length-prefixed segments, scans with their entropy-coded data up to the next marker that is not a restart or a
/// stuffed byte, and EOI. Offsets are absolute; segments come one at a time, whatever their number.
/// </summary>
internal sealed class JpegSegmentReader
{
    private readonly BufferedReader _reader;
    private readonly ContainerEntries _entries;
    private long _position;
    private JpegSegment? _next;
    private long _afterNext;

    private JpegSegmentReader(BufferedReader reader, ContainerEntries entries)
    {
        _reader = reader;
        _entries = entries;

        // The SOI marker is the first segment (checked by Open).
        _next = new JpegSegment(JpegSegment.Soi, 0, 2);
        _afterNext = 2;
    }

    /// <summary>Whether another segment follows (none after EOI).</summary>
    public bool HasData => _next is not null || (!ReachedEnd && _position < _reader.Length);

    /// <summary>Whether the EOI marker has been read.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>A reader of the segments of <paramref name="stream"/>, read from offset 0, within <paramref name="options"/>' limits.</summary>
    /// <exception cref="ProvenanceFormatException">The stream does not start with SOI.</exception>
    public static JpegSegmentReader Open(Stream stream, AssetReadOptions options)
    {
        var reader = new BufferedReader(stream, FormatLayer.Jpeg);
        if (reader.Length < 4 || reader.ReadByte() != 0xFF || reader.ReadByte() != JpegSegment.Soi)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, 0, "the file does not start with the SOI marker FF D8");
        }

        return new JpegSegmentReader(reader, new ContainerEntries(FormatLayer.Jpeg, options, "segments"));
    }

    /// <summary>The segments left, in order, one at a time.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Thrown while enumerating: a malformed segment, or no EOI when <paramref name="requireEnd"/>.
    /// </exception>
    public IEnumerable<JpegSegment> Segments(bool requireEnd, CancellationToken cancellationToken)
    {
        while (HasData)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Skip();
        }

        if (requireEnd && !ReachedEnd)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, _position, "the file ends before the EOI marker (truncated)");
        }
    }

    /// <summary>Steps over the next segment and returns it.</summary>
    /// <exception cref="ProvenanceFormatException">As <see cref="PeekSegment"/>.</exception>
    public JpegSegment Skip()
    {
        JpegSegment segment = PeekSegment();
        _position = _afterNext;
        _next = null;
        ReachedEnd = segment.Marker == JpegSegment.Eoi;
        return segment;
    }

    /// <summary>The next segment, without moving past it.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// No marker where one must be, a forbidden marker, a length past the end, or more segments than
    /// <see cref="AssetReadOptions.MaxContainerEntries"/>.
    /// </exception>
    public JpegSegment PeekSegment()
    {
        if (_next is { } next)
        {
            return next;
        }

        _entries.Add(_position);

        _reader.Seek(_position);
        long offset = _position;
        if (_reader.ReadByte() != 0xFF)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, offset, "expected a marker (FF)");
        }

        byte marker = _reader.ReadByte();
        while (marker == 0xFF)
        {
            // Fill bytes before a marker (ISO/IEC 10918-1 §B.1.1.2).
            offset = _reader.Position - 1;
            marker = _reader.ReadByte();
        }

        JpegSegment segment;
        if (marker is JpegSegment.Eoi or (>= 0xD0 and <= 0xD7) or 0x01)
        {
            segment = new(marker, offset, 2);
        }
        else if (marker is 0x00 or JpegSegment.Soi)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, offset, $"marker FF {marker:X2} is not allowed here");
        }
        else
        {
            if (_reader.Remaining < 2)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, offset, "segment length is cut off");
            }

            int length = _reader.ReadUInt16BigEndian();
            if (length < 2)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, offset + 2, $"segment length {length} is less than 2");
            }

            _reader.Skip(length - 2);
            if (marker == JpegSegment.Sos)
            {
                SkipEntropyCodedData();
            }

            segment = new(marker, offset, _reader.Position - offset);
        }

        _next = segment;
        _afterNext = _reader.Position;
        return segment;
    }

    /// <summary>
    /// Reads bytes of one segment read earlier, <paramref name="offset"/> bytes from its marker: the bounded child read of
    /// a flat format, which can never run into the next segment.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The bytes run past the segment's end.</exception>
    public void ReadAt(JpegSegment segment, long offset, Span<byte> destination)
    {
        if (offset < 0 || destination.Length > segment.Length - offset)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, segment.Offset, $"needs {destination.Length} bytes at {offset} of a {segment.Length}-byte segment");
        }

        _reader.Seek(segment.Offset + offset);
        _reader.ReadExactly(destination);
    }

    /// <summary>Moves to the next marker after a scan: FF 00 is a stuffed byte and FF D0–D7 are restarts, both data.</summary>
    private void SkipEntropyCodedData()
    {
        // The scan is most of the file: it is searched for FF a buffer at a time.
        BufferedReader reader = _reader;
        while (reader.SkipTo(0xFF))
        {
            reader.ReadByte();
            byte next = reader.AtEnd ? (byte)0 : reader.ReadByte();
            while (next == 0xFF && !reader.AtEnd)
            {
                next = reader.ReadByte();
            }

            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                continue;
            }

            // A real marker: leave the reader on its FF so the next segment starts there.
            reader.Seek(reader.Position - 2);
            return;
        }
    }
}
