using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// The header of one ISO BMFF box (ISO/IEC 14496-12 §4.2), as <see cref="BmffReader"/> streams them: a value, so that
/// walking a file of a million boxes allocates nothing per box.
/// </summary>
/// <param name="Type">The box type.</param>
/// <param name="Offset">Offset of the box's size field.</param>
/// <param name="Size">Whole box length, header included.</param>
/// <param name="HeaderSize">8, 16 with a 64-bit size, plus 16 for a <c>uuid</c> box's extended type.</param>
/// <param name="IsC2pa">A <c>uuid</c> box with the C2PA extended type (C2PA 2.2 §A.5.2).</param>
/// <param name="FullBox">Version and flags of the full boxes readers or C2PA exclusions look at.</param>
internal readonly record struct BmffBoxHeader(FourCC Type, long Offset, long Size, int HeaderSize, bool IsC2pa, (byte Version, uint Flags)? FullBox)
{
    public long End => Offset + Size;

    public long PayloadOffset => Offset + HeaderSize;
}

/// <summary>Box types the library looks for, compared as numbers (no string per box).</summary>
internal static class BmffBoxTypes
{
    public static readonly FourCC Ftyp = new("ftyp");
    public static readonly FourCC Moov = new("moov");
    public static readonly FourCC Moof = new("moof");
    public static readonly FourCC Mdat = new("mdat");
    public static readonly FourCC Meta = new("meta");
    public static readonly FourCC Uuid = new("uuid");
    public static readonly FourCC Free = new("free");
    public static readonly FourCC Skip = new("skip");
    public static readonly FourCC Trak = new("trak");
    public static readonly FourCC Tkhd = new("tkhd");
    public static readonly FourCC Iloc = new("iloc");
    public static readonly FourCC Stco = new("stco");
    public static readonly FourCC Co64 = new("co64");
    public static readonly FourCC Tfhd = new("tfhd");
    public static readonly FourCC Tfra = new("tfra");
}
