namespace Provenance.Formats.Jpeg;

/// <summary>JPEG (ISO/IEC 10918-1, JFIF/Exif); the manifest store travels in APP11 segments (C2PA 2.2 §A.3.1).</summary>
internal sealed class JpegFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static JpegFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "JPEG";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["image/jpeg"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["jpg", "jpeg", "jpe"];

    /// <inheritdoc />
    public int HeaderSize => 3;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        return header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF;
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new JpegHandler();
}
