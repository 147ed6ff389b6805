namespace Provenance;

/// <summary>
/// Thrown when the input is not malformed but of a format Provenance does not handle for the operation asked: a file
/// that is none of the supported formats, a HEIF image to sign whose items are located through a data reference, a
/// media segment verified without its init segment. <see cref="SupportedFormats"/> names what is handled instead.
/// </summary>
/// <remarks>
/// It derives from <see cref="ProvenanceFormatException"/> so that a <c>catch</c> of that type still sees it; catch this
/// type first to tell "not supported" (for example HTTP 415) from "corrupt" (HTTP 400).
/// </remarks>
public sealed class UnsupportedFormatException : ProvenanceFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="layer">The layer that recognised the input as unsupported (<see cref="FormatLayer.Asset"/> when no format matched).</param>
    /// <param name="offset">The byte offset of what decided it, or -1 if none.</param>
    /// <param name="message">What is not supported, and what to do instead.</param>
    /// <param name="supportedFormats">The formats that are handled for this operation, by name (<c>JPEG</c>, <c>PNG</c>...).</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public UnsupportedFormatException(FormatLayer layer, long offset, string message, IReadOnlyList<string> supportedFormats, Exception? innerException = null)
        : base(layer, offset, message, innerException)
    {
        ArgumentNullException.ThrowIfNull(supportedFormats);
        SupportedFormats = [.. supportedFormats];
    }

    /// <summary>The formats handled for the operation that was refused, by name: for example <c>JPEG</c>, <c>PNG</c>, <c>MP4/MOV/M4A</c>.</summary>
    public IReadOnlyList<string> SupportedFormats { get; }
}
