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
        JpegSegmentReader reader = JpegSegmentReader.Open(file);

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
        JpegSegmentReader reader = JpegSegmentReader.Open(file);

        List<JpegSegment> segments = [.. reader.Segments(requireEnd: true, default)];

        Assert.Equal(JpegSegment.Eoi, segments[^1].Marker);
        Assert.True(reader.ReachedEnd);
        Assert.False(reader.HasData);
    }

    [Fact]
    public void PngChunkReader_FirstChunk_IhdrAndReadsStayInside()
    {
        using FileStream file = File.OpenRead(TestPaths.Fixture("sample1.png"));
        PngChunkReader reader = PngChunkReader.Open(file);

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
