namespace Provenance.Formats.Id3;

/// <summary>One frame of an ID3v2 tag (ID3v2.3 §3.3, ID3v2.4 structure §4).</summary>
/// <param name="Id">The frame identifier: four characters (three in ID3v2.2).</param>
/// <param name="Offset">Offset of the frame header.</param>
/// <param name="HeaderLength">10 bytes (6 in ID3v2.2).</param>
/// <param name="DataLength">Length of the frame's content after the header.</param>
/// <param name="Flags">The two flag bytes (zero in ID3v2.2).</param>
internal readonly record struct Id3Frame(string Id, long Offset, int HeaderLength, long DataLength, ushort Flags)
{
    public long DataOffset => Offset + HeaderLength;

    public long End => DataOffset + DataLength;
}
