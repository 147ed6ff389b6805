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
    /// <remarks>
    /// Enough for the ID3 tag header; <see cref="AssetFormats.Detect(Stream, out string)"/> looks for the <c>fLaC</c>
    /// marker past a tag of any length.
    /// </remarks>
    public int HeaderSize => 64;

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
