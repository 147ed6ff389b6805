namespace Provenance.Formats.Tiff;

/// <summary>
/// TIFF and DNG, classic and BigTIFF, either byte order; the manifest store is the value of tag 0xCD41 (C2PA 2.2 §A.3.5).
/// </summary>
internal sealed class TiffFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static TiffFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "TIFF/DNG";

    /// <inheritdoc />
    /// <remarks>A DNG is a TIFF whose first IFD says so; its header alone does not, so detection names image/tiff.</remarks>
    public IReadOnlyList<string> MimeTypes { get; } = ["image/tiff", "image/x-adobe-dng", "image/dng"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["tif", "tiff", "dng"];

    /// <inheritdoc />
    public int HeaderSize => 8;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = header.Length >= 8 && TiffHeader.TryParse(header, out _) ? MimeTypes[0] : "";
        return mimeType.Length > 0;
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new TiffHandler();
}
