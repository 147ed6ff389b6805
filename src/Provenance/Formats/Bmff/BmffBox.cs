using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>One ISO BMFF box (ISO/IEC 14496-12 §4.2): where it is and, for containers, its children.</summary>
internal sealed class BmffBox
{
    public required FourCC Type { get; init; }

    /// <summary>Offset of the box's size field.</summary>
    public required long Offset { get; init; }

    /// <summary>Whole box length, header included.</summary>
    public required long Size { get; init; }

    /// <summary>Header length: 8, 16 with a 64-bit size, plus 16 for a <c>uuid</c> box's extended type.</summary>
    public required int HeaderSize { get; init; }

    /// <summary>The extended type of a <c>uuid</c> box.</summary>
    public byte[]? UserType { get; init; }

    /// <summary>Version and flags, for the full boxes whose children are read (meta) and those C2PA exclusions check.</summary>
    public (byte Version, uint Flags)? FullBox { get; set; }

    public List<BmffBox> Children { get; } = [];

    public long End => Offset + Size;

    public long PayloadOffset => Offset + HeaderSize;
}
