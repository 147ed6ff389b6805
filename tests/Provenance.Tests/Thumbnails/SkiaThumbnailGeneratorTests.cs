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

    [Theory]
    [InlineData(1, 40, 20, "red", "blue", "left", "right")]
    [InlineData(3, 40, 20, "blue", "red", "left", "right")]
    [InlineData(6, 20, 40, "red", "blue", "top", "bottom")]
    [InlineData(8, 20, 40, "blue", "red", "top", "bottom")]
    public async Task TryCreateAsync_ExifOrientation_ThumbnailIsUpright(ushort orientation, int expectedWidth, int expectedHeight, string first, string second, string firstSide, string secondSide)
    {
        // Stored 40×20, red on the left: a phone's portrait photo is stored sideways with orientation 6.
        using var input = new MemoryStream(TestImages.RedLeftBlueRightJpeg(40, 20, orientation));

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(input, "image/jpeg", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.True(thumbnail.HasImage, thumbnail.Problem);
        var decoded = TestImages.Decode(thumbnail.Data.ToArray());
        Assert.Equal((expectedWidth, expectedHeight), (decoded.Width, decoded.Height));
        (int x1, int y1, int x2, int y2) = firstSide == "left"
            ? (expectedWidth / 4, expectedHeight / 2, expectedWidth * 3 / 4, expectedHeight / 2)
            : (expectedWidth / 2, expectedHeight / 4, expectedWidth / 2, expectedHeight * 3 / 4);
        Assert.True(ColourName(TestImages.PixelAt(decoded, x1, y1)) == first, $"the {firstSide} should be {first}: {TestImages.PixelAt(decoded, x1, y1)}");
        Assert.True(ColourName(TestImages.PixelAt(decoded, x2, y2)) == second, $"the {secondSide} should be {second}: {TestImages.PixelAt(decoded, x2, y2)}");
    }

    [Fact]
    public async Task TryCreateAsync_TransparentImageAtItsSize_DrawnOnWhite()
    {
        // Not opaque, so not encoded as decoded: a transparent pixel must come out white, not black.
        using var surface = SKSurface.Create(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Transparent);
        using (var paint = new SKPaint { Color = SKColors.Red })
        {
            surface.Canvas.DrawRect(0, 0, 20, 20, paint);
        }

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(new MemoryStream(png.ToArray()), "image/png", CancellationToken.None);

        Assert.NotNull(thumbnail);
        var decoded = TestImages.Decode(thumbnail.Data.ToArray());
        Assert.Equal((40, 20), (decoded.Width, decoded.Height));
        Assert.Equal("red", ColourName(TestImages.PixelAt(decoded, 5, 10)));
        (byte r, byte g, byte b) = TestImages.PixelAt(decoded, 35, 10);
        Assert.True(r > 240 && g > 240 && b > 240, $"the transparent half should be white: {(r, g, b)}");
    }

    private static string ColourName((byte R, byte G, byte B) pixel) =>
        pixel.R > 160 && pixel.B < 96 ? "red" : pixel.B > 160 && pixel.R < 96 ? "blue" : $"neither ({pixel})";

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
