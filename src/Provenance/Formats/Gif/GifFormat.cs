namespace Provenance.Formats.Gif;

/// <summary>GIF (GIF87a, GIF89a); the manifest store travels in a <c>C2PA_GIF</c> application extension (C2PA 2.2 §A.3.7).</summary>
internal sealed class GifFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static GifFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "GIF";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["image/gif"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["gif"];

    /// <inheritdoc />
    public int HeaderSize => 6;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        return header.Length >= 6 && (header[..6].SequenceEqual("GIF89a"u8) || header[..6].SequenceEqual("GIF87a"u8));
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new GifHandler();
}
