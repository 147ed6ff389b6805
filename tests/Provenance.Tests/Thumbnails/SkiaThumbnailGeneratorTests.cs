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
        byte[] png = TestImages.RedLeftTransparentRightPng(40, 20);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator { ReuseFittingImages = false }.TryCreateAsync(new MemoryStream(png), "image/png", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", thumbnail.MimeType);
        var decoded = TestImages.Decode(thumbnail.Data.ToArray());
        Assert.Equal((40, 20), (decoded.Width, decoded.Height));
        Assert.Equal("red", ColourName(TestImages.PixelAt(decoded, 5, 10)));
        (byte r, byte g, byte b) = TestImages.PixelAt(decoded, 35, 10);
        Assert.True(r > 240 && g > 240 && b > 240, $"the transparent half should be white: {(r, g, b)}");
    }

    [Fact]
    public async Task TryCreateAsync_FittingJpeg_IsItsOwnThumbnailWithoutMetadata()
    {
        // Skia writes SOI, JFIF, tables, frame, scan, EOI: everything the picture needs. The segments slipped in (EXIF, XMP,
        // an earlier manifest store in APP11, a comment) must not reach the thumbnail; the picture's bytes stay as they are.
        byte[] picture = TestImages.Create(64, 48, SKEncodedImageFormat.Jpeg);
        byte[] input = TestImages.InsertJpegSegment(picture, 0xE1, [.. "Exif\0\0"u8, .. new byte[40]]);
        input = TestImages.InsertJpegSegment(input, 0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x:xmpmeta/>"u8]);
        input = TestImages.InsertJpegSegment(input, 0xEB, [.. "JP"u8, 0, 1, 0, 0, 0, 1, .. new byte[20]]);
        input = TestImages.InsertJpegSegment(input, 0xFE, [.. "a comment"u8]);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(new MemoryStream(input), "image/jpeg", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", thumbnail.MimeType);
        Assert.Equal(picture, thumbnail.Data.ToArray());
    }

    [Fact]
    public async Task TryCreateAsync_FittingPng_IsItsOwnThumbnailKeepingTransparency()
    {
        byte[] picture = TestImages.RedLeftTransparentRightPng(40, 20);
        byte[] input = TestImages.InsertPngChunk(picture, "tEXt", [.. "Comment\0secret"u8]);
        input = TestImages.InsertPngChunk(input, "caBX", new byte[32]);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(new MemoryStream(input), "image/png", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/png", thumbnail.MimeType);
        byte[] data = thumbnail.Data.ToArray();
        Assert.True(data.Length < input.Length);
        Assert.Equal(-1, data.AsSpan().IndexOf("tEXt"u8));
        Assert.Equal(-1, data.AsSpan().IndexOf("caBX"u8));
        Assert.Equal(TestImages.Decode(picture).Pixels, TestImages.Decode(data).Pixels); // the transparent half stays transparent
    }

    [Fact]
    public async Task TryCreateAsync_FittingButNotCompact_ReEncodedAsJpeg()
    {
        // Noise in a PNG takes about 24 bits a pixel: more than 4 is re-encoded (a JPEG thumbnail is much smaller).
        using var bitmap = new SKBitmap(64, 64, SKColorType.Rgba8888, SKAlphaType.Opaque);
        new Random(3).NextBytes(bitmap.GetPixelSpan());
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(new MemoryStream(png.ToArray()), "image/png", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", thumbnail.MimeType);
        Assert.Equal((64, 64), (TestImages.Decode(thumbnail.Data.ToArray()).Width, TestImages.Decode(thumbnail.Data.ToArray()).Height));
    }

    [Fact]
    public async Task TryCreateAsync_ReuseOff_FittingJpegReEncoded()
    {
        byte[] picture = TestImages.Create(64, 48, SKEncodedImageFormat.Jpeg);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator { ReuseFittingImages = false, Quality = 50 }.TryCreateAsync(new MemoryStream(picture), "image/jpeg", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", thumbnail.MimeType);
        Assert.NotEqual(picture, thumbnail.Data.ToArray());
    }

    [Fact]
    public async Task TryCreateAsync_FittingJpegCutOffInItsScan_DecodedInstead()
    {
        // No end-of-image marker: the copy gives up and the decoder makes what it can of the picture.
        byte[] picture = TestImages.Create(64, 48, SKEncodedImageFormat.Jpeg);

        Thumbnail? thumbnail = await new SkiaThumbnailGenerator().TryCreateAsync(new MemoryStream(picture[..^40]), "image/jpeg", CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.True(thumbnail.HasImage, thumbnail.Problem);
        Assert.NotEqual(picture[..^40], thumbnail.Data.ToArray());
        Assert.Equal((64, 48), (TestImages.Decode(thumbnail.Data.ToArray()).Width, TestImages.Decode(thumbnail.Data.ToArray()).Height));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    public async Task TryCreateAsync_DamagedFittingImages_NeverThrow(SKEncodedImageFormat format, string mimeType)
    {
        // The copy walks segments and chunks by their declared lengths: damaged ones give no thumbnail or a decoded
        // one, never an exception. 1,000 inputs with one to four bytes changed each.
        byte[] picture = TestImages.Create(48, 32, format);
        var random = new Random(7);
        var generator = new SkiaThumbnailGenerator();
        for (int i = 0; i < 1000; i++)
        {
            byte[] damaged = (byte[])picture.Clone();
            for (int flips = random.Next(1, 5); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            Thumbnail? thumbnail = await generator.TryCreateAsync(new MemoryStream(damaged), mimeType, CancellationToken.None);
            Assert.NotNull(thumbnail);
        }
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
