namespace Provenance.Formats.Riff;

/// <summary>One chunk of a RIFF file: its four-character id, where its header starts, and its declared data length.</summary>
/// <param name="Id">The chunk id (four characters, such as <c>fmt </c>, <c>LIST</c> or <c>C2PA</c>).</param>
/// <param name="Offset">Offset of the chunk's id.</param>
/// <param name="DataLength">The data length the header declares (the pad byte not counted).</param>
internal readonly record struct RiffChunk(string Id, long Offset, uint DataLength)
{
    /// <summary>The id and the little-endian size field.</summary>
    public const int HeaderLength = 8;

    /// <summary>Offset of the chunk's data.</summary>
    public long DataOffset => Offset + HeaderLength;

    /// <summary>Offset just past the data.</summary>
    public long DataEnd => DataOffset + DataLength;

    /// <summary>Where the next chunk starts: data of odd length is followed by a pad byte (RIFF: chunks are word-aligned).</summary>
    public long PaddedEnd => DataEnd + (DataLength & 1);
}
