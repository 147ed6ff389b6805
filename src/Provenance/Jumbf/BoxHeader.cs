namespace Provenance.Jumbf;

/// <summary>
/// The header of one box in ISO BMFF framing (ISO/IEC 14496-12 §4.2, which JUMBF uses: ISO/IEC 19566-5 §A.2), with the
/// box's absolute offset in the data the outermost reader was given.
/// </summary>
/// <param name="Type">The box type.</param>
/// <param name="Offset">The absolute offset of the box's size field.</param>
/// <param name="Size">The whole box's length, header included.</param>
/// <param name="HeaderLength">8, or 16 with a 64-bit size.</param>
internal readonly record struct BoxHeader(FourCC Type, long Offset, long Size, int HeaderLength)
{
    /// <summary>The absolute offset just past the box.</summary>
    public long End => Offset + Size;

    /// <summary>The absolute offset of the payload.</summary>
    public long PayloadOffset => Offset + HeaderLength;

    /// <summary>The payload's length.</summary>
    public long PayloadLength => Size - HeaderLength;
}
