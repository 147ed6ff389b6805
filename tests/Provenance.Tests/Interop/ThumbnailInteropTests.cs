using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Tests.Thumbnails;
using Provenance.Tests.Validation;
using Provenance.Thumbnails;
using Provenance.Thumbnails.Skia;
using Provenance.Validation;
using SkiaSharp;

namespace Provenance.Tests.Interop;

/// <summary>
/// Thumbnails an image already small enough is copied into (SkiaThumbnailGenerator.ReuseFittingImages): c2pa-rs reads
/// the claim thumbnail with the image's own type and trusts the manifest. A video's thumbnail made while it is hashed,
/// in room reserved for it with the rest left as a <c>free</c> box: c2pa-rs trusts it, and both verifiers judge the
/// same alterations of that layout alike.
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

    [Theory]
    [InlineData(null)]
    [InlineData(4096L)]
    public async Task C2paRs_VideoThumbnailMadeWhileHashing_TrustedWithTheThumbnail(long? merkleBlockSize)
    {
        (string path, string root, _) = await SignWithParallelThumbnailAsync(merkleBlockSize);

        C2paRsReport theirs = C2paRs.Verify(path, "video/mp4", root);

        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        JsonElement active = theirs.Report.GetProperty("manifests").GetProperty(theirs.Report.GetProperty("active_manifest").GetString()!);
        Assert.Equal("image/jpeg", active.GetProperty("thumbnail").GetProperty("format").GetString());
    }

    // The room the thumbnail left is free space, excluded from the BMFF hash (as every top-level free box is): its bytes
    // may change without changing the verdict, but a box of another type in its place is hashed, and the media is.
    [Theory]
    [InlineData("free-byte", "Trusted")]
    [InlineData("free-renamed", "Invalid")]
    [InlineData("mdat-byte", "Invalid")]
    public async Task BothVerifiers_AlteredRoomAfterTheStore_SameVerdict(string alteration, string expected)
    {
        (string path, string root, byte[] signed) = await SignWithParallelThumbnailAsync(null);
        (string Type, long Offset, long Size)[] boxes = [.. TamperSweepTests.TopLevelBoxes(signed)];
        (_, long freeAt, long freeSize) = boxes[Array.FindIndex(boxes, b => b.Type == "uuid") + 1];
        (_, long mdatAt, long mdatSize) = boxes.Single(b => b.Type == "mdat");
        switch (alteration)
        {
            case "free-byte":
                signed[freeAt + (freeSize / 2)] ^= 0x5A;
                break;
            case "free-renamed":
                "wide"u8.CopyTo(signed.AsSpan((int)freeAt + 4));
                break;
            default:
                signed[mdatAt + (mdatSize / 2)] ^= 0x01;
                break;
        }

        File.WriteAllBytes(path, signed);

        ValidationReport ours = await SignAndVerifyTests.VerifyAsync(signed);
        C2paRsReport theirs = C2paRs.Verify(path, "video/mp4", root);

        Assert.Equal(expected, ours.State == ValidationState.Trusted ? "Trusted" : ours.State == ValidationState.Invalid ? "Invalid" : ours.State.ToString());
        Assert.True(theirs.ValidationState == expected, $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        if (expected == "Invalid")
        {
            Assert.Contains(StatusCodes.AssertionBmffHashMismatch, ours.ActiveManifestResults.Failure.Select(f => f.Code));
            Assert.Contains(StatusCodes.AssertionBmffHashMismatch, theirs.FailureCodes);
        }
    }

    private static async Task<(string Path, string Root, byte[] Signed)> SignWithParallelThumbnailAsync(long? merkleBlockSize)
    {
        string dir = TestPaths.NewTempDirectory();
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string output = Path.Combine(dir, "signed.mp4");
        byte[] jpeg = TestImages.Create(64, 36, SKEncodedImageFormat.Jpeg);
        var generator = new ParallelThumbnailTests.GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg)));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        SigningResult result = await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("video1_no_manifest.mp4"), output, signer, ParallelThumbnailTests.Options(generator) with { Progress = generator, MerkleBlockSize = merkleBlockSize });

        Assert.True(result.ThumbnailIncluded, string.Join("; ", result.Notes));
        return (output, root, File.ReadAllBytes(output));
    }
}
