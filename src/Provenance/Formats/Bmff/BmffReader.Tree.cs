using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

internal sealed partial class BmffReader
{
    // Boxes whose payload is a sequence of boxes (ISO/IEC 14496-12, 14496-14, 23008-12); meta is handled apart.
    private static readonly HashSet<FourCC> Containers =
    [
        .. new[]
        {
            "moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "mvex", "moof", "traf", "mfra", "udta", "tref",
            "iprp", "ipco", "grpl", "sinf", "schi", "meco", "strk", "strd",
        }.Select(t => new FourCC(t)),
    ];

    // Full boxes (version + flags) whose version and flags matter to readers or C2PA exclusions.
    private static readonly HashSet<FourCC> FullBoxes =
        [.. new[] { "tfhd", "trun", "stco", "co64", "tfra", "mvhd", "tkhd", "mdhd", "iloc", "saio", "sidx" }.Select(t => new FourCC(t))];

    /// <summary>Whether the box's payload is a sequence of boxes.</summary>
    public static bool IsContainer(BmffBoxHeader box) => box.Type == BmffBoxTypes.Meta || Containers.Contains(box.Type);

    /// <summary>
    /// The boxes left at this level with their descendants, for signing, which rewrites offset tables inside them.
    /// Verification streams headers with <see cref="Boxes"/> instead.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A malformed box, or nesting past <paramref name="maxDepth"/>.</exception>
    public List<BmffBox> ReadTree(int maxDepth, CancellationToken cancellationToken)
    {
        var boxes = new List<BmffBox>();
        while (HasData)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BmffReader children = ReadBox(out BmffBoxHeader header);
            boxes.Add(ReadTree(children, header, 0, maxDepth, cancellationToken));
        }

        return boxes;
    }

    private static BmffBox ReadTree(BmffReader children, BmffBoxHeader header, int depth, int maxDepth, CancellationToken cancellationToken)
    {
        var box = new BmffBox(header);
        if (IsContainer(header))
        {
            if (depth >= maxDepth)
            {
                FormatErrors.ThrowNestedTooDeep(FormatLayer.Bmff, header.PayloadOffset, maxDepth);
            }

            while (children.HasData)
            {
                cancellationToken.ThrowIfCancellationRequested();
                BmffReader grandchildren = children.ReadBox(out BmffBoxHeader child);
                box.Children.Add(ReadTree(grandchildren, child, depth + 1, maxDepth, cancellationToken));
            }
        }

        return box;
    }
}
