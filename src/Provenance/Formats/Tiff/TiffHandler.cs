using Provenance.Hashing;

namespace Provenance.Formats.Tiff;

/// <summary>
/// Reads, embeds and removes C2PA manifest stores in TIFF and DNG files: the store is the value of tag 0xCD41 (type
/// UNDEFINED) in IFD0 of a single-page file, or in an IFD of its own at the end of the chain of a multi-page one
/// (C2PA 2.4 §A.3.5), laid out as c2pa-rs does: the input is kept byte for byte, a rewritten IFD and the store are
/// appended, and only IFD offsets in the input change. The data hash excludes the store alone: the offsets, the new IFD
/// and its count field are known before the store is written, so they are hashed.
/// </summary>
internal sealed class TiffHandler : IAssetHandler
{
    /// <inheritdoc />
    public IAssetFormat Format => TiffFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        TiffLayout layout = TiffLayout.Read(asset, options, cancellationToken);
        if (FindStore(layout) is not { } entry)
        {
            return null;
        }

        if (entry.ValueLength > options.MaxManifestStoreSize)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Tiff, entry.ValueOffset, options.MaxManifestStoreSize);
        }

        return new EmbeddedManifestStore(layout.ReadValue(entry), new ExclusionRange(entry.ValueOffset, entry.ValueLength));
    }

    /// <inheritdoc />
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        // A value of 8 bytes or fewer would sit in the entry itself, not where the data hash can exclude it.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(storeLength, 8);
        return Plan(input, storeLength, options, cancellationToken);
    }

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The store is the tag's value as it is: the IFD entry that frames it is part of the plan.</remarks>
    public byte[] EncodeStore(ReadOnlySpan<byte> store) => store.ToArray();

    /// <summary>
    /// The C2PA entry: in the last IFD, else in IFD0 (as c2pa-rs looks, for files written before C2PA 2.4). One in any
    /// other IFD, or a second one, is refused.
    /// </summary>
    private static TiffEntry? FindStore(TiffLayout layout)
    {
        List<(int Index, TiffEntry Entry)> found = [.. layout.Ifds.Select((ifd, i) => (i, ifd.C2pa)).Where(p => p.C2pa is not null).Select(p => (p.i, p.C2pa!))];
        if (found.Count == 0)
        {
            return null;
        }

        if (found.Count > 1)
        {
            FormatErrors.ThrowSecondStore(FormatLayer.Tiff, layout.Ifds[found[1].Index].Offset, "C2PA tag (C2PA manifest store)");
        }

        (int index, TiffEntry entry) = found[0];
        if (index != 0 && index != layout.Ifds.Count - 1)
        {
            throw new ProvenanceFormatException(FormatLayer.Tiff, layout.Ifds[index].Offset, $"the C2PA tag is in IFD {index}, neither the first nor the last");
        }

        if (entry.Type != TiffEntry.UndefinedType || entry.ValueLength <= layout.Header.OffsetSize)
        {
            throw new ProvenanceFormatException(FormatLayer.Tiff, layout.Ifds[index].Offset, $"the C2PA tag must be UNDEFINED (7) data longer than its entry's value field, not type {entry.Type} with {entry.Count} values");
        }

        return entry;
    }

    private static EmbeddingPlan Plan(Stream input, int? storeLength, AssetReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        TiffLayout layout = TiffLayout.Read(input, options, cancellationToken);
        TiffHeader header = layout.Header;
        TiffEntry? old = FindStore(layout);
        IReadOnlyList<TiffIfd> ifds = layout.Ifds;
        int pages = ifds.Count > 1 && ifds[^1].IsC2paOnly ? ifds.Count - 1 : ifds.Count;

        if (pages > 1 && ifds[pages - 1].C2pa is not null)
        {
            throw new ProvenanceFormatException(FormatLayer.Tiff, ifds[pages - 1].Offset, "the C2PA tag shares the last page's IFD with its image tags; a multi-page file's store needs an IFD of its own (C2PA 2.4 §A.3.5)");
        }

        long kept = Kept(layout, old);
        var appended = new TiffAppender(header, kept);
        var patches = new SortedDictionary<long, byte[]>();
        if (pages == 1)
        {
            // A single page: IFD0 again, with the C2PA entry (C2PA 2.4 §A.3.5), and without a C2PA-only IFD after it.
            TiffIfd first = ifds[0];
            List<TiffEntry> entries = [.. first.Entries.Where(e => e.Tag != TiffEntry.C2paTag)];
            if (storeLength is not null || first.C2pa is not null)
            {
                patches[header.FirstIfdPointer] = header.EncodeOffset(appended.AddIfd(entries, storeLength, pages < ifds.Count ? 0 : first.Next));
            }
            else if (pages < ifds.Count)
            {
                patches[first.NextPointer] = header.EncodeOffset(0);
            }
        }
        else
        {
            // Several pages: the store gets an IFD of its own at the end of the chain; a C2PA entry in IFD0 is taken out.
            if (ifds[0].C2pa is not null)
            {
                patches[header.FirstIfdPointer] = header.EncodeOffset(appended.AddIfd([.. ifds[0].Entries.Where(e => e.Tag != TiffEntry.C2paTag)], null, ifds[0].Next));
            }

            TiffIfd last = ifds[pages - 1];
            if (storeLength is not null)
            {
                patches[last.NextPointer] = header.EncodeOffset(appended.AddIfd([], storeLength, 0));
            }
            else if (pages < ifds.Count)
            {
                patches[last.NextPointer] = header.EncodeOffset(0);
            }
        }

        var plan = new PlanBuilder();
        foreach ((long offset, byte[] bytes) in patches)
        {
            plan.CopyTo(offset);
            plan.Insert(new LiteralPiece(bytes));
            plan.SkipTo(offset + bytes.Length);
        }

        plan.CopyTo(kept);
        plan.SkipTo(layout.Length);
        foreach (OutputPiece piece in appended.Pieces(storeLength))
        {
            plan.Insert(piece);
        }

        return plan.Finish(layout.Length);
    }

    /// <summary>
    /// How much of the input the output keeps: all of it, unless an old store ends the file (where c2pa-rs and Provenance
    /// put it), which is cut off with the IFD right before it that held it (that IFD leaves the chain either way). Bytes
    /// that anything else points into are never cut; an old store elsewhere stays, unreferenced.
    /// </summary>
    private static long Kept(TiffLayout layout, TiffEntry? old)
    {
        if (old is null || old.ValueOffset + old.ValueLength != layout.Length || !Unused(layout, old.ValueOffset, layout.Length, old, null))
        {
            return layout.Length;
        }

        TiffIfd holder = layout.Ifds.First(ifd => ifd.Entries.Contains(old));
        return holder.Offset + holder.Length == old.ValueOffset && Unused(layout, holder.Offset, old.ValueOffset, old, holder) ? holder.Offset : old.ValueOffset;
    }

    // Whether no IFD of the chain but one, and no value stored out of its entry but one, lies in [start, end).
    private static bool Unused(TiffLayout layout, long start, long end, TiffEntry exceptEntry, TiffIfd? exceptIfd)
    {
        int fieldSize = layout.Header.OffsetSize;
        return layout.Ifds.All(ifd => ReferenceEquals(ifd, exceptIfd) || ifd.Offset + ifd.Length <= start || ifd.Offset >= end)
            && layout.Ifds.SelectMany(ifd => ifd.Entries).All(e => ReferenceEquals(e, exceptEntry) || e.ValueLength <= fieldSize || e.ValueOffset + e.ValueLength <= start || e.ValueOffset >= end);
    }
}
