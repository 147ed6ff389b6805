namespace Provenance.Formats.Tiff;

/// <summary>One IFD entry (TIFF 6.0 §2): tag, field type, count, and the value field exactly as the file holds it.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Type">The field type (1 BYTE ... 12 DOUBLE, 13 IFD; BigTIFF adds 16 LONG8, 17 SLONG8, 18 IFD8).</param>
/// <param name="Count">The number of values.</param>
/// <param name="Field">The value or offset field, 4 or 8 bytes in the file's byte order: copied as it is when the IFD is rewritten.</param>
/// <param name="ValueOffset">Where the value lies: the field itself when it fits there, else the offset the field holds.</param>
/// <param name="ValueLength">The value's length in bytes, or -1 for a field type TIFF does not define.</param>
internal sealed record TiffEntry(ushort Tag, ushort Type, long Count, byte[] Field, long ValueOffset, long ValueLength)
{
    /// <summary>The C2PA tag, 52545 (C2PA 2.2 §A.3.5), whose value is the manifest store.</summary>
    public const ushort C2paTag = 0xCD41;

    /// <summary>UNDEFINED: the C2PA tag's field type.</summary>
    public const ushort UndefinedType = 7;

    /// <summary>Bytes of one value of a field type, or 0 for a type TIFF and BigTIFF do not define.</summary>
    public static int SizeOf(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };
}

/// <summary>One image file directory of the main chain.</summary>
/// <param name="Offset">Where the IFD starts (its entry count).</param>
/// <param name="Entries">Its entries, in file order.</param>
/// <param name="NextPointer">Where its next-IFD offset sits.</param>
/// <param name="Next">The next IFD's offset, 0 at the end of the chain.</param>
/// <param name="Length">The IFD's length: count, entries and next-IFD offset.</param>
internal sealed record TiffIfd(long Offset, IReadOnlyList<TiffEntry> Entries, long NextPointer, long Next, long Length)
{
    /// <summary>The C2PA entry, or null.</summary>
    public TiffEntry? C2pa => Entries.FirstOrDefault(e => e.Tag == TiffEntry.C2paTag);

    /// <summary>Whether this IFD holds the C2PA entry and nothing else: the IFD a multi-page file's store gets (C2PA 2.4 §A.3.5).</summary>
    public bool IsC2paOnly => Entries.Count == 1 && Entries[0].Tag == TiffEntry.C2paTag;
}
