using Provenance.Cryptography;
using Provenance.Tests.Formats.Riff;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// WebP, WAV and AVI both ways against c2pa-rs: c2pa-rs trusts what Provenance signs (simple WebPs made extended
/// included), and Provenance reaches c2pa-rs's verdict on what c2pa-rs signs, before and after a media byte changes.
/// </summary>
[Collection("c2pa-rs")]
public class RiffInteropTests
{
    private static SigningAlgorithm[] Algorithms => C2paRsChecks.Algorithms;

    // Every algorithm for one input of each form (a simple WebP, which signing makes extended, a WAV, an AVI); ES256 for the rest.
    public static TheoryData<string, string, bool> Inputs()
    {
        string[] everyAlgorithm = ["fixture:formats/test.webp", "fixture:formats/sample1.wav", "fixture:formats/test.avi"];
        var data = new TheoryData<string, string, bool>();
        foreach (object[] row in RiffMedia.All())
        {
            data.Add((string)row[0], (string)row[1], everyAlgorithm.Contains((string)row[0]));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public Task C2paRs_RiffSignedByProvenance_Trusted(string source, string mimeType, bool everyAlgorithm)
        => C2paRsChecks.AssertTrustedByC2paRsAsync(RiffMedia.Resolve(source), mimeType, source, everyAlgorithm ? C2paRsChecks.Algorithms : [SigningAlgorithm.ES256]);

    [Theory]
    [InlineData("fixture:formats/test.webp", "image/webp", "es256")]
    [InlineData("fixture:formats/test_lossless.webp", "image/webp", "ps256")]
    [InlineData("fixture:formats/test_xmp.webp", "image/webp", "es384")]
    [InlineData("fixture:formats/sample1.wav", "audio/wav", "es256")]
    [InlineData("ffmpeg:wav", "audio/x-wav", "es512")]
    [InlineData("fixture:formats/test.avi", "video/avi", "es256")]
    [InlineData("ffmpeg:avi", "video/x-msvideo", "ps384")]
    public async Task Provenance_RiffSignedByC2paRs_SameVerdictBeforeAndAfterAMediaByteChanges(string source, string mimeType, string algorithm)
    {
        string dir = TestPaths.NewTempDirectory();
        SigningAlgorithm alg = SigningAlgorithms.TryParse(algorithm, out SigningAlgorithm parsed) ? parsed : throw new ArgumentException(algorithm);
        (string chain, string key, string root) = TestSigners.WriteFiles(alg, dir);
        string input = RiffMedia.Resolve(source);
        string signed = Path.Combine(dir, "signed" + Path.GetExtension(input));
        C2paRs.Sign(input, signed, mimeType, chain, key, algorithm);
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(root) };

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(signed, options);
        C2paRsReport theirs = C2paRs.Verify(signed, mimeType, root);

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Empty(ours.ActiveManifestResults.Failure);
        Assert.Contains(ours.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);

        // One byte in the middle of the media (c2pa-rs keeps the input's chunks in place and appends its own).
        byte[] bytes = File.ReadAllBytes(signed);
        bytes[new FileInfo(input).Length / 2] ^= 0x01;
        string tampered = Path.Combine(dir, "tampered" + Path.GetExtension(input));
        File.WriteAllBytes(tampered, bytes);

        ValidationReport oursTampered = await ManifestVerifier.VerifyFileAsync(tampered, options);
        C2paRsReport theirsTampered = C2paRs.Verify(tampered, mimeType, root);

        Assert.Equal("Invalid", theirsTampered.ValidationState);
        Assert.Contains(StatusCodes.AssertionDataHashMismatch, theirsTampered.FailureCodes);
        Assert.Equal(ValidationState.Invalid, oursTampered.State);
        Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }

    [Fact]
    public void NestingBomb_BothRefuseToSign()
    {
        // c2pa-rs fixture riff_bomb_1000.wav: c2pa-rs stops at 32 nested chunks, as Provenance's MaxBoxDepth does.
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string bomb = TestPaths.Fixture("formats/riff_bomb_1000.wav");

        InvalidOperationException theirs = Assert.Throws<InvalidOperationException>(() => C2paRs.Sign(bomb, Path.Combine(dir, "signed.wav"), "audio/wav", chain, key, "es256"));
        using FileStream input = File.OpenRead(bomb);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        ProvenanceFormatException ours = Assert.Throws<ProvenanceFormatException>(() => new ManifestBuilder { Title = "bomb" }.Sign(input, Stream.Null, signer));

        Assert.Contains("nesting too deep", theirs.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(FormatLayer.Riff, ours.Layer);
    }
}
