namespace Provenance.Formats.Tiff;

/// <summary>
/// What a TIFF plan appends after the input: word-alignment padding, rewritten IFDs, then the store, with every offset
/// worked out before the store exists (its length is all that is needed).
/// </summary>
internal sealed class TiffAppender(TiffHeader header, long start)
{
    private readonly List<byte[]> _ifds = [];
    private readonly List<(byte[] Ifd, int EntryIndex)> _storeEntries = [];
    private readonly int _padding = (int)((4 - (start % 4)) % 4);
    private long _end = start + ((4 - (start % 4)) % 4);

    /// <summary>
    /// Appends an IFD of <paramref name="entries"/> (sorted by tag, TIFF 6.0 §2) and, when <paramref name="storeLength"/>
    /// is given, the C2PA entry whose value is the store; returns the IFD's offset.
    /// </summary>
    public long AddIfd(IReadOnlyList<TiffEntry> entries, int? storeLength, long next)
    {
        var all = new List<(ushort Tag, ushort Type, long Count, byte[]? Field)>(entries.Select(e => (e.Tag, e.Type, e.Count, (byte[]?)e.Field)));
        if (storeLength is int length)
        {
            all.Add((TiffEntry.C2paTag, TiffEntry.UndefinedType, length, null));
        }

        all.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        if (!header.Big && all.Count > ushort.MaxValue)
        {
            throw new ProvenanceFormatException(FormatLayer.Tiff, -1, $"an IFD cannot hold {all.Count} entries");
        }

        long offset = _end;
        byte[] ifd = new byte[header.IfdLength(all.Count)];
        ThrowIfPastOffsets(offset + ifd.Length + (storeLength ?? 0));
        if (header.Big)
        {
            header.WriteOffset(ifd, all.Count);
        }
        else
        {
            header.WriteUInt16(ifd, (ushort)all.Count);
        }

        for (int i = 0; i < all.Count; i++)
        {
            Span<byte> entry = ifd.AsSpan(header.CountSize + (i * header.EntrySize), header.EntrySize);
            header.WriteUInt16(entry, all[i].Tag);
            header.WriteUInt16(entry[2..], all[i].Type);
            header.WriteOffset(entry[4..], all[i].Count);
            if (all[i].Field is { } field)
            {
                field.CopyTo(entry[(4 + header.OffsetSize)..]);
            }
            else
            {
                _storeEntries.Add((ifd, header.CountSize + (i * header.EntrySize) + 4 + header.OffsetSize));
            }
        }

        header.WriteOffset(ifd.AsSpan(ifd.Length - header.OffsetSize), next);
        _ifds.Add(ifd);
        _end += ifd.Length;
        return offset;
    }

    /// <summary>The padding, the IFDs (their C2PA entries pointing past them, at the store) and the store piece.</summary>
    public IEnumerable<OutputPiece> Pieces(int? storeLength)
    {
        ThrowIfPastOffsets(_end + (storeLength ?? 0));
        foreach ((byte[] ifd, int field) in _storeEntries)
        {
            header.WriteOffset(ifd.AsSpan(field), _end);
        }

        if (_ifds.Count == 0 && storeLength is null)
        {
            yield break;
        }

        if (_padding > 0)
        {
            yield return new LiteralPiece(new byte[_padding]);
        }

        foreach (byte[] ifd in _ifds)
        {
            yield return new LiteralPiece(ifd);
        }

        if (storeLength is int length)
        {
            yield return new StorePiece(length);
        }
    }

    // Offsets in a classic TIFF are 32-bit (TIFF 6.0 §2): an output that grows past 4 GiB needs BigTIFF.
    private void ThrowIfPastOffsets(long end)
    {
        if (!header.Big && end > uint.MaxValue)
        {
            throw new ProvenanceFormatException(FormatLayer.Tiff, -1, $"the output would be {end} bytes long, past the 4 GiB a classic TIFF's offsets reach");
        }
    }
}
