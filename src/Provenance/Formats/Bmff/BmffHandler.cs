using Provenance.Hashing;

namespace Provenance.Formats.Bmff;

/// <summary>Reads, embeds and removes C2PA manifest stores in ISO BMFF files (C2PA 2.2 §A.5).</summary>
internal sealed partial class BmffHandler : IAssetHandler, IXmpHandler
{
    /// <inheritdoc />
    public IAssetFormat Format => BmffFormat.Instance;

    /// <inheritdoc />
    public EmbeddedManifestStore? ReadManifestStore(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        EmbeddedManifestStore? found = null;
        IEnumerable<BmffBoxHeader> topLevel;
        try
        {
            topLevel = TopLevel(asset, options, cancellationToken);
        }
        catch (ProvenanceFormatException)
        {
            // A damaged file is streamed instead: damage after the store is tolerated below.
            topLevel = BmffReader.Open(asset, options).Boxes(cancellationToken);
        }

        using IEnumerator<BmffBoxHeader> boxes = topLevel.GetEnumerator();
        while (true)
        {
            try
            {
                if (!boxes.MoveNext())
                {
                    break;
                }
            }
            catch (ProvenanceFormatException) when (found is not null)
            {
                // Damage after the store (a cut-off mdat, a size past the end) is the hard binding's to report: the
                // manifest is still readable, and the verdict names the box that breaks the hash.
                break;
            }

            BmffBoxHeader box = boxes.Current;
            if (box.Type == BmffBoxTypes.Moov)
            {
                ThrowIfNestedTooDeep(asset, box, options, cancellationToken);
            }

            if (!box.IsC2pa)
            {
                continue;
            }

            (string purpose, byte[] store) = C2paUuidBox.Parse(box, asset, options.MaxManifestStoreSize);
            if (purpose != C2paUuidBox.ManifestPurpose)
            {
                continue;
            }

            if (found is not null)
            {
                FormatErrors.ThrowSecondStore(FormatLayer.Bmff, box.Offset, "C2PA manifest box");
            }

            found = new EmbeddedManifestStore(store, new ExclusionRange(box.Offset, box.Size));
        }

        return found;
    }

    // Players parse moov; a file whose moov nests deeper than any real one (c2pa-rs refuses 1,000 levels) is refused
    // here too, walking headers only (nothing kept, recursion bounded by the limit).
    private static void ThrowIfNestedTooDeep(Stream asset, BmffBoxHeader moov, AssetReadOptions options, CancellationToken cancellationToken)
    {
        int maxDepth = options.MaxBoxDepth;
        Walk(BmffReader.Open(asset, options).Children(moov), 1);

        void Walk(BmffReader children, int depth)
        {
            while (children.HasData)
            {
                cancellationToken.ThrowIfCancellationRequested();
                BmffReader grandchildren = children.ReadBox(out BmffBoxHeader child);
                if (depth >= maxDepth)
                {
                    FormatErrors.ThrowNestedTooDeep(FormatLayer.Bmff, child.Offset, maxDepth);
                }

                Walk(grandchildren, depth + 1);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="UnsupportedFormatException">An item the move shifts is located through a data reference (<see cref="BmffItemLocations"/>).</exception>
    public EmbeddingPlan PlanEmbedding(Stream input, int storeLength, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, new StorePiece(C2paUuidBox.HeaderLength + (long)storeLength), options, cancellationToken);

    /// <inheritdoc />
    public EmbeddingPlan PlanRemoval(Stream input, AssetReadOptions options, CancellationToken cancellationToken = default)
        => Plan(input, null, options, cancellationToken);

    /// <summary>
    /// Plans a copy of the input with a <c>free</c> box of <paramref name="bytes"/> bytes right after <c>ftyp</c> (and no
    /// C2PA box): room that a later signature fills in place, as an export tool would leave it.
    /// </summary>
    public EmbeddingPlan PlanReservation(Stream input, long bytes, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 8);
        return Plan(input, new LiteralPiece(FreeBox(bytes)), options, cancellationToken);
    }

    /// <summary>
    /// The run of C2PA, <c>free</c> and <c>skip</c> boxes right after <c>ftyp</c>: room a store can be written into
    /// without moving any other box. Returns its offset and length (0 when there is none).
    /// </summary>
    public (long Offset, long Length) FindReservedRoom(Stream asset, AssetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(options);
        long start = -1;
        long end = -1;
        foreach (BmffBoxHeader box in TopLevel(asset, options, cancellationToken))
        {
            if (start < 0)
            {
                if (box.Type != BmffBoxTypes.Ftyp)
                {
                    break;
                }

                start = end = box.End;
                continue;
            }

            if (!box.IsC2pa && box.Type != BmffBoxTypes.Free && box.Type != BmffBoxTypes.Skip)
            {
                break;
            }

            end = box.End;
        }

        return start >= 0 ? (start, end - start) : throw BmffErrors.NoFtyp();
    }

    /// <summary>A <c>free</c> box of exactly <paramref name="size"/> bytes (at least 8), its payload zero.</summary>
    internal static byte[] FreeBox(long size)
    {
        byte[] box = new byte[size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, checked((uint)size));
        "free"u8.CopyTo(box.AsSpan(4));
        return box;
    }

    /// <inheritdoc />
    public byte[] EncodeStore(ReadOnlySpan<byte> store) => C2paUuidBox.Encode(store);

    /// <summary>
    /// Plans a copy of a media segment with <paramref name="box"/> inserted right before its first <c>moof</c> (where a
    /// fragment's C2PA Merkle box goes, C2PA 2.2 §A.5.4.1.2), with absolute offsets rewritten.
    /// </summary>
    internal EmbeddingPlan PlanBeforeFirstMoof(Stream input, byte[] box, AssetReadOptions options, CancellationToken cancellationToken)
        => Plan(input, new LiteralPiece(box), options, cancellationToken, before: BmffBoxTypes.Moof);

    /// <summary>
    /// Drops existing C2PA boxes (or those <paramref name="drops"/> names), inserts <paramref name="inserted"/> right after <c>ftyp</c> (C2PA 2.2 §A.5.3: after
    /// ftyp, before moov and mdat; c2pa-rs puts it there in HEIF and AVIF too) or right before the first box of type
    /// <paramref name="before"/>, and rewrites the boxes holding absolute offsets (sample tables, fragments, item
    /// locations) so they still point at the same media bytes.
    /// </summary>
    private EmbeddingPlan Plan(Stream input, OutputPiece? inserted, AssetReadOptions options, CancellationToken cancellationToken, Jumbf.FourCC? before = null, Func<BmffBox, bool>? drops = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        List<BmffBox> boxes = Tree(input, options, cancellationToken);
        if (boxes.Count == 0 || (before is null && boxes[0].Type != BmffBoxTypes.Ftyp))
        {
            throw BmffErrors.NoFtyp();
        }

        BmffBox anchor = before is not { } beforeType
            ? boxes[0]
            : boxes.FirstOrDefault(b => b.Type == beforeType) ?? throw new ProvenanceFormatException(FormatLayer.Bmff, 0, $"the segment has no {beforeType} box");

        if (before is null && inserted is not null && anchor.HeaderSize == 8 && DeclaresSizeZero(input, anchor))
        {
            // Size 0: the box runs to the end of the file (ISO/IEC 14496-12 §4.2), so a box written after it would be
            // read as part of it. Found by fuzzing (fuzz/findings/bmff): the embedded store read back as nothing.
            throw new ProvenanceFormatException(FormatLayer.Bmff, anchor.Offset, "the ftyp box runs to the end of the file (size 0): nothing can follow it, not even a manifest store");
        }

        // Old offset → new offset: shifted by what is inserted before it and by the removed (C2PA) boxes before it.
        drops ??= C2paUuidBox.IsC2pa;
        var removed = boxes.Where(drops).ToList();
        long insertAt = before is null ? anchor.End : anchor.Offset;
        long insertedLength = inserted?.Length ?? 0;
        long Map(long offset)
        {
            long shift = offset >= insertAt ? insertedLength : 0;
            foreach (BmffBox box in removed)
            {
                if (box.End <= offset)
                {
                    shift -= box.Size;
                }
            }

            return offset + shift;
        }

        var pieces = new List<OutputPiece>();
        foreach (BmffBox box in boxes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (before is not null && ReferenceEquals(box, anchor) && inserted is not null)
            {
                pieces.Add(inserted);
            }

            if (!drops(box))
            {
                pieces.Add(BmffOffsetPatcher.NeedsPatching(box)
                    ? new LiteralPiece(BmffOffsetPatcher.Patch(box, input, Map))
                    : new InputPiece(box.Offset, box.Size));
            }

            if (before is null && box.Offset == 0 && inserted is not null)
            {
                pieces.Add(inserted);
            }
        }

        long end = boxes[^1].End;
        if (end < input.Length)
        {
            pieces.Add(new InputPiece(end, input.Length - end));
        }

        return new EmbeddingPlan(pieces);
    }

    private static bool DeclaresSizeZero(Stream input, BmffBox box)
    {
        Span<byte> size = stackalloc byte[4];
        input.Position = box.Offset;
        input.ReadExactly(size);
        return size.SequenceEqual(new byte[4]);
    }
}
