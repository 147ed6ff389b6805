using System.Text;

namespace Provenance.Formats.Png;

/// <summary>
/// A forward reader over a PNG's chunks (PNG §5.3) from the signature to IEND, reading headers only, in the shape of the
/// box readers (<see cref="Jumbf.BoxReader"/>, <see cref="Bmff.BmffReader"/>): <see cref="PeekChunk"/> looks at the
/// next chunk, <see cref="Skip"/> steps over it, <see cref="ReadAt"/> reads inside one chunk and never past it. Offsets
/// are absolute; chunks come one at a time, whatever their number.
/// </summary>
internal sealed class PngChunkReader
{
    private readonly BufferedReader _reader;
    private readonly ContainerEntries _entries;
    private readonly byte[] _type = new byte[4];
    private long _position = 8;
    private bool _first = true;

    private PngChunkReader(BufferedReader reader, ContainerEntries entries)
    {
        _reader = reader;
        _entries = entries;
    }

    /// <summary>Whether another chunk follows (none after IEND).</summary>
    public bool HasData => !ReachedEnd && _position < _reader.Length;

    /// <summary>Whether the IEND chunk has been read.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>A reader of the chunks of <paramref name="stream"/>, read from offset 0, within <paramref name="options"/>' limits.</summary>
    /// <exception cref="ProvenanceFormatException">The stream does not start with the PNG signature.</exception>
    public static PngChunkReader Open(Stream stream, AssetReadOptions options)
    {
        var reader = new BufferedReader(stream, FormatLayer.Png);
        if (reader.Length < 8)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, 0, "the file is shorter than the PNG signature");
        }

        Span<byte> signature = stackalloc byte[8];
        reader.ReadExactly(signature);
        if (!signature.SequenceEqual(PngFormat.Signature))
        {
            throw new ProvenanceFormatException(FormatLayer.Png, 0, "the file does not start with the PNG signature");
        }

        return new PngChunkReader(reader, new ContainerEntries(FormatLayer.Png, options, "chunks"));
    }

    /// <summary>The chunks left, in order, one at a time.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Thrown while enumerating: a chunk past the end, IHDR not first, or no IEND when <paramref name="requireEnd"/>.
    /// </exception>
    public IEnumerable<PngChunk> Chunks(bool requireEnd, CancellationToken cancellationToken)
    {
        while (HasData)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Skip();
        }

        if (requireEnd && !ReachedEnd)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, _position, "the file ends before the IEND chunk (truncated)");
        }
    }

    /// <summary>Steps over the next chunk and returns it.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// As <see cref="PeekChunk"/>, the chunk runs past the end of the file, or it is one more than
    /// <see cref="AssetReadOptions.MaxContainerEntries"/>.
    /// </exception>
    public PngChunk Skip()
    {
        _entries.Add(_position);
        PngChunk chunk = PeekChunk();
        _reader.Seek(chunk.DataOffset);
        _reader.Skip(chunk.DataLength + 4L);
        _position = chunk.End;
        _first = false;
        ReachedEnd = chunk.Type == "IEND";
        return chunk;
    }

    /// <summary>The next chunk's header, without moving past it.</summary>
    /// <exception cref="ProvenanceFormatException">A cut-off header, an oversized length, a type that is not four letters, or IHDR not first.</exception>
    public PngChunk PeekChunk()
    {
        long offset = _position;
        _reader.Seek(offset);
        if (_reader.Remaining < 12)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, offset, "a chunk header is cut off");
        }

        uint length = _reader.ReadUInt32BigEndian();
        _reader.ReadExactly(_type);
        if (length > int.MaxValue)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, offset, $"chunk length {length} exceeds 2^31-1 (PNG §5.3)");
        }

        foreach (byte b in _type)
        {
            if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'))
            {
                throw new ProvenanceFormatException(FormatLayer.Png, offset + 4, "chunk type is not four ASCII letters");
            }
        }

        var chunk = new PngChunk(Encoding.ASCII.GetString(_type), offset, length);
        if (_first && chunk.Type != "IHDR")
        {
            throw new ProvenanceFormatException(FormatLayer.Png, offset, $"the first chunk is {chunk.Type}, not IHDR");
        }

        return chunk;
    }

    /// <summary>
    /// Reads bytes of one chunk read earlier, <paramref name="offset"/> bytes from its length field: the bounded child
    /// read of a flat format, which can never run into the next chunk.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The bytes run past the chunk's end.</exception>
    public void ReadAt(PngChunk chunk, long offset, Span<byte> destination)
    {
        if (offset < 0 || destination.Length > chunk.TotalLength - offset)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, chunk.Offset, $"needs {destination.Length} bytes at {offset} of a {chunk.TotalLength}-byte chunk");
        }

        _reader.Seek(chunk.Offset + offset);
        _reader.ReadExactly(destination);
    }
}
