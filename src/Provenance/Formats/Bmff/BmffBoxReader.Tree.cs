namespace Provenance.Formats.Bmff;

internal static partial class BmffBoxReader
{
    /// <summary>
    /// The top-level boxes with their descendants, for signing, which rewrites offset tables inside them. Verification
    /// streams headers with <see cref="EnumerateTopLevel"/> instead.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A size past the end, an overflowing size, or nesting past the limit.</exception>
    public static List<BmffBox> ReadTopLevel(Stream stream, int maxDepth, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Bmff);
        return [.. Enumerate(reader, 0, reader.Length, cancellationToken).Select(h => ReadTree(reader, h, 0, maxDepth, cancellationToken))];
    }

    /// <summary>One box with its descendants.</summary>
    public static BmffBox ReadTree(BufferedReader reader, BmffBoxHeader header, int depth, int maxDepth, CancellationToken cancellationToken)
    {
        var box = new BmffBox(header);
        if (IsContainer(header))
        {
            if (depth >= maxDepth)
            {
                FormatErrors.ThrowNestedTooDeep(FormatLayer.Bmff, header.PayloadOffset, maxDepth);
            }

            foreach (BmffBoxHeader child in Children(reader, header, cancellationToken))
            {
                box.Children.Add(ReadTree(reader, child, depth + 1, maxDepth, cancellationToken));
            }
        }

        return box;
    }
}
