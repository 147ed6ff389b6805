using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// A forward reader over the ISO BMFF boxes of a stream, bounded to one level of one container: the stream twin of
/// <see cref="BoxReader"/> (same shape: <see cref="PeekHeader"/>, <see cref="ReadBox"/> returning a reader bounded to the
/// box's children, absolute offsets). It reads headers only, through one <see cref="BufferedReader"/> shared by a reader
/// and its children, so walking a file of a million boxes allocates nothing per box. 32- and 64-bit sizes, size 0 (to
/// the end of the parent) and <c>uuid</c> extended types are handled (ISO/IEC 14496-12 §4.2).
/// </summary>
internal sealed partial class BmffReader
{
    private static readonly BmffReader Empty = new(null!, null!, 0, 0);

    private readonly BufferedReader _reader;

    // Shared by a reader and its children: the boxes of one walk, at any depth.
    private readonly ContainerEntries _entries;
    private readonly long _start;
    private readonly long _end;
    private long _position;

    private BmffReader(BufferedReader reader, ContainerEntries entries, long start, long end)
    {
        _reader = reader;
        _entries = entries;
        _start = start;
        _end = end;
        _position = start;
    }

    /// <summary>
    /// A reader of the top-level boxes of <paramref name="stream"/> (read from offset 0); it and its children step over at
    /// most <see cref="AssetReadOptions.MaxContainerEntries"/> of <paramref name="options"/> boxes in all.
    /// </summary>
    public static BmffReader Open(Stream stream, AssetReadOptions options)
    {
        var reader = new BufferedReader(stream, FormatLayer.Bmff);
        var top = new BmffReader(reader, new ContainerEntries(FormatLayer.Bmff, options, "boxes"), 0, reader.Length);
        top.SettleTail();
        return top;
    }

    /// <summary>Whether another box follows at this level.</summary>
    public bool HasData => _position < _end;

    /// <summary>The absolute offset of the next box.</summary>
    public long Offset => _position;

    /// <summary>The header of the next box, without moving past it.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// A cut-off header, a size smaller than the header, overflowing, or past the end of this level's container.
    /// </exception>
    public BmffBoxHeader PeekHeader()
    {
        long position = _position;
        long end = _end;
        if (end - position < 8)
        {
            BmffErrors.ThrowHeaderCutOff(position, "a box header is cut off");
        }

        _reader.Seek(position);
        long size = _reader.ReadUInt32BigEndian();
        var type = new FourCC(_reader.ReadUInt32BigEndian());
        int header = 8;
        if (size == 1)
        {
            if (end - position < 16)
            {
                BmffErrors.ThrowHeaderCutOff(position, $"box '{type}' has a cut-off 64-bit size");
            }

            ulong large = ((ulong)_reader.ReadUInt32BigEndian() << 32) | _reader.ReadUInt32BigEndian();
            if (large > long.MaxValue)
            {
                throw new ProvenanceFormatException(FormatLayer.Bmff, position, $"box '{type}' has a 64-bit size that overflows");
            }

            size = (long)large;
            header = 16;
        }
        else if (size == 0)
        {
            size = end - position;
        }

        bool isC2pa = false;
        bool isUuid = type == BmffBoxTypes.Uuid;
        if (isUuid)
        {
            if (end - position < header + 16)
            {
                BmffErrors.ThrowHeaderCutOff(position, "uuid box is cut off before its extended type");
            }

            Span<byte> userType = stackalloc byte[16];
            _reader.ReadExactly(userType);
            isC2pa = userType.SequenceEqual(C2paUuidBox.Id);
            header += 16;
        }

        if (size < header)
        {
            BmffErrors.ThrowSmallerThanHeader(position, type, size, header);
        }

        if (size > end - position)
        {
            BmffErrors.ThrowPastEnd(position, type, size, end - position);
        }

        (byte, uint)? fullBox = null;
        if ((isUuid || FullBoxes.Contains(type)) && size >= header + 4)
        {
            uint versionAndFlags = _reader.ReadUInt32BigEndian();
            fullBox = ((byte)(versionAndFlags >> 24), versionAndFlags & 0xFFFFFF);
        }

        return new BmffBoxHeader(type, position, size, header, isC2pa, fullBox);
    }

    /// <summary>Steps over the next box and returns a reader of its children (none unless it is a container).</summary>
    /// <exception cref="ProvenanceFormatException">As <see cref="PeekHeader"/>.</exception>
    public BmffReader ReadBox(out BmffBoxHeader header)
    {
        header = Skip();
        return Children(header);
    }

    /// <summary>Steps over the next box and returns its header.</summary>
    /// <exception cref="ProvenanceFormatException">As <see cref="PeekHeader"/>, or one box more than <see cref="AssetReadOptions.MaxContainerEntries"/>.</exception>
    public BmffBoxHeader Skip()
    {
        _entries.Add(_position);
        BmffBoxHeader header = PeekHeader();
        _position = header.End;
        SettleTail();
        return header;
    }

    /// <summary>
    /// A reader of the children of <paramref name="box"/>, a box read at this level earlier: bounded to its payload (after
    /// version and flags for an ISO <c>meta</c>), and empty unless it is a container.
    /// </summary>
    public BmffReader Children(BmffBoxHeader box)
    {
        if (box.Offset < _start || box.End > _end)
        {
            throw new ArgumentException($"The box at {box.Offset} is not inside this reader's container ({_start}..{_end}).", nameof(box));
        }

        if (!IsContainer(box))
        {
            return Empty;
        }

        long childStart = box.PayloadOffset;
        if (box.Type == BmffBoxTypes.Meta && IsIsoFullBoxMeta(box))
        {
            // ISO/IEC 14496-12 §8.11.1: meta is a full box; QuickTime's meta (in udta) has no version and flags.
            childStart += 4;
        }

        if (childStart > box.End)
        {
            return Empty;
        }

        var child = new BmffReader(_reader, _entries, childStart, box.End);
        child.SettleTail();
        return child;
    }

    /// <summary>The boxes left at this level, one at a time, read as the sequence is enumerated.</summary>
    /// <exception cref="ProvenanceFormatException">Thrown while enumerating, at the first box that is malformed.</exception>
    public IEnumerable<BmffBoxHeader> Boxes(CancellationToken cancellationToken)
    {
        while (HasData)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Skip();
        }
    }

    /// <summary>Reads <paramref name="destination"/>'s length of bytes at an absolute offset inside this reader's bounds.</summary>
    /// <exception cref="ProvenanceFormatException">The bytes run past this level's container.</exception>
    public void ReadAt(long offset, Span<byte> destination)
    {
        if (offset < _start || destination.Length > _end - offset)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, offset, $"needs {destination.Length} bytes inside its container ({_start}..{_end})");
        }

        _reader.Seek(offset);
        _reader.ReadExactly(destination);
    }

    // Some writers pad containers with a few zero bytes, too few for a header: they end the level. Anything else is a
    // cut-off header, which PeekHeader reports where it starts.
    private void SettleTail()
    {
        long left = _end - _position;
        if (left is <= 0 or >= 8)
        {
            return;
        }

        _reader.Seek(_position);
        while (_reader.Position < _end)
        {
            if (_reader.ReadByte() != 0)
            {
                return;
            }
        }

        _position = _end;
    }

    private bool IsIsoFullBoxMeta(BmffBoxHeader box)
    {
        if (box.Size < box.HeaderSize + 4)
        {
            return false;
        }

        _reader.Seek(box.PayloadOffset);
        return _reader.ReadUInt32BigEndian() == 0;
    }
}
