namespace Provenance.Formats.JpegXl;

/// <summary>
/// JPEG XL (ISO/IEC 18181): the container (ISO/IEC 18181-2), whose manifest store travels in a top-level <c>jumb</c> box
/// (C2PA 2.3 §A.3.9), and the bare codestream, which has no place for one.
/// </summary>
internal sealed class JpegXlFormat : IAssetFormat
{
    /// <summary>The signature box that starts every container: size 12, type <c>JXL </c>, payload 0D 0A 87 0A (ISO/IEC 18181-2 §3.2).</summary>
    internal static ReadOnlySpan<byte> ContainerSignature => [0, 0, 0, 12, (byte)'J', (byte)'X', (byte)'L', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A];

    /// <summary>The first two bytes of a bare codestream (ISO/IEC 18181-1 §9.1).</summary>
    internal static ReadOnlySpan<byte> CodestreamSignature => [0xFF, 0x0A];

    /// <summary>The instance.</summary>
    public static JpegXlFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "JPEG XL";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["image/jxl"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["jxl"];

    /// <inheritdoc />
    public int HeaderSize => 12;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        return header.StartsWith(ContainerSignature) || header.StartsWith(CodestreamSignature);
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new JpegXlHandler();
}
