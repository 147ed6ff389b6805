namespace Provenance.Formats.Png;

/// <summary>One chunk of a PNG file.</summary>
/// <param name="Type">The four-letter chunk type.</param>
/// <param name="Offset">Offset of the chunk's length field.</param>
/// <param name="DataLength">Length of the chunk data (without length, type and CRC).</param>
internal readonly record struct PngChunk(string Type, long Offset, uint DataLength)
{
    /// <summary>Length, type, data and CRC.</summary>
    public long TotalLength => 12L + DataLength;

    public long End => Offset + TotalLength;

    public long DataOffset => Offset + 8;
}
