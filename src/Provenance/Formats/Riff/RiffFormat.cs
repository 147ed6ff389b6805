namespace Provenance.Formats.Riff;

/// <summary>
/// RIFF containers: WebP, WAV and AVI; the manifest store travels in a top-level <c>C2PA</c> chunk (C2PA 2.2 §A.3.6).
/// </summary>
internal sealed class RiffFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static RiffFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "WebP/WAV/AVI";

    /// <inheritdoc />
    /// <remarks>The MIME types c2pa-rs accepts for RIFF; detection names the one of the form it finds.</remarks>
    public IReadOnlyList<string> MimeTypes { get; } =
    [
        "image/webp", "audio/wav", "audio/wave", "audio/x-wav", "audio/vnd.wave",
        "video/avi", "video/msvideo", "video/x-msvideo", "application/x-troff-msvideo",
    ];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["webp", "wav", "avi"];

    /// <inheritdoc />
    public int HeaderSize => 12;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) ? MimeTypeOf(header[8..12]) ?? "" : "";
        return mimeType.Length > 0;
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new RiffHandler();

    /// <summary>The MIME type of a RIFF form type (the four bytes after the RIFF size), or null for a form not handled.</summary>
    internal static string? MimeTypeOf(ReadOnlySpan<byte> formType)
        => formType.SequenceEqual("WEBP"u8) ? "image/webp"
            : formType.SequenceEqual("WAVE"u8) ? "audio/wav"
            : formType.SequenceEqual("AVI "u8) ? "video/avi"
            : null;
}
