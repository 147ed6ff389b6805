namespace Provenance.Formats.Tiff;

/// <summary>
/// The structure of a TIFF: its header and the main chain of IFDs, read with every count, offset and length checked
/// against the file before anything is allocated. The chain may not loop or run longer than <see cref="MaxIfds"/>, nor hold
/// more entries than <see cref="AssetReadOptions.MaxContainerEntries"/> (IFDs may overlap, so the file's size alone does
/// not bound the work); an
/// entry's value must lie in the file; sub-IFD pointers (SubIFDs, Exif, GPS, Interoperability) must point into it.
/// Image data is never read: signing copies it where it is.
/// </summary>
internal sealed class TiffLayout
{
    /// <summary>Most IFDs in the main chain (pages), as c2pa-rs allows.</summary>
    internal const int MaxIfds = 2000;

    /// <summary>Most sub-IFD pointers checked over the whole file (c2pa-rs's limit on sub-files).</summary>
    internal const int MaxSubIfdPointers = 1000;

    // SubIFDs (TIFF Technical Note 1), Exif IFD, GPS IFD (Exif 2.3 §4.6.3), Interoperability IFD.
    private static readonly HashSet<ushort> SubIfdTags = [330, 34665, 34853, 40965];

    private readonly BufferedReader _reader;

    private TiffLayout(BufferedReader reader, TiffHeader header, IReadOnlyList<TiffIfd> ifds)
    {
        _reader = reader;
        Header = header;
        Ifds = ifds;
    }

    /// <summary>The file header.</summary>
    public TiffHeader Header { get; }

    /// <summary>The main chain, IFD0 first.</summary>
    public IReadOnlyList<TiffIfd> Ifds { get; }

    /// <summary>The file's length.</summary>
    public long Length => _reader.Length;

    /// <summary>Reads the structure of <paramref name="stream"/> from offset 0.</summary>
    /// <exception cref="ProvenanceFormatException">Not a TIFF, or a malformed one (see the class remarks).</exception>
    public static TiffLayout Read(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Tiff);
        Span<byte> bytes = stackalloc byte[16];
        int read = (int)Math.Min(16, reader.Length);
        reader.ReadExactly(bytes[..read]);
        if (!TiffHeader.TryParse(bytes[..read], out TiffHeader header) || reader.Length < header.Length)
        {
            throw new ProvenanceFormatException(FormatLayer.Tiff, 0, "the file does not start with a TIFF or BigTIFF header");
        }

        var walk = new Walk(reader, header, new ContainerEntries(FormatLayer.Tiff, options, "IFD entries"), cancellationToken);
        return new TiffLayout(reader, header, walk.Chain());
    }

    /// <summary>Reads an entry's value (checked against the file when the chain was read).</summary>
    public byte[] ReadValue(TiffEntry entry)
    {
        byte[] value = new byte[entry.ValueLength];
        _reader.Seek(entry.ValueOffset);
        _reader.ReadExactly(value);
        return value;
    }

    private sealed class Walk(BufferedReader reader, TiffHeader header, ContainerEntries entryCount, CancellationToken cancellationToken)
    {
        private int _subIfdPointers;

        public List<TiffIfd> Chain()
        {
            var ifds = new List<TiffIfd>();
            var seen = new HashSet<long>();
            long offset = header.FirstIfdOffset;
            long pointer = header.FirstIfdPointer;
            while (offset != 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!seen.Add(offset))
                {
                    throw new ProvenanceFormatException(FormatLayer.Tiff, pointer, $"the IFD chain loops back to the IFD at {offset}");
                }

                if (ifds.Count == MaxIfds)
                {
                    throw new ProvenanceFormatException(FormatLayer.Tiff, pointer, $"the file has more than {MaxIfds} IFDs");
                }

                TiffIfd ifd = ReadIfd(offset, pointer);
                ifds.Add(ifd);
                pointer = ifd.NextPointer;
                offset = ifd.Next;
            }

            return ifds.Count > 0 ? ifds : throw new ProvenanceFormatException(FormatLayer.Tiff, header.FirstIfdPointer, "the file has no IFD");
        }

        private TiffIfd ReadIfd(long offset, long pointer)
        {
            if (offset < header.Length || offset > reader.Length - header.CountSize)
            {
                throw new ProvenanceFormatException(FormatLayer.Tiff, pointer, $"an IFD offset of {offset} is outside the file ({reader.Length} bytes)");
            }

            reader.Seek(offset);
            ulong count = ReadUnsigned(header.CountSize);
            if (count > (ulong)((reader.Length - offset - header.CountSize - header.OffsetSize) / header.EntrySize))
            {
                throw new ProvenanceFormatException(FormatLayer.Tiff, offset, $"an IFD of {count} entries runs past the end of the file");
            }

            entryCount.Add(offset, (long)count);

            var entries = new List<TiffEntry>((int)count);
            for (int i = 0; i < (int)count; i++)
            {
                entries.Add(ReadEntry(offset + header.CountSize + ((long)i * header.EntrySize)));
            }

            long nextPointer = offset + header.CountSize + ((long)count * header.EntrySize);
            reader.Seek(nextPointer);
            ulong next = ReadUnsigned(header.OffsetSize);
            if (next > long.MaxValue)
            {
                throw new ProvenanceFormatException(FormatLayer.Tiff, nextPointer, $"an IFD offset of {next} is outside the file ({reader.Length} bytes)");
            }

            foreach (TiffEntry entry in entries.Where(e => SubIfdTags.Contains(e.Tag)))
            {
                CheckSubIfdPointers(entry);
            }

            return new TiffIfd(offset, entries, nextPointer, (long)next, header.IfdLength((long)count));
        }

        private TiffEntry ReadEntry(long position)
        {
            reader.Seek(position);
            ushort tag = (ushort)ReadUnsigned(2);
            ushort type = (ushort)ReadUnsigned(2);
            ulong count = ReadUnsigned(header.OffsetSize);
            byte[] field = new byte[header.OffsetSize];
            reader.ReadExactly(field);
            int size = TiffEntry.SizeOf(type);
            if (size == 0)
            {
                // TIFF 6.0 §2: readers skip field types they do not know; the entry is copied as it is.
                return new TiffEntry(tag, type, (long)Math.Min(count, long.MaxValue), field, position + 4 + header.OffsetSize, -1);
            }

            if (count > (ulong)reader.Length)
            {
                throw new ProvenanceFormatException(FormatLayer.Tiff, position, $"tag {tag} declares {count} values, more than the file's {reader.Length} bytes could hold");
            }

            long length = (long)count * size;
            long valueOffset = position + 4 + header.OffsetSize;
            if (length > header.OffsetSize)
            {
                ulong offset = header.ReadUnsigned(field);
                if (offset > (ulong)reader.Length || length > reader.Length - (long)offset)
                {
                    throw new ProvenanceFormatException(FormatLayer.Tiff, position, $"tag {tag}'s {length}-byte value at offset {offset} runs past the end of the file ({reader.Length} bytes)");
                }

                valueOffset = (long)offset;
            }

            return new TiffEntry(tag, type, (long)count, field, valueOffset, length);
        }

        private void CheckSubIfdPointers(TiffEntry entry)
        {
            int size = entry.Type switch
            {
                4 or 13 => 4,
                16 or 18 => 8,
                _ => throw new ProvenanceFormatException(FormatLayer.Tiff, entry.ValueOffset, $"tag {entry.Tag} points to IFDs with field type {entry.Type}, not LONG or IFD"),
            };
            if ((_subIfdPointers += (int)entry.Count) > MaxSubIfdPointers)
            {
                throw new ProvenanceFormatException(FormatLayer.Tiff, entry.ValueOffset, $"the file points to more than {MaxSubIfdPointers} sub-IFDs");
            }

            Span<byte> value = stackalloc byte[8];
            for (long i = 0; i < entry.Count; i++)
            {
                reader.Seek(entry.ValueOffset + (i * size));
                reader.ReadExactly(value[..size]);
                ulong target = header.ReadUnsigned(value[..size]);
                if (target < (ulong)header.Length || target > (ulong)(reader.Length - header.IfdLength(0)))
                {
                    throw new ProvenanceFormatException(FormatLayer.Tiff, entry.ValueOffset + (i * size), $"tag {entry.Tag} points to an IFD at {target}, outside the file ({reader.Length} bytes)");
                }
            }
        }

        private ulong ReadUnsigned(int size)
        {
            Span<byte> bytes = stackalloc byte[8];
            reader.ReadExactly(bytes[..size]);
            return header.ReadUnsigned(bytes[..size]);
        }
    }
}
