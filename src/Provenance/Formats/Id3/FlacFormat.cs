namespace Provenance.Formats.Id3;

/// <summary>
/// FLAC; as c2pa-rs writes it, the manifest store travels in an ID3v2 tag before the <c>fLaC</c> marker, in a
/// <c>GEOB</c> frame (as for MP3, C2PA 2.2 §A.3.9).
/// </summary>
internal sealed class FlacFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static FlacFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "FLAC";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["audio/flac", "audio/x-flac"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["flac"];

    /// <inheritdoc />
    /// <remarks>Enough to see the <c>fLaC</c> marker past an ID3 tag of up to 64 KiB.</remarks>
    public int HeaderSize => 64 * 1024;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        long start = Id3Tag.TryReadHeader(header, out long end) ? end : 0;
        return start + 4 <= header.Length && header.Slice((int)start, 4).SequenceEqual("fLaC"u8);
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new FlacHandler();
}
