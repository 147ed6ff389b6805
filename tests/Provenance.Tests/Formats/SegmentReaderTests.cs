using Provenance.Formats;
using Provenance.Formats.Jpeg;
using Provenance.Formats.Png;

namespace Provenance.Tests.Formats;

/// <summary>JPEG segments and PNG chunks are read in the box readers' shape: peek, skip, and reads bounded to one segment.</summary>
public class SegmentReaderTests
{
    [Fact]
    public void JpegSegmentReader_PeekThenSkip_SameSegmentAndReadsStayInside()
    {
        using FileStream file = File.OpenRead(TestPaths.Fixture("no_manifest.jpg"));
        JpegSegmentReader reader = JpegSegmentReader.Open(file, AssetReadOptions.Default);

        Assert.Equal(JpegSegment.Soi, reader.Skip().Marker);
        JpegSegment peeked = reader.PeekSegment();
        JpegSegment segment = reader.Skip();
        byte[] marker = new byte[2];
        reader.ReadAt(segment, 0, marker);

        Assert.Equal(peeked, segment);
        Assert.Equal(2, segment.Offset);
        Assert.Equal([0xFF, segment.Marker], marker);
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => reader.ReadAt(segment, segment.Length - 2, new byte[4]));
        Assert.Equal((FormatLayer.Jpeg, 2L), (ex.Layer, ex.Offset));
    }

    [Fact]
    public void JpegSegmentReader_WholeFile_EndsAtEoi()
    {
        using FileStream file = File.OpenRead(TestPaths.Fixture("no_manifest.jpg"));
        JpegSegmentReader reader = JpegSegmentReader.Open(file, AssetReadOptions.Default);

        List<JpegSegment> segments = [.. reader.Segments(requireEnd: true, default)];

        Assert.Equal(JpegSegment.Eoi, segments[^1].Marker);
        Assert.True(reader.ReachedEnd);
        Assert.False(reader.HasData);
    }

    [Fact]
    public void JpegSegmentReader_ScanAcrossBufferBoundaries_EndsAtTheNextMarker()
    {
        // ISO/IEC 10918-1 §B.1.1.5: in entropy-coded data FF 00 is a stuffed byte and FF D0-D7 restarts; 200,000 bytes
        // of scan (several of the reader's 64 KiB buffers) with both, one straddling each buffer boundary, then EOI.
        byte[] scan = new byte[200_000];
        new Random(8).NextBytes(scan);
        for (int i = 0; i < scan.Length; i++)
        {
            if (scan[i] == 0xFF)
            {
                scan[i] = 0x7F;
            }
        }

        foreach (int at in new[] { 100, 65_535, 131_071, 150_000 })
        {
            scan[at] = 0xFF;
            scan[at + 1] = at % 2 == 0 ? (byte)0x00 : (byte)0xD3;
        }

        byte[] file = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, .. scan, 0xFF, 0xFF, 0xD9];

        List<JpegSegment> segments = [.. JpegSegmentReader.Open(new MemoryStream(file), AssetReadOptions.Default).Segments(requireEnd: true, default)];

        Assert.Equal([JpegSegment.Soi, JpegSegment.Sos, JpegSegment.Eoi], segments.Select(s => s.Marker));
        // The fill byte before FF D9 (§B.1.1.2) stays with the scan; EOI starts at the FF right before D9.
        Assert.Equal((2L, 6L + scan.Length + 1), (segments[1].Offset, segments[1].Length));
        Assert.Equal(file.Length - 2, segments[2].Offset);
    }

    [Fact]
    public void PngChunkReader_FirstChunk_IhdrAndReadsStayInside()
    {
        using FileStream file = File.OpenRead(TestPaths.Fixture("sample1.png"));
        PngChunkReader reader = PngChunkReader.Open(file, AssetReadOptions.Default);

        PngChunk ihdr = reader.Skip();
        byte[] type = new byte[4];
        reader.ReadAt(ihdr, 4, type);

        Assert.Equal(("IHDR", 8L, 13u), (ihdr.Type, ihdr.Offset, ihdr.DataLength));
        Assert.Equal("IHDR"u8.ToArray(), type);
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => reader.ReadAt(ihdr, 20, new byte[8]));
        Assert.Equal((FormatLayer.Png, 8L), (ex.Layer, ex.Offset));
        Assert.NotEqual("IHDR", reader.PeekChunk().Type);
    }
}
