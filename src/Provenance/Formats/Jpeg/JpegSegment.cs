namespace Provenance.Formats.Jpeg;

/// <summary>One marker segment of a JPEG file.</summary>
/// <param name="Marker">The marker byte (0xD8 SOI, 0xEB APP11, 0xDA SOS...).</param>
/// <param name="Offset">Offset of the segment's FF marker byte.</param>
/// <param name="Length">Bytes from the marker to the end of the segment (for SOS, including the entropy-coded data).</param>
internal readonly record struct JpegSegment(byte Marker, long Offset, long Length)
{
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte App0 = 0xE0;
    public const byte App11 = 0xEB;

    public long End => Offset + Length;

    /// <summary>Offset of the payload (after marker and the two-byte length).</summary>
    public long PayloadOffset => Offset + 4;
}
