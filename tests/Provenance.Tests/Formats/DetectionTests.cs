using Provenance.Formats;

namespace Provenance.Tests.Formats;

/// <summary>Format detection from content, whatever precedes the media (an ID3 tag of any length).</summary>
public class DetectionTests
{
    private static string Formats(string name) => Path.Combine(TestPaths.C2paRsFixtures, "formats", name);

    // An ID3v2.4 tag of the given size (padding only), as a signed file's tag holding a large store would be.
    private static byte[] Id3Tag(int size) =>
    [
        .. "ID3"u8, 4, 0, 0,
        (byte)((size >> 21) & 0x7F), (byte)((size >> 14) & 0x7F), (byte)((size >> 7) & 0x7F), (byte)(size & 0x7F),
        .. new byte[size],
    ];

    [Theory]
    [InlineData(10)]
    [InlineData(200_000)]
    public void Detect_FlacBehindAnId3TagOfAnyLength_Flac(int tagSize)
    {
        byte[] flac = File.ReadAllBytes(Formats("sample1.flac"));
        using var stream = new MemoryStream([.. Id3Tag(tagSize), .. flac]);

        IAssetFormat? format = AssetFormats.Detect(stream, out string mimeType);

        Assert.Equal("FLAC", format?.Name);
        Assert.Equal("audio/flac", mimeType);
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200_000)]
    public void Detect_Mp3BehindAnId3TagOfAnyLength_Mp3(int tagSize)
    {
        byte[] mp3 = File.ReadAllBytes(Formats("sample1.mp3"));
        int audio = mp3.AsSpan().StartsWith("ID3"u8) ? 10 + ((mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9]) : 0;
        using var stream = new MemoryStream([.. Id3Tag(tagSize), .. mp3.AsSpan(audio)]);

        Assert.Equal("MP3", AssetFormats.Detect(stream)?.Name);
    }

    [Fact]
    public void Detect_Id3TagFollowedByAJpeg_NotAJpeg()
    {
        using var stream = new MemoryStream([.. Id3Tag(100), .. File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))]);

        Assert.NotEqual("JPEG", AssetFormats.Detect(stream)?.Name);
    }
}
