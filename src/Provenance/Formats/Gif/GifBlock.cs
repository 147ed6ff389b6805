namespace Provenance.Formats.Gif;

/// <summary>What a GIF block is, as far as the manifest store is concerned.</summary>
internal enum GifBlockKind
{
    /// <summary>An extension that is not the C2PA application extension (graphic control, comment, other applications).</summary>
    Extension,

    /// <summary>The <c>C2PA_GIF</c> application extension (identifier <c>C2PA_GIF</c>, authentication code 01 00 00).</summary>
    C2pa,

    /// <summary>An image descriptor: the first one ends the part of the file where the store may sit.</summary>
    Image,

    /// <summary>The trailer (0x3B).</summary>
    Trailer,
}

/// <summary>One block after a GIF's logical screen descriptor and global color table (GIF89a §15-27).</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Offset">Offset of its introducer byte (0x21, 0x2C or 0x3B).</param>
/// <param name="Length">Its length up to and including its block terminator; for an image, only the introducer.</param>
/// <param name="DataLength">For the C2PA extension, the total length of its data sub-blocks (the store).</param>
internal readonly record struct GifBlock(GifBlockKind Kind, long Offset, long Length, long DataLength)
{
    public long End => Offset + Length;
}
