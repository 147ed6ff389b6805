using SkiaSharp;

namespace Provenance.Thumbnails.Skia;

/// <summary>
/// Makes claim thumbnails of still images in process with SkiaSharp: the image is decoded, scaled to fit
/// <see cref="MaxLongSide"/> pixels and encoded as JPEG. No process is started. Assets that are not images
/// (<c>video/*</c>, <c>audio/*</c>) get <see langword="null"/>, so that another generator can take them:
/// <c>ThumbnailGenerators.FirstOf(new SkiaThumbnailGenerator(), FfmpegThumbnailGenerator.Default)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Why SkiaSharp: the thumbnail decoder reads whatever file is being signed, so it must be safe on hostile input.
/// SkiaSharp is maintained (Microsoft, MIT licence) and wraps Google's Skia, whose image decoders (libjpeg-turbo,
/// libpng, libwebp, Wuffs for GIF) are fuzzed continuously by OSS-Fuzz. SixLabors.ImageSharp 2.1.x has reported
/// decoder flaws with crafted images, and its 3.x needs a paid licence for many users. Skia is native code, which is
/// why it lives in this optional package and the Provenance package stays managed.
/// </para>
/// <para>
/// Before anything is decoded, the dimensions the header declares are checked against <see cref="MaxPixels"/>, so a
/// small file declaring a huge image is refused at once and cannot exhaust memory. JPEG is decoded at a reduced
/// scale (1/2, 1/4, 1/8) when that is still at least the thumbnail's size, which is both faster and smaller.
/// </para>
/// </remarks>
public sealed class SkiaThumbnailGenerator : IThumbnailGenerator
{
    private const long InMemoryLimit = 64 * 1024 * 1024;
    private const int MaxReusedBytes = 1024 * 1024;
    // Mipmaps keep a large reduction smooth, but building them costs more than decoding and encoding a 512×512 image
    // together (4 of 12 ms here): an image drawn at half its size or more is sampled bilinearly from its own pixels.
    private static readonly SKSamplingOptions Reducing = new(SKFilterMode.Linear, SKMipmapMode.Linear);
    private static readonly SKSamplingOptions NearSize = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>The longest side of a thumbnail in pixels (1024, the size c2pa-rs uses). Smaller images keep their size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxLongSide
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 1024;

    /// <summary>JPEG quality, 1 to 100 (default 80).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 1 to 100.</exception>
    public int Quality
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
            field = value;
        }
    } = 80;

    /// <summary>
    /// Whether a JPEG or PNG that already fits <see cref="MaxLongSide"/>, is stored upright and is compact (at most
    /// 4 bits a pixel and 1 MiB) is its own thumbnail, copied without its metadata (EXIF, XMP, comments, text, an
    /// earlier manifest store) instead of being decoded and encoded again. Default true: no generation is lost, a PNG
    /// keeps its transparency, and a 512×512 image costs a copy instead of about 4 ms. The thumbnail then has the
    /// image's own type (<c>image/jpeg</c> or <c>image/png</c>).
    /// </summary>
    public bool ReuseFittingImages { get; init; } = true;

    /// <summary>
    /// The most pixels (width × height, as the header declares them) an image may have to be decoded: 100 million by
    /// default (about 400 MB decoded). Larger images are signed without a thumbnail.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public long MaxPixels
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 100_000_000;

    /// <inheritdoc/>
    public async ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(mimeType);
        if (!mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (MaxLongSide < 1 || Quality is < 1 or > 100 || MaxPixels < 1)
        {
            throw new InvalidOperationException($"{nameof(SkiaThumbnailGenerator)}: MaxLongSide and MaxPixels must be positive and Quality from 1 to 100.");
        }

        // Skia reads from the stream's start, in small pieces: an asset that begins further on, or that is small
        // enough, is read into memory in one go first (twice as fast for a 512×512 JPEG read from a file).
        Stream source = asset;
        bool inMemoryFromStart = asset is MemoryStream && asset.Position == 0;
        if (!inMemoryFromStart && (!asset.CanSeek || asset.Position != 0 || asset.Length <= InMemoryLimit))
        {
            var copy = new MemoryStream(asset.CanSeek ? (int)Math.Clamp(asset.Length - asset.Position, 0, InMemoryLimit) : 0);
            await asset.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            source = copy;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Create(source, mimeType);
        }
        finally
        {
            if (!ReferenceEquals(source, asset))
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private Thumbnail Create(Stream source, string mimeType)
    {
        using var stream = new SKManagedStream(source, disposeManagedStream: false);
        using SKCodec? codec = SKCodec.Create(stream, out SKCodecResult opened);
        if (codec is null)
        {
            return Thumbnail.None($"no thumbnail was added: the {mimeType} image could not be decoded ({opened})");
        }

        SKImageInfo declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0 || (long)declared.Width * declared.Height > MaxPixels)
        {
            return Thumbnail.None($"no thumbnail was added: the image declares {declared.Width}×{declared.Height} pixels, more than the {MaxPixels:N0} the thumbnail generator decodes (SkiaThumbnailGenerator.MaxPixels)");
        }

        // The thumbnail shows the image as viewers do: upright by its EXIF orientation (CIPA DC-008 §4.6.4, tag 0x0112).
        SKEncodedOrigin origin = codec.EncodedOrigin;
        bool swapsSides = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        (int width, int height) = Fit(declared.Width, declared.Height);
        if (ReuseFittingImages && origin == SKEncodedOrigin.TopLeft && (width, height) == (declared.Width, declared.Height) && Reused(source, codec.EncodedFormat, declared) is { } reused)
        {
            return reused;
        }

        SKSizeI decodeSize = codec.GetScaledDimensions((float)Math.Max((double)width / declared.Width, (double)height / declared.Height));
        if (decodeSize.Width < width || decodeSize.Height < height)
        {
            decodeSize = new SKSizeI(declared.Width, declared.Height);
        }

        var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return Thumbnail.None($"no thumbnail was added: the {mimeType} image could not be decoded ({result})");
        }

        // Already the thumbnail's size, upright and opaque: the decoded pixels are encoded as they are (drawing them
        // again would copy every pixel for nothing, about a quarter of a 512×512 thumbnail's time).
        if (origin == SKEncodedOrigin.TopLeft && decodeSize.Width == width && decodeSize.Height == height && declared.AlphaType == SKAlphaType.Opaque)
        {
            using SKImage asDecoded = SKImage.FromBitmap(decoded);
            return Encoded(asDecoded);
        }

        // Drawn on white: JPEG has no alpha, and transparent pixels would otherwise turn black.
        (int outWidth, int outHeight) = swapsSides ? (height, width) : (width, height);
        using SKSurface surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Skia could not allocate the thumbnail surface.");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.SetMatrix(Upright(origin, width, height));
        using (SKImage image = SKImage.FromBitmap(decoded))
        {
            surface.Canvas.DrawImage(image, SKRect.Create(width, height), 2 * width < decodeSize.Width ? Reducing : NearSize);
        }

        using SKImage snapshot = surface.Snapshot();
        return Encoded(snapshot);
    }

    // The image as its own thumbnail (ReuseFittingImages): only when it is compact, and only its picture's bytes.
    private static Thumbnail? Reused(Stream source, SKEncodedImageFormat format, SKImageInfo declared)
    {
        if (source is not MemoryStream memory || memory.Length > Math.Min(MaxReusedBytes, (long)declared.Width * declared.Height / 2))
        {
            return null;
        }

        ArraySegment<byte> bytes = memory.TryGetBuffer(out ArraySegment<byte> visible) ? visible : memory.ToArray();

        (byte[]? copy, string mimeType) = format switch
        {
            SKEncodedImageFormat.Jpeg => (ImageCopy.StripJpeg(bytes), "image/jpeg"),
            SKEncodedImageFormat.Png => (ImageCopy.StripPng(bytes), "image/png"),
            _ => (null, ""),
        };
        return copy is null ? null : Thumbnail.FromImage(mimeType, copy);
    }

    private Thumbnail Encoded(SKImage image)
    {
        using SKData? jpeg = image.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return jpeg is null || jpeg.Size == 0
            ? Thumbnail.None("no thumbnail was added: Skia could not encode the JPEG thumbnail")
            : Thumbnail.FromImage("image/jpeg", jpeg.ToArray());
    }

    /// <summary>
    /// Maps the stored image, drawn at <paramref name="width"/>×<paramref name="height"/>, to its upright position: x' =
    /// ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY. For the orientations that turn the image a
    /// quarter (5 to 8), the output is <paramref name="height"/> wide.
    /// </summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),         // mirrored left to right
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1), // turned half round
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),       // mirrored top to bottom
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),                 // transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),          // a quarter turn clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),  // transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),         // a quarter turn anticlockwise
        _ => SKMatrix.Identity,
    };

    private (int Width, int Height) Fit(int width, int height)
    {
        int longSide = Math.Max(width, height);
        if (longSide <= MaxLongSide)
        {
            return (width, height);
        }

        double scale = (double)MaxLongSide / longSide;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
