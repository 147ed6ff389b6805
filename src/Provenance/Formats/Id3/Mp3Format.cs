namespace Provenance.Formats.Id3;

/// <summary>MP3 (MPEG-1/2 audio layer III); the manifest store travels in an ID3v2 <c>GEOB</c> frame (C2PA 2.2 §A.3.9).</summary>
internal sealed class Mp3Format : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static Mp3Format Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "MP3";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["audio/mpeg", "audio/mp3"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["mp3"];

    /// <inheritdoc />
    /// <remarks>As much as FLAC needs to see past an ID3 tag (a FLAC file may start with one too).</remarks>
    public int HeaderSize => FlacFormat.Instance.HeaderSize;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        if (Id3Tag.TryReadHeader(header, out _))
        {
            // What follows the tag decides: fLaC is FLAC's (when the tag is too long to see past, MP3 is assumed).
            return !FlacFormat.Instance.TryDetect(header, out _);
        }

        return IsFrameSync(header);
    }

    /// <summary>
    /// Whether <paramref name="bytes"/> start with an MPEG audio frame header (ISO/IEC 11172-3 §2.4.2.3): eleven sync
    /// bits, a version that is not reserved, and a layer that is not reserved (which also keeps ADTS AAC out).
    /// </summary>
    public static bool IsFrameSync(ReadOnlySpan<byte> bytes)
        => bytes.Length >= 2 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0 && ((bytes[1] >> 3) & 3) != 1 && ((bytes[1] >> 1) & 3) != 0;

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new Mp3Handler();
}
