using Provenance.Hashing;

namespace Provenance.Formats.Jpeg;

/// <summary>
/// Picks the APP11 segments of the C2PA manifest store out of a JPEG's segments as they stream past (C2PA 2.2 §A.3.1):
/// the first segment of a JUMBF superbox labelled <c>c2pa</c>, then its continuations with the same box instance number,
/// in sequence and contiguous. When given a size limit it also joins the store's bytes; it keeps nothing else, so memory
/// does not depend on the number of segments. More than one store is an error (C2PA 2.2 §15.5.2.1).
/// </summary>
internal sealed class App11StoreReader(JpegSegmentReader segments, int? maxStoreSize)
{
    private readonly MemoryStream? _joined = maxStoreSize is null ? null : new MemoryStream();
    private long _start = -1;
    private long _end;
    private ushort _instance;
    private ulong _boxHeader;
    // A long: a first segment numbered uint.MaxValue (the field's largest) leaves no number for a continuation, which
    // then cannot match, instead of overflowing (found by fuzzing: fuzz/findings/verify).
    private long _expectedSequence;

    /// <summary>Whether the first segment of a store has been seen.</summary>
    public bool Found => _start >= 0;

    /// <summary>Looks at the next segment; returns whether it belongs to the store.</summary>
    /// <exception cref="ProvenanceFormatException">Out of sequence, not contiguous, a second store, or over the size limit.</exception>
    public bool Offer(JpegSegment segment)
    {
        if (segment.Marker != JpegSegment.App11 || segment.Length < 4 + 8)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[28];
        int headLength = (int)Math.Min(head.Length, segment.Length - 4);
        segments.ReadAt(segment, 4, head[..headLength]);
        ReadOnlySpan<byte> payload = head[..headLength];
        if (payload[0] != (byte)'J' || payload[1] != (byte)'P')
        {
            return false;
        }

        // A continuation repeats the store's LBox and TBox (ISO/IEC 19566-5 Annex D); a segment with the same instance
        // number that does not is another box, not part of the store (c2pa-rs skips such segments too). Found by
        // fuzzing (fuzz/findings/jpeg): a foreign JUMBF segment numbered as Provenance numbers its store made the
        // signed file unreadable.
        if (Found && App11Segments.InstanceOf(payload) == _instance && BoxHeaderOf(payload) == _boxHeader)
        {
            if (App11Segments.SequenceOf(payload) != _expectedSequence)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, segment.Offset, $"APP11 segment has sequence number {App11Segments.SequenceOf(payload)}, expected {_expectedSequence}");
            }

            if (_end != segment.Offset)
            {
                throw new ProvenanceFormatException(FormatLayer.Jpeg, segment.Offset, "the C2PA APP11 segments are not contiguous (C2PA 2.2 §A.3.1)");
            }

            _expectedSequence++;
        }
        else if (App11Segments.StartsC2paStore(payload))
        {
            if (Found)
            {
                FormatErrors.ThrowSecondStore(FormatLayer.Jpeg, segment.Offset, "C2PA manifest store");
            }

            _start = segment.Offset;
            _instance = App11Segments.InstanceOf(payload);
            _boxHeader = BoxHeaderOf(payload);
            _expectedSequence = (long)App11Segments.SequenceOf(payload) + 1;
        }
        else
        {
            return false;
        }

        Join(segment, continuation: _start != segment.Offset);
        _end = segment.End;
        return true;
    }

    /// <summary>The joined store and the range of its segments, or null when the file has none.</summary>
    public EmbeddedManifestStore? Finish()
        => Found && _joined is not null ? new EmbeddedManifestStore(_joined.ToArray(), new ExclusionRange(_start, _end - _start)) : null;

    /// <summary>The LBox and TBox after CI, En and Z (zero when the segment is too short to hold them).</summary>
    private static ulong BoxHeaderOf(ReadOnlySpan<byte> payload)
        => payload.Length >= 16 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(payload[8..]) : 0;

    private void Join(JpegSegment segment, bool continuation)
    {
        if (_joined is null)
        {
            return;
        }

        // First segment: the store starts after CI, En and Z; continuations also repeat LBox and TBox.
        int skip = continuation ? 16 : 8;
        long length = segment.Length - 4 - skip;
        if (length < 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Jpeg, segment.Offset, "APP11 continuation segment is shorter than its headers");
        }

        if (maxStoreSize is int limit && _joined.Length + length > limit)
        {
            FormatErrors.ThrowStoreTooLarge(FormatLayer.Jpeg, segment.Offset, limit);
        }

        byte[] bytes = new byte[length];
        segments.ReadAt(segment, 4 + skip, bytes);
        _joined.Write(bytes);
    }
}
