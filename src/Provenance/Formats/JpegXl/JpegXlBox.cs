using Provenance.Jumbf;

namespace Provenance.Formats.JpegXl;

/// <summary>One top-level box of a JPEG XL container (ISO/IEC 18181-2 §3, boxes as in ISO/IEC 14496-12 §4.2).</summary>
/// <param name="Type">The box type.</param>
/// <param name="Offset">Offset of the box's size field.</param>
/// <param name="Size">Whole box length, header included (a size of 0 in the file is resolved to the end of the file).</param>
/// <param name="HeaderSize">8, or 16 with a 64-bit size.</param>
internal readonly record struct JpegXlBox(FourCC Type, long Offset, long Size, int HeaderSize)
{
    public long End => Offset + Size;

    public long PayloadOffset => Offset + HeaderSize;

    public long PayloadSize => Size - HeaderSize;
}
