using Provenance.Thumbnails;
using Provenance.Thumbnails.Skia;

namespace Provenance.Tests.Thumbnails;

public sealed class FfmpegThumbnailGeneratorTests
{
    [Fact]
    public async Task TryCreateAsync_Mp4_JpegOfTheFirstFrame()
    {
        await using FileStream input = File.OpenRead(TestPaths.Fixture("video1_no_manifest.mp4"));

        Thumbnail? thumbnail = await FfmpegThumbnailGenerator.Default.TryCreateAsync(input, "video/mp4", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.True(thumbnail.HasImage, thumbnail.Problem);
        (int width, int height, _) = TestImages.Decode(thumbnail.Data.ToArray());
        Assert.True(Math.Max(width, height) <= 1024);
    }

    [Fact]
    public async Task TryCreateAsync_StreamNotAFile_ReadFromACopy()
    {
        using var input = new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")));

        Thumbnail? thumbnail = await FfmpegThumbnailGenerator.Default.TryCreateAsync(input, "video/mp4", CancellationToken.None);

        Assert.True(thumbnail?.HasImage, thumbnail?.Problem);
    }

    [Fact]
    public async Task TryCreateAsync_AudioOnly_NoThumbnailWithReason()
    {
        await using FileStream input = File.OpenRead(TestPaths.Fixture("sample1.m4a"));

        Thumbnail? thumbnail = await FfmpegThumbnailGenerator.Default.TryCreateAsync(input, "audio/mp4", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Contains("no picture", thumbnail.Problem, StringComparison.Ordinal);
    }

    // No process per still image: ffmpeg declines images, and the CLI's chain gives them to Skia.
    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    public async Task TryCreateAsync_StillImage_DeclinedWithoutStartingFfmpeg(string mimeType)
    {
        using var input = new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")));

        Assert.Null(await new FfmpegThumbnailGenerator { Timeout = TimeSpan.FromTicks(1) }.TryCreateAsync(input, mimeType, CancellationToken.None));
    }

    [Fact]
    public async Task FirstOf_SkiaThenFfmpeg_StillImageBySkiaVideoByFfmpeg()
    {
        IThumbnailGenerator chain = ThumbnailGenerators.FirstOf(new SkiaThumbnailGenerator(), FfmpegThumbnailGenerator.Default);
        using var image = new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")));
        await using FileStream video = File.OpenRead(TestPaths.Fixture("video1_no_manifest.mp4"));

        Assert.True((await chain.TryCreateAsync(image, "image/jpeg", CancellationToken.None))?.HasImage);
        Assert.True((await chain.TryCreateAsync(video, "video/mp4", CancellationToken.None))?.HasImage);
    }
}
