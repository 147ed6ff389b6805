using System.Text;

namespace Provenance.Formats.Png;

/// <summary>Walks a PNG's chunks (PNG §5.3) from the signature to IEND, reading headers only.</summary>
internal static class PngChunkReader
{
    /// <summary>The chunks in order.</summary>
    /// <exception cref="ProvenanceFormatException">Bad signature, a chunk past the end, IHDR not first, or no IEND when required.</exception>
    public static List<PngChunk> Read(Stream stream, bool requireEnd, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, "PNG");
        Span<byte> signature = stackalloc byte[8];
        if (reader.Length < 8)
        {
            throw new ProvenanceFormatException("PNG", 0, "the file is shorter than the PNG signature");
        }

        reader.ReadExactly(signature);
        if (!signature.SequenceEqual(PngFormat.Signature))
        {
            throw new ProvenanceFormatException("PNG", 0, "the file does not start with the PNG signature");
        }

        var chunks = new List<PngChunk>();
        Span<byte> type = stackalloc byte[4];
        while (!reader.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long offset = reader.Position;
            if (reader.Remaining < 12)
            {
                throw new ProvenanceFormatException("PNG", offset, "a chunk header is cut off");
            }

            uint length = reader.ReadUInt32BigEndian();
            reader.ReadExactly(type);
            if (length > int.MaxValue)
            {
                throw new ProvenanceFormatException("PNG", offset, $"chunk length {length} exceeds 2^31-1 (PNG §5.3)");
            }

            foreach (byte b in type)
            {
                if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'))
                {
                    throw new ProvenanceFormatException("PNG", offset + 4, "chunk type is not four ASCII letters");
                }
            }

            var chunk = new PngChunk(Encoding.ASCII.GetString(type), offset, length);
            if (chunks.Count == 0 && chunk.Type != "IHDR")
            {
                throw new ProvenanceFormatException("PNG", offset, $"the first chunk is {chunk.Type}, not IHDR");
            }

            reader.Skip(length + 4L);
            chunks.Add(chunk);
            if (chunk.Type == "IEND")
            {
                return chunks;
            }
        }

        if (requireEnd)
        {
            throw new ProvenanceFormatException("PNG", reader.Position, "the file ends before the IEND chunk (truncated)");
        }

        return chunks;
    }
}
