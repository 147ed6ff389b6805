using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Tests.Thumbnails;
using Provenance.Thumbnails.Skia;
using SkiaSharp;

namespace Provenance.Tests.Interop;

/// <summary>
/// Thumbnails an image already small enough is copied into (SkiaThumbnailGenerator.ReuseFittingImages): c2pa-rs reads
/// the claim thumbnail with the image's own type and trusts the manifest.
/// </summary>
[Collection("c2pa-rs")]
public class ThumbnailInteropTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, ".jpg", "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, ".png", "image/png")]
    public async Task C2paRs_ImageAsItsOwnThumbnail_TrustedWithTheImagesType(SKEncodedImageFormat format, string extension, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string input = Path.Combine(dir, "input" + extension);
        string output = Path.Combine(dir, "signed" + extension);
        File.WriteAllBytes(input, TestImages.Create(96, 64, format));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder().SignFileAsync(input, output, signer, new SigningOptions { Thumbnails = new SkiaThumbnailGenerator() });

        C2paRsReport theirs = C2paRs.Verify(output, mimeType, root);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        JsonElement active = theirs.Report.GetProperty("manifests").GetProperty(theirs.Report.GetProperty("active_manifest").GetString()!);
        Assert.Equal(mimeType, active.GetProperty("thumbnail").GetProperty("format").GetString());
    }
}
