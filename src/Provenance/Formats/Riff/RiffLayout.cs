using System.Text;

namespace Provenance.Formats.Riff;

/// <summary>
/// The structure of a RIFF file, read headers only: the outer <c>RIFF</c> chunk, its form type, its first child and
/// its top-level <c>C2PA</c> chunks. Reading walks every chunk, <c>LIST</c>s included, so a file whose sizes do not nest
/// (a child running past its parent), nest too deep, or hold too many chunks is refused before anything relies on it.
/// </summary>
internal sealed class RiffLayout
{
    private const int HeaderLength = 12;

    private readonly BufferedReader _reader;

    private RiffLayout(BufferedReader reader, RiffChunk riff, string formType, RiffChunk? first, IReadOnlyList<RiffChunk> stores)
    {
        _reader = reader;
        Riff = riff;
        FormType = formType;
        First = first;
        Stores = stores;
    }

    /// <summary>The outer <c>RIFF</c> chunk (later top-level chunks, an AVI's <c>AVIX</c> extensions, are not part of it).</summary>
    public RiffChunk Riff { get; }

    /// <summary>The form type: <c>WEBP</c>, <c>WAVE</c> or <c>AVI </c>.</summary>
    public string FormType { get; }

    /// <summary>The first chunk inside the RIFF chunk, or null when it is empty.</summary>
    public RiffChunk? First { get; }

    /// <summary>The <c>C2PA</c> chunks directly inside the RIFF chunk, where C2PA 2.2 §A.3.6 puts the store.</summary>
    public IReadOnlyList<RiffChunk> Stores { get; }

    /// <summary>Reads the structure of <paramref name="stream"/> from offset 0.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Not a RIFF file, or a malformed one: a size past its parent's end or the file's, an odd RIFF size, <c>LIST</c>s
    /// nested deeper than <see cref="AssetReadOptions.MaxBoxDepth"/>, or more than <see cref="AssetReadOptions.MaxContainerEntries"/>
    /// chunks.
    /// </exception>
    public static RiffLayout Read(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Riff);
        if (reader.Length < HeaderLength)
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, 0, "the file is shorter than a RIFF header");
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        reader.ReadExactly(header);
        if (!header[..4].SequenceEqual("RIFF"u8))
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, 0, "the file does not start with a RIFF chunk");
        }

        var riff = new RiffChunk("RIFF", 0, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
        if (riff.DataEnd > reader.Length)
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, 4, $"the RIFF chunk declares {riff.DataLength} bytes but the file holds {reader.Length - riff.DataOffset} after its header (truncated)");
        }

        if (riff.DataLength < 4 || (riff.DataLength & 1) != 0)
        {
            // Children are word-aligned, so an odd size means the last one lacks its pad byte: the end is not where the store can go.
            throw new ProvenanceFormatException(FormatLayer.Riff, 4, $"the RIFF chunk's size {riff.DataLength} is {(riff.DataLength < 4 ? "too small for a form type" : "odd (its last chunk lacks its pad byte)")}");
        }

        string formType = Encoding.Latin1.GetString(header[8..]);
        var walk = new Walk(reader, options.MaxBoxDepth, new ContainerEntries(FormatLayer.Riff, options, "chunks"), cancellationToken);
        walk.Run(riff);
        return new RiffLayout(reader, riff, formType, walk.First, walk.Stores);
    }

    /// <summary>
    /// Reads bytes of one chunk, <paramref name="offset"/> bytes into its data: the bounded child read of a flat format,
    /// which can never run into the next chunk.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The bytes run past the chunk's data.</exception>
    public void ReadData(RiffChunk chunk, long offset, Span<byte> destination)
    {
        if (offset < 0 || destination.Length > chunk.DataLength - offset)
        {
            throw new ProvenanceFormatException(FormatLayer.Riff, chunk.Offset, $"needs {destination.Length} bytes at {offset} of the {chunk.DataLength}-byte data of chunk '{chunk.Id}'");
        }

        _reader.Seek(chunk.DataOffset + offset);
        _reader.ReadExactly(destination);
    }

    /// <summary>One pass over every chunk header, <c>LIST</c>s entered with an explicit stack (never recursion).</summary>
    private sealed class Walk(BufferedReader reader, int maxDepth, ContainerEntries entries, CancellationToken cancellationToken)
    {
        private readonly byte[] _id = new byte[4];

        public RiffChunk? First { get; private set; }

        public List<RiffChunk> Stores { get; } = [];

        public void Run(RiffChunk riff)
        {
            // The ends of the open lists, the RIFF chunk's at the bottom: a child must fit in the list around it.
            var open = new Stack<long>();
            open.Push(riff.DataEnd);
            long position = riff.DataOffset + 4;
            while (open.Count > 0)
            {
                long end = open.Peek();
                if (position >= end)
                {
                    // The list is done; its own pad byte (an odd list) belongs to its parent.
                    open.Pop();
                    position = open.Count > 0 ? Math.Min(position + (position & 1), open.Peek()) : position;
                    continue;
                }

                RiffChunk chunk = ReadHeader(position, end);
                if (open.Count == 1)
                {
                    First ??= chunk;
                    if (chunk.Id == RiffHandler.ChunkId)
                    {
                        Stores.Add(chunk);
                    }
                }

                if (chunk.Id == "LIST")
                {
                    if (chunk.DataLength < 4)
                    {
                        throw new ProvenanceFormatException(FormatLayer.Riff, chunk.Offset, $"a LIST chunk of {chunk.DataLength} bytes has no room for its list type");
                    }

                    if (open.Count >= maxDepth)
                    {
                        FormatErrors.ThrowNestedTooDeep(FormatLayer.Riff, chunk.Offset, maxDepth);
                    }

                    open.Push(chunk.DataEnd);
                    position = chunk.DataOffset + 4;
                }
                else
                {
                    // The last child's pad byte may be left out when the list it ends is odd: the list's pad byte stands for it.
                    position = Math.Min(chunk.PaddedEnd, end);
                }
            }
        }

        private RiffChunk ReadHeader(long position, long end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            entries.Add(position);

            if (end - position < RiffChunk.HeaderLength)
            {
                throw new ProvenanceFormatException(FormatLayer.Riff, position, $"a chunk header is cut off ({end - position} bytes left in the list around it)");
            }

            reader.Seek(position);
            reader.ReadExactly(_id);
            var chunk = new RiffChunk(Encoding.Latin1.GetString(_id), position, ReadUInt32LittleEndian());
            if (chunk.DataEnd > end)
            {
                throw new ProvenanceFormatException(FormatLayer.Riff, position, $"chunk '{chunk.Id}' declares {chunk.DataLength} bytes but only {end - chunk.DataOffset} are left in the list around it");
            }

            return chunk;
        }

        private uint ReadUInt32LittleEndian() => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(reader.ReadUInt32BigEndian());
    }
}
