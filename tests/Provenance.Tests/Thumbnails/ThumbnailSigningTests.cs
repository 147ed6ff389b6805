using Provenance.Cryptography;
using Provenance.Manifests;
using Provenance.Tests.Interop;
using Provenance.Thumbnails;
using Provenance.Thumbnails.Skia;
using SkiaSharp;

namespace Provenance.Tests.Thumbnails;

public sealed class ThumbnailSigningTests
{
    private static readonly SigningOptions Skia = new() { Thumbnails = new SkiaThumbnailGenerator() };

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png", ".png")]
    public async Task SignAsync_SkiaGenerator_ThumbnailC2paRsReadsAndPixelsUnchanged(SKEncodedImageFormat format, string mimeType, string extension)
    {
        string dir = Directory.CreateTempSubdirectory("provenance-thumbs-").FullName;
        byte[] input = TestImages.Create(2600, 1800, format);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string path = Path.Combine(dir, "signed" + extension);

        SigningResult result;
        await using (FileStream output = File.Create(path))
        {
            result = await new ManifestBuilder { Title = "big" + extension }.SignAsync(new MemoryStream(input), output, signer, Skia);
        }

        Assert.True(result.ThumbnailIncluded, string.Join("; ", result.Notes));
        C2paRsReport report = C2paRs.Verify(path, mimeType, root);
        Assert.True(report.ValidationState == "Trusted", $"c2pa-rs: {report.ValidationState} [{string.Join(", ", report.FailureCodes)}] {report.Error}");
        Assert.Empty(report.FailureCodes);
        Assert.Contains(C2paLabels.ClaimThumbnail, report.Report.ToString(), StringComparison.Ordinal);
        Assert.Equal(TestImages.Decode(input), TestImages.Decode(File.ReadAllBytes(path)), PixelsComparer.Instance);
    }

    [Fact]
    public async Task SignAsync_HostileHeader_SignedWithoutThumbnailAndSaysWhy()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();

        SigningResult result = await new ManifestBuilder().SignAsync(new MemoryStream(TestImages.PngDeclaring(60_000, 60_000)), output, signer, Skia);

        Assert.False(result.ThumbnailIncluded);
        Assert.Contains(result.Notes, n => n.Contains("60000×60000", StringComparison.Ordinal));
        Assert.True(output.Length > 0);
    }

    [Fact]
    public async Task SignAsync_GeneratorFromOptions_IsUsedWithDetectedMimeType()
    {
        var generator = new FixedGenerator(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();

        SigningResult result = await new ManifestBuilder().SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("sample1.png"))), output, signer, new SigningOptions { Thumbnails = generator });

        Assert.True(result.ThumbnailIncluded);
        Assert.Equal(["image/png"], generator.MimeTypes);
    }

    [Fact]
    public async Task SignAsync_DefaultOptionsStillImage_NoThumbnailAndSaysWhy()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();

        SigningResult result = await new ManifestBuilder().SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer);

        Assert.False(result.ThumbnailIncluded);
        Assert.Contains(result.Notes, n => n.Contains("image/jpeg", StringComparison.Ordinal) && n.Contains("Provenance.Thumbnails.Skia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignAsync_GeneratorThrows_SignedWithoutThumbnailAndSaysWhy()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();

        SigningResult result = await new ManifestBuilder().SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, new SigningOptions { Thumbnails = new ThrowingGenerator() });

        Assert.False(result.ThumbnailIncluded);
        Assert.Contains(result.Notes, n => n.Contains("decoder exploded", StringComparison.Ordinal));
    }

    private sealed class FixedGenerator(byte[] jpeg) : IThumbnailGenerator
    {
        public List<string> MimeTypes { get; } = [];

        public ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
        {
            MimeTypes.Add(mimeType);
            return ValueTask.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg));
        }
    }

    private sealed class ThrowingGenerator : IThumbnailGenerator
    {
        public ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
            => throw new InvalidOperationException("decoder exploded");
    }

    private sealed class PixelsComparer : IEqualityComparer<(int Width, int Height, byte[] Pixels)>
    {
        public static PixelsComparer Instance { get; } = new();

        public bool Equals((int Width, int Height, byte[] Pixels) x, (int Width, int Height, byte[] Pixels) y)
            => x.Width == y.Width && x.Height == y.Height && x.Pixels.AsSpan().SequenceEqual(y.Pixels);

        public int GetHashCode((int Width, int Height, byte[] Pixels) obj) => HashCode.Combine(obj.Width, obj.Height);
    }
}
