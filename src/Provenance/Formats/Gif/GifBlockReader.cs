namespace Provenance.Formats.Gif;

/// <summary>
/// A forward reader over a GIF's header, logical screen descriptor, global color table and the blocks that follow, up
/// to the first image descriptor (GIF89a §17-27): the part of the file where C2PA 2.2 §A.3.7 places the store.
/// Offsets are absolute; every length is checked against what remains of the file.
/// </summary>
internal sealed class GifBlockReader
{
    /// <summary>The application extension's block size, identifier and authentication code for C2PA (C2PA 2.2 §A.3.7).</summary>
    public static ReadOnlySpan<byte> C2paApplication => [11, (byte)'C', (byte)'2', (byte)'P', (byte)'A', (byte)'_', (byte)'G', (byte)'I', (byte)'F', 1, 0, 0];

    private readonly BufferedReader _reader;
    private readonly ContainerEntries _entries;

    private GifBlockReader(BufferedReader reader, ContainerEntries entries, bool is87a, long preambleEnd)
    {
        _reader = reader;
        _entries = entries;
        Is87a = is87a;
        PreambleEnd = preambleEnd;
    }

    /// <summary>Whether the header says GIF87a (which has no extensions: writing one makes the file GIF89a).</summary>
    public bool Is87a { get; }

    /// <summary>Where the header, logical screen descriptor and global color table end: where a new store goes.</summary>
    public long PreambleEnd { get; }

    /// <summary>
    /// A reader of <paramref name="stream"/>'s blocks, read from offset 0, positioned after the preamble, within
    /// <paramref name="options"/>' limits.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">No GIF header, or the preamble is cut off.</exception>
    public static GifBlockReader Open(Stream stream, AssetReadOptions options)
    {
        var reader = new BufferedReader(stream, FormatLayer.Gif);
        if (reader.Length < 13)
        {
            throw new ProvenanceFormatException(FormatLayer.Gif, 0, "the file is shorter than a GIF header and logical screen descriptor");
        }

        Span<byte> header = stackalloc byte[13];
        reader.ReadExactly(header);
        if (!GifFormat.Instance.TryDetect(header, out _))
        {
            throw new ProvenanceFormatException(FormatLayer.Gif, 0, "the file does not start with GIF87a or GIF89a");
        }

        // Logical screen descriptor, packed field (GIF89a §18): bit 7 says a global color table of 3 * 2^(n+1) bytes follows.
        byte packed = header[10];
        if ((packed & 0x80) != 0)
        {
            reader.Skip(3 << ((packed & 7) + 1));
        }

        return new GifBlockReader(reader, new ContainerEntries(FormatLayer.Gif, options, "blocks"), header[4] == (byte)'7', reader.Position);
    }

    /// <summary>The blocks up to and including the first image descriptor or the trailer, one at a time.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Thrown while enumerating: an unknown introducer, a block cut off, or more blocks than
    /// <see cref="AssetReadOptions.MaxContainerEntries"/>.
    /// </exception>
    public IEnumerable<GifBlock> Blocks(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            GifBlock block = Next();
            yield return block;
            if (block.Kind is GifBlockKind.Image or GifBlockKind.Trailer)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads the data of a C2PA block found earlier: its sub-blocks' contents, joined.</summary>
    public byte[] ReadData(GifBlock block)
    {
        byte[] data = new byte[block.DataLength];
        _reader.Seek(block.Offset + 14);
        int written = 0;
        for (int size = _reader.ReadByte(); size != 0; size = _reader.ReadByte())
        {
            _reader.ReadExactly(data.AsSpan(written, size));
            written += size;
        }

        return data;
    }

    private GifBlock Next()
    {
        long offset = _reader.Position;
        _entries.Add(offset);
        if (_reader.AtEnd)
        {
            throw new ProvenanceFormatException(FormatLayer.Gif, offset, "the file ends before the first image (truncated)");
        }

        switch (_reader.ReadByte())
        {
            case 0x2C:
                return new GifBlock(GifBlockKind.Image, offset, 1, 0);
            case 0x3B:
                return new GifBlock(GifBlockKind.Trailer, offset, 1, 0);
            case 0x21:
                return ReadExtension(offset);
            case byte other:
                throw new ProvenanceFormatException(FormatLayer.Gif, offset, $"0x{other:X2} is not a GIF block introducer (0x21, 0x2C or 0x3B)");
        }
    }

    // Every extension is a label and data sub-blocks (GIF89a §23-26; the fixed part of a graphic control, plain text or
    // application extension is itself the first sub-block), so unknown labels are stepped over the same way.
    private GifBlock ReadExtension(long offset)
    {
        if (_reader.AtEnd)
        {
            FormatErrors.ThrowUnexpectedEnd(FormatLayer.Gif, _reader.Position);
        }

        byte label = _reader.ReadByte();
        bool c2pa = false;
        if (label == 0xFF && _reader.Remaining >= 12)
        {
            Span<byte> application = stackalloc byte[12];
            _reader.ReadExactly(application);
            c2pa = application.SequenceEqual(C2paApplication);
            if (!c2pa)
            {
                // Not ours: walk it from its first sub-block.
                _reader.Seek(offset + 2);
            }
        }

        long dataLength = 0;
        while (true)
        {
            if (_reader.AtEnd)
            {
                throw new ProvenanceFormatException(FormatLayer.Gif, offset, "an extension block has no terminator (the file is cut off)");
            }

            byte size = _reader.ReadByte();
            if (size == 0)
            {
                break;
            }

            _reader.Skip(size);
            dataLength += size;
        }

        return new GifBlock(c2pa ? GifBlockKind.C2pa : GifBlockKind.Extension, offset, _reader.Position - offset, c2pa ? dataLength : 0);
    }
}
