namespace Provenance.Formats.Png;

/// <summary>PNG; the manifest store travels in a <c>caBX</c> chunk (C2PA 2.2 §A.3.2).</summary>
internal sealed class PngFormat : IAssetFormat
{
    internal static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The instance.</summary>
    public static PngFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "PNG";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["image/png"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["png"];

    /// <inheritdoc />
    public int HeaderSize => 8;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        return header.Length >= 8 && header[..8].SequenceEqual(Signature);
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new PngHandler();
}
