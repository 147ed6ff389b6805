using System.Text;

namespace Provenance.Formats.Svg;

/// <summary>
/// A forward scan of an SVG document's markup (XML 1.0 §2-3, UTF-8) that finds, by byte offset, the root <c>svg</c>
/// start tag, the first <c>metadata</c> child and the <c>svg/metadata/c2pa:manifest</c> element, matching names as
/// c2pa-rs does (qualified names as written). It checks what it passes: every construct ends, end tags match, one
/// root. Entity references in the manifest's text, and markup inside it, are refused.
/// </summary>
internal static class SvgScanner
{
    private const int MaxDepth = 1024;
    private const string Root = "svg";
    private const string Metadata = "metadata";
    private const string Manifest = "c2pa:manifest";

    /// <exception cref="ProvenanceFormatException">The markup is malformed, cut off, or not an SVG document.</exception>
    public static SvgLayout Scan(ReadOnlySpan<byte> doc, CancellationToken cancellationToken)
    {
        if (doc.Length >= 2 && ((doc[0] == 0xFF && doc[1] == 0xFE) || (doc[0] == 0xFE && doc[1] == 0xFF)))
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, 0, "UTF-16 SVG documents are not read (only UTF-8)");
        }

        List<string> path = [];
        long rootClose = -1;
        bool declaresC2pa = false;
        bool rootClosed = false;
        long? metadata = null;
        SvgManifestElement? manifest = null;
        int i = doc.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int lt = doc[i..].IndexOf((byte)'<');
            if (lt < 0)
            {
                break;
            }

            i += lt;
            ReadOnlySpan<byte> rest = doc[i..];
            if (rest.StartsWith("<?"u8))
            {
                i += Through(doc, i, "?>"u8, "processing instruction");
            }
            else if (rest.StartsWith("<!--"u8))
            {
                i += Through(doc, i, "-->"u8, "comment");
            }
            else if (rest.StartsWith("<![CDATA["u8))
            {
                i += Through(doc, i, "]]>"u8, "CDATA section");
            }
            else if (rest.StartsWith("<!"u8))
            {
                int length = SvgFormat.DoctypeLength(rest);
                i += length > 0 ? length : throw new ProvenanceFormatException(FormatLayer.Svg, i, "a declaration does not end (the document is cut off)");
            }
            else if (rest.StartsWith("</"u8))
            {
                (string name, int close) = ReadName(doc, i + 2);
                int end = doc[close..].IndexOf((byte)'>');
                if (end < 0 || path.Count == 0 || path[^1] != name)
                {
                    throw new ProvenanceFormatException(FormatLayer.Svg, i, path.Count == 0 ? $"end tag </{name}> with no element open" : $"end tag </{name}> does not close <{path[^1]}>");
                }

                path.RemoveAt(path.Count - 1);
                rootClosed |= path.Count == 0;
                i = close + end + 1;
            }
            else
            {
                (string name, int close, bool empty, bool hasC2pa) = ReadStartTag(doc, i);
                if (path.Count == 0 && (rootClosed || name != Root || empty))
                {
                    throw new ProvenanceFormatException(FormatLayer.Svg, i, rootClosed ? "a second root element" : empty ? "the root svg element is empty" : $"the root element is <{name}>, not <svg>");
                }

                if (path.Count == 0)
                {
                    rootClose = close;
                    declaresC2pa = hasC2pa;
                }
                else if (path.Count == 1 && name == Metadata && !empty)
                {
                    metadata ??= close + 1;
                }
                else if (path.Count == 2 && path[1] == Metadata && name == Manifest && !empty)
                {
                    if (manifest is not null)
                    {
                        FormatErrors.ThrowSecondStore(FormatLayer.Svg, i, "c2pa:manifest element (C2PA manifest store)");
                    }

                    manifest = ReadManifest(doc, i, close + 1);
                    i = (int)manifest.Value.End;
                    continue;
                }

                if (!empty)
                {
                    if (path.Count == MaxDepth)
                    {
                        throw new ProvenanceFormatException(FormatLayer.Svg, i, $"elements nested deeper than {MaxDepth}");
                    }

                    path.Add(name);
                }

                i = close + 1;
            }
        }

        if (path.Count > 0 || rootClose < 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, doc.Length, rootClose < 0 ? "the document has no root element" : $"the document ends inside <{path[^1]}> (truncated)");
        }

        return new SvgLayout(rootClose, declaresC2pa, metadata, manifest);
    }

    // The manifest's content is plain base64 text up to its own end tag (as c2pa-rs writes and reads it).
    private static SvgManifestElement ReadManifest(ReadOnlySpan<byte> doc, int start, int contentStart)
    {
        int lt = doc[contentStart..].IndexOf((byte)'<');
        if (lt < 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, contentStart, "the c2pa:manifest element does not end (the document is cut off)");
        }

        int contentEnd = contentStart + lt;
        if (doc[contentStart..contentEnd].Contains((byte)'&'))
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, contentStart, "the c2pa:manifest element's text holds character references, not plain base64");
        }

        if (!doc[contentEnd..].StartsWith("</"u8))
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, contentEnd, "the c2pa:manifest element holds markup, not only base64 text");
        }

        (string name, int close) = ReadName(doc, contentEnd + 2);
        int end = doc[close..].IndexOf((byte)'>');
        if (name != Manifest || end < 0 || !IsBlank(doc[close..(close + end)]))
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, contentEnd, "the c2pa:manifest element is not closed by </c2pa:manifest>");
        }

        return new SvgManifestElement(start, contentStart, contentEnd, close + end + 1);
    }

    // A start tag: its name, the offset of its closing '>', whether it ends "/>", and whether it declares xmlns:c2pa.
    private static (string Name, int Close, bool Empty, bool DeclaresC2pa) ReadStartTag(ReadOnlySpan<byte> doc, int start)
    {
        (string name, int i) = ReadName(doc, start + 1);
        if (name.Length == 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Svg, start, "'<' is not followed by a name");
        }

        bool declaresC2pa = false;
        while (true)
        {
            while (i < doc.Length && SvgFormat.IsSpace(doc[i]))
            {
                i++;
            }

            if (i >= doc.Length)
            {
                throw new ProvenanceFormatException(FormatLayer.Svg, start, $"the <{name}> start tag does not end (the document is cut off)");
            }

            if (doc[i] == '>')
            {
                return (name, i, false, declaresC2pa);
            }

            if (doc[i] == '/' && i + 1 < doc.Length && doc[i + 1] == '>')
            {
                return (name, i + 1, true, declaresC2pa);
            }

            // An attribute: name = "value" or 'value' (XML 1.0 §3.1).
            (string attribute, int afterName) = ReadName(doc, i);
            int equals = afterName;
            while (equals < doc.Length && SvgFormat.IsSpace(doc[equals]))
            {
                equals++;
            }

            int quote = equals + 1;
            while (quote < doc.Length && SvgFormat.IsSpace(doc[quote]))
            {
                quote++;
            }

            if (attribute.Length == 0 || equals >= doc.Length || doc[equals] != '=' || quote >= doc.Length || doc[quote] is not ((byte)'"' or (byte)'\''))
            {
                throw new ProvenanceFormatException(FormatLayer.Svg, i, $"a malformed attribute in the <{name}> start tag");
            }

            int valueEnd = doc[(quote + 1)..].IndexOf(doc[quote]);
            if (valueEnd < 0)
            {
                throw new ProvenanceFormatException(FormatLayer.Svg, quote, $"an attribute value in the <{name}> start tag does not end");
            }

            declaresC2pa |= attribute == "xmlns:c2pa";
            i = quote + 1 + valueEnd + 1;
        }
    }

    // A name runs to white space, '>', '/', '=' or the end.
    private static (string Name, int End) ReadName(ReadOnlySpan<byte> doc, int start)
    {
        int end = start;
        while (end < doc.Length && !SvgFormat.IsSpace(doc[end]) && doc[end] is not ((byte)'>' or (byte)'/' or (byte)'=' or (byte)'<'))
        {
            end++;
        }

        return (Encoding.UTF8.GetString(doc[start..end]), end);
    }

    private static int Through(ReadOnlySpan<byte> doc, int start, ReadOnlySpan<byte> terminator, string what)
    {
        int at = doc[(start + 2)..].IndexOf(terminator);
        return at < 0
            ? throw new ProvenanceFormatException(FormatLayer.Svg, start, $"a {what} does not end (the document is cut off)")
            : at + 2 + terminator.Length;
    }

    private static bool IsBlank(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (!SvgFormat.IsSpace(b))
            {
                return false;
            }
        }

        return true;
    }
}
