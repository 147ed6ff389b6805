using System.Diagnostics;
using Provenance.Thumbnails;
using Provenance.Thumbnails.Skia;
using SkiaSharp;

namespace Provenance.Tests.Thumbnails;

public sealed class SkiaThumbnailGeneratorTests
{
    [Fact]
    public void Options_OutOfRange_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaThumbnailGenerator { Quality = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaThumbnailGenerator { Quality = 101 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaThumbnailGenerator { MaxLongSide = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaThumbnailGenerator { MaxPixels = -1 });
        Assert.Equal(100, new SkiaThumbnailGenerator { Quality = 100 }.Quality);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", 3000, 2000, 1024, 683)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", 2400, 4000, 614, 1024)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", 640, 480, 640, 480)]
    public async Task TryCreateAsync_Image_JpegFittingTheLongSide(SKEncodedImageFormat format, string mimeType, int width, int height, int expectedWidth, int expectedHeight)
    {
        using var input = new MemoryStream(TestImages.Create(width, height, format));

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(input, mimeType, CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.True(thumbnail.HasImage, thumbnail.Problem);
        Assert.Equal("image/jpeg", thumbnail.MimeType);
        Assert.Equal([0xFF, 0xD8], thumbnail.Data[..2].ToArray());
        (int w, int h, _) = TestImages.Decode(thumbnail.Data.ToArray());
        Assert.Equal((expectedWidth, expectedHeight), (w, h));
    }

    [Fact]
    public async Task TryCreateAsync_HugeDeclaredDimensions_RefusedBeforeDecoding()
    {
        using var input = new MemoryStream(TestImages.PngDeclaring(60_000, 60_000));
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(input, "image/png", CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 16 << 20);
        Assert.NotNull(thumbnail);
        Assert.False(thumbnail.HasImage);
        Assert.Contains("60000×60000", thumbnail.Problem, StringComparison.Ordinal);
        Assert.Contains("MaxPixels", thumbnail.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryCreateAsync_NotAnImage_ReturnsNullForAnotherGenerator()
    {
        using var input = new MemoryStream([0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p']);

        Assert.Null(await new SkiaThumbnailGenerator().TryCreateAsync(input, "video/mp4", CancellationToken.None));
    }

    [Fact]
    public async Task TryCreateAsync_Garbage_NoThumbnailWithReason()
    {
        using var input = new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5]);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(input, "image/jpeg", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.False(thumbnail.HasImage);
        Assert.Contains("could not be decoded", thumbnail.Problem, StringComparison.Ordinal);
    }
}
