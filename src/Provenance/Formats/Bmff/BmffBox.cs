using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// One ISO BMFF box with, for containers, its children: the tree that signing rewrites (offset tables in <c>moov</c> and
/// <c>moof</c>). Verification streams <see cref="BmffBoxHeader"/> values instead, so its memory does not grow with the file.
/// </summary>
internal sealed class BmffBox
{
    public BmffBox(BmffBoxHeader header) => Header = header;

    public BmffBoxHeader Header { get; }

    public FourCC Type => Header.Type;

    /// <summary>Offset of the box's size field.</summary>
    public long Offset => Header.Offset;

    /// <summary>Whole box length, header included.</summary>
    public long Size => Header.Size;

    /// <summary>Header length: 8, 16 with a 64-bit size, plus 16 for a <c>uuid</c> box's extended type.</summary>
    public int HeaderSize => Header.HeaderSize;

    /// <summary>A <c>uuid</c> box with the C2PA extended type.</summary>
    public bool IsC2pa => Header.IsC2pa;

    /// <summary>Version and flags, for the full boxes whose children are read (meta) and those C2PA exclusions check.</summary>
    public (byte Version, uint Flags)? FullBox => Header.FullBox;

    public List<BmffBox> Children { get; } = [];

    public long End => Header.End;

    public long PayloadOffset => Header.PayloadOffset;
}
