namespace Provenance.Formats.Svg;

/// <summary>
/// SVG; the manifest store travels base64-encoded in a <c>c2pa:manifest</c> element inside the root's <c>metadata</c>
/// element, as c2pa-rs writes it. Detected from content: an optional XML declaration, comments, processing
/// instructions and a document type, then a root element named <c>svg</c>.
/// </summary>
internal sealed class SvgFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static SvgFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "SVG";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["image/svg+xml", "application/svg+xml"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["svg"];

    /// <inheritdoc />
    /// <remarks>How far the root element is looked for: past the prolog, a long comment or document type included.</remarks>
    public int HeaderSize => 4096;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        int i = header.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (true)
        {
            while (i < header.Length && IsSpace(header[i]))
            {
                i++;
            }

            ReadOnlySpan<byte> rest = header[i..];
            int skip = rest.StartsWith("<?"u8) ? End(rest, "?>"u8)
                : rest.StartsWith("<!--"u8) ? End(rest, "-->"u8)
                : rest.StartsWith("<!DOCTYPE"u8) ? DoctypeLength(rest)
                : 0;
            if (skip < 0)
            {
                return false;
            }

            if (skip == 0)
            {
                return rest.Length > 4 && rest.StartsWith("<svg"u8) && (IsSpace(rest[4]) || rest[4] is (byte)'>' or (byte)'/');
            }

            i += skip;
        }
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new SvgHandler();

    internal static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>
    /// The length of the document type declaration that starts <paramref name="text"/>, up to and including its
    /// closing '&gt;' (an internal subset in brackets and quoted strings may hold '&gt;'), or -1 when it does not end.
    /// </summary>
    internal static int DoctypeLength(ReadOnlySpan<byte> text)
    {
        byte quote = 0;
        int brackets = 0;
        for (int i = 2; i < text.Length; i++)
        {
            byte b = text[i];
            if (quote != 0)
            {
                quote = b == quote ? (byte)0 : quote;
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == '[')
            {
                brackets++;
            }
            else if (b == ']')
            {
                brackets--;
            }
            else if (b == '>' && brackets <= 0)
            {
                return i + 1;
            }
        }

        return -1;
    }

    // The length up to and including the terminator, or -1 when it is not in view.
    private static int End(ReadOnlySpan<byte> text, ReadOnlySpan<byte> terminator)
    {
        int at = text.IndexOf(terminator);
        return at < 0 ? -1 : at + terminator.Length;
    }
}
