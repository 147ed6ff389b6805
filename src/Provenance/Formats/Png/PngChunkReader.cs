using System.Text;

namespace Provenance.Formats.Png;

/// <summary>Walks a PNG's chunks (PNG §5.3) from the signature to IEND, reading headers only, one chunk at a time.</summary>
internal static class PngChunkReader
{
    /// <summary>The chunks in order, in a list (for signing, which plans around them).</summary>
    /// <exception cref="ProvenanceFormatException">Bad signature, a chunk past the end, IHDR not first, or no IEND when required.</exception>
    public static List<PngChunk> Read(Stream stream, bool requireEnd, CancellationToken cancellationToken)
        => [.. Enumerate(stream, requireEnd, cancellationToken)];

    /// <summary>The chunks in order, one at a time.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Thrown while enumerating: bad signature, a chunk past the end, IHDR not first, or no IEND when required.
    /// </exception>
    public static IEnumerable<PngChunk> Enumerate(Stream stream, bool requireEnd, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Png);
        byte[] signature = new byte[8];
        if (reader.Length < 8)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, 0, "the file is shorter than the PNG signature");
        }

        reader.ReadExactly(signature);
        if (!signature.AsSpan().SequenceEqual(PngFormat.Signature))
        {
            throw new ProvenanceFormatException(FormatLayer.Png, 0, "the file does not start with the PNG signature");
        }

        bool first = true;
        byte[] type = new byte[4];
        while (!reader.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long offset = reader.Position;
            if (reader.Remaining < 12)
            {
                throw new ProvenanceFormatException(FormatLayer.Png, offset, "a chunk header is cut off");
            }

            uint length = reader.ReadUInt32BigEndian();
            reader.ReadExactly(type);
            if (length > int.MaxValue)
            {
                throw new ProvenanceFormatException(FormatLayer.Png, offset, $"chunk length {length} exceeds 2^31-1 (PNG §5.3)");
            }

            foreach (byte b in type)
            {
                if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'))
                {
                    throw new ProvenanceFormatException(FormatLayer.Png, offset + 4, "chunk type is not four ASCII letters");
                }
            }

            var chunk = new PngChunk(Encoding.ASCII.GetString(type), offset, length);
            if (first && chunk.Type != "IHDR")
            {
                throw new ProvenanceFormatException(FormatLayer.Png, offset, $"the first chunk is {chunk.Type}, not IHDR");
            }

            reader.Skip(length + 4L);
            first = false;
            yield return chunk;
            if (chunk.Type == "IEND")
            {
                yield break;
            }
        }

        if (requireEnd)
        {
            throw new ProvenanceFormatException(FormatLayer.Png, reader.Position, "the file ends before the IEND chunk (truncated)");
        }
    }
}
