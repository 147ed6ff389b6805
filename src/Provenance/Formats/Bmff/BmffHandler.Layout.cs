namespace Provenance.Formats.Bmff;

/// <summary>
/// What this handler remembers of the assets it has walked, so that one verification or signing reads each asset's
/// boxes once however many of its steps ask (the store, the hash, the Merkle trees, the plan all start from them).
/// </summary>
/// <remarks>
/// A handler serves one operation (<see cref="IAssetFormat.CreateHandler"/>), and a stream it walked is known by its
/// identity and length; a stream that is written after it was walked must be read by a new handler. At most
/// <see cref="MaxRememberedBoxes"/> top-level headers are kept per asset: a file with more (a flood of tiny boxes) is
/// walked again each time, so memory stays flat whatever the file.
/// </remarks>
internal sealed partial class BmffHandler
{
    /// <summary>The most top-level headers remembered for one asset.</summary>
    internal const int MaxRememberedBoxes = 4096;

    // The two most recent assets: verifying a fragment walks its init segment and the media segment in turn.
    private readonly List<Walked> _walked = new(2);

    /// <summary>How many complete walks of top-level boxes this handler made (for tests).</summary>
    internal int TopLevelWalks { get; private set; }

    /// <summary>
    /// The top-level boxes of <paramref name="stream"/>: remembered after one complete walk, or streamed again when there
    /// are more than <see cref="MaxRememberedBoxes"/>.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A top-level box is malformed (nothing is remembered then).</exception>
    private IEnumerable<BmffBoxHeader> TopLevel(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
    {
        if (Remembered(stream) is { } walked)
        {
            return walked.TopLevel!;
        }

        var boxes = new List<BmffBoxHeader>();
        BmffReader reader = BmffReader.Open(stream, options);
        while (reader.HasData)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (boxes.Count == MaxRememberedBoxes)
            {
                return BmffReader.Open(stream, options).Boxes(cancellationToken);
            }

            boxes.Add(reader.Skip());
        }

        TopLevelWalks++;
        Remember(new Walked(stream, stream.Length, boxes, null, 0));
        return boxes;
    }

    /// <summary>The top-level boxes of <paramref name="stream"/> with their descendants (for planning), read once.</summary>
    /// <exception cref="ProvenanceFormatException">A box is malformed, or boxes nest deeper than <see cref="AssetReadOptions.MaxBoxDepth"/>.</exception>
    private List<BmffBox> Tree(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
    {
        int maxDepth = options.MaxBoxDepth;
        if (Remembered(stream) is { Tree: { } tree } walked && walked.TreeDepth == maxDepth)
        {
            return tree;
        }

        List<BmffBox> boxes = BmffReader.Open(stream, options).ReadTree(maxDepth, cancellationToken);
        TopLevelWalks++;
        Remember(new Walked(stream, stream.Length, boxes.Count <= MaxRememberedBoxes ? [.. boxes.Select(b => b.Header)] : null, boxes, maxDepth));
        return boxes;
    }

    private Walked? Remembered(Stream stream)
        => _walked.Find(w => ReferenceEquals(w.Stream, stream) && w.Length == stream.Length);

    private void Remember(Walked walked)
    {
        _walked.RemoveAll(w => ReferenceEquals(w.Stream, walked.Stream));
        if (walked.TopLevel is null)
        {
            return;
        }

        if (_walked.Count == 2)
        {
            _walked.RemoveAt(0);
        }

        _walked.Add(walked);
    }

    private sealed record Walked(Stream Stream, long Length, IReadOnlyList<BmffBoxHeader>? TopLevel, List<BmffBox>? Tree, int TreeDepth);
}
