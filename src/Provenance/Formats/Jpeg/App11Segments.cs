using System.Buffers.Binary;

namespace Provenance.Formats.Jpeg;

/// <summary>
/// Splits a JUMBF manifest store across APP11 segments and joins it back (ISO/IEC 19566-5 Annex D, C2PA 2.2 §A.3.1).
/// Each segment holds CI "JP", the box instance number En, the sequence number Z; continuation segments repeat the
/// store's LBox and TBox before the next slice.
/// </summary>
internal static class App11Segments
{
    /// <summary>Bytes of the store per segment, as c2pa-rs writes them (below the 65,517 the format allows).</summary>
    public const int ChunkSize = 64000;

    /// <summary>The box instance number Provenance writes (the one c2pa-rs uses, unlikely to collide).</summary>
    public const ushort InstanceNumber = 0x0211;

    private const int Marker = 2;
    private const int LengthField = 2;
    private const int CommonHeader = 8; // CI, En, Z
    private const int RepeatedBoxHeader = 8; // LBox, TBox

    /// <summary>The total length of the segments for a store of <paramref name="storeLength"/> bytes.</summary>
    public static long EncodedLength(long storeLength)
    {
        long segments = Math.Max(1, (storeLength + ChunkSize - 1) / ChunkSize);
        return storeLength + (segments * (Marker + LengthField + CommonHeader)) + ((segments - 1) * RepeatedBoxHeader);
    }

    /// <summary>The APP11 segments carrying <paramref name="store"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> store)
    {
        if (store.Length < 8)
        {
            throw new ArgumentException("A manifest store is at least one box header long.", nameof(store));
        }

        byte[] output = new byte[EncodedLength(store.Length)];
        int position = 0;
        uint sequence = 1;
        for (int offset = 0; offset < store.Length || sequence == 1; offset += ChunkSize, sequence++)
        {
            ReadOnlySpan<byte> chunk = store.Slice(offset, Math.Min(ChunkSize, store.Length - offset));
            bool continuation = sequence > 1;
            int segmentLength = LengthField + CommonHeader + (continuation ? RepeatedBoxHeader : 0) + chunk.Length;
            Span<byte> segment = output.AsSpan(position);
            segment[0] = 0xFF;
            segment[1] = JpegSegment.App11;
            BinaryPrimitives.WriteUInt16BigEndian(segment[2..], (ushort)segmentLength);
            segment[4] = (byte)'J';
            segment[5] = (byte)'P';
            BinaryPrimitives.WriteUInt16BigEndian(segment[6..], InstanceNumber);
            BinaryPrimitives.WriteUInt32BigEndian(segment[8..], sequence);
            int dataStart = 12;
            if (continuation)
            {
                store[..8].CopyTo(segment[12..]);
                dataStart += RepeatedBoxHeader;
            }

            chunk.CopyTo(segment[dataStart..]);
            position += Marker + segmentLength;
        }

        return output;
    }

    /// <summary>Whether an APP11 payload starts a C2PA store: a JUMBF superbox whose description type begins with "c2pa".</summary>
    public static bool StartsC2paStore(ReadOnlySpan<byte> payload)
        => payload.Length >= 28 && payload[0] == (byte)'J' && payload[1] == (byte)'P'
           && payload.Slice(12, 4).SequenceEqual("jumb"u8) && payload.Slice(20, 4).SequenceEqual("jumd"u8)
           && payload.Slice(24, 4).SequenceEqual("c2pa"u8);

    /// <summary>The box instance number of an APP11 payload.</summary>
    public static ushort InstanceOf(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);

    /// <summary>The sequence number of an APP11 payload.</summary>
    public static uint SequenceOf(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
}
