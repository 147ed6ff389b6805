namespace Provenance.Formats.Jpeg;

/// <summary>
/// Walks a JPEG's marker segments (ISO/IEC 10918-1 §B.1) without loading it: SOI, length-prefixed segments, scans with
/// their entropy-coded data up to the next marker that is not a restart or a stuffed byte, and EOI. Segments come one at
/// a time, so a caller keeps only those it needs, whatever their number.
/// </summary>
internal static class JpegSegmentReader
{
    /// <summary>The segments from SOI to EOI, in order, in a list (for signing, which plans around them).</summary>
    /// <exception cref="ProvenanceFormatException">Not a JPEG, a length past the end, or no EOI when <paramref name="requireEnd"/>.</exception>
    public static List<JpegSegment> Read(Stream stream, bool requireEnd, CancellationToken cancellationToken)
        => [.. Enumerate(stream, requireEnd, cancellationToken)];

    /// <summary>The segments from SOI to EOI, in order, one at a time.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Thrown while enumerating: not a JPEG, a length past the end, or no EOI when <paramref name="requireEnd"/>.
    /// </exception>
    public static IEnumerable<JpegSegment> Enumerate(Stream stream, bool requireEnd, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, FormatLayer.Jpeg);
        if (reader.Length < 4 || reader.ReadByte() != 0xFF || reader.ReadByte() != JpegSegment.Soi)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, 0, "the file does not start with the SOI marker FF D8");
        }

        yield return new(JpegSegment.Soi, 0, 2);
        while (!reader.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long offset = reader.Position;
            if (reader.ReadByte() != 0xFF)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, offset, "expected a marker (FF)");
            }

            byte marker = reader.ReadByte();
            while (marker == 0xFF)
            {
                // Fill bytes before a marker (ISO/IEC 10918-1 §B.1.1.2).
                offset = reader.Position - 1;
                marker = reader.ReadByte();
            }

            if (marker == JpegSegment.Eoi)
            {
                yield return new(marker, offset, 2);
                yield break;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                yield return new(marker, offset, 2);
                continue;
            }

            if (marker is 0x00 or JpegSegment.Soi)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, offset, $"marker FF {marker:X2} is not allowed here");
            }

            if (reader.Remaining < 2)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, offset, "segment length is cut off");
            }

            int length = reader.ReadUInt16BigEndian();
            if (length < 2)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, offset + 2, $"segment length {length} is less than 2");
            }

            reader.Skip(length - 2);
            if (marker != JpegSegment.Sos)
            {
                yield return new(marker, offset, 2 + length);
                continue;
            }

            SkipEntropyCodedData(reader);
            yield return new(marker, offset, reader.Position - offset);
        }

        if (requireEnd)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, reader.Position, "the file ends before the EOI marker (truncated)");
        }
    }

    /// <summary>Moves to the next marker after a scan: FF 00 is a stuffed byte and FF D0–D7 are restarts, both data.</summary>
    private static void SkipEntropyCodedData(BufferedReader reader)
    {
        while (!reader.AtEnd)
        {
            if (reader.ReadByte() != 0xFF)
            {
                continue;
            }

            byte next = reader.AtEnd ? (byte)0 : reader.ReadByte();
            while (next == 0xFF && !reader.AtEnd)
            {
                next = reader.ReadByte();
            }

            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                continue;
            }

            // A real marker: leave the reader on its FF so the segment loop reads it.
            reader.Seek(reader.Position - 2);
            return;
        }
    }
}
