using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Formats.JpegXl;

/// <summary>
/// JPEG XL signed end to end with a data hash (c2pa.hash.data, as c2pa-rs binds JPEG XL by default): Trusted, the
/// picture decodes (ffmpeg, libjxl) to exactly the input's, and a changed codestream byte is a data hash mismatch.
/// Inputs: c2pa-rs's sdk/tests/fixtures sample1.jxl; a container around ffmpeg's codestream (JpegXlFiles).
/// </summary>
public class JpegXlSigningTests
{
    public static TheoryData<string> Containers() => ["fixture:formats/sample1.jxl", "ffmpeg:container"];

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task SignFile_Container_TrustedWithDataHashAndDecodesToTheSamePicture(string source)
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "input.jxl");
        File.WriteAllBytes(input, JpegXlFiles.Read(source));
        string output = Path.Combine(dir, "signed.jxl");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder { Title = "jxl" }.SignFileAsync(input, output, signer);

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(File.ReadAllBytes(output));
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
        string expected = FrameMd5(input);
        Assert.Contains(", ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, FrameMd5(output));
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task SignStream_CodestreamByteFlipped_InvalidWithDataHashMismatch(string source)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(JpegXlFiles.Read(source), signer);
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);

        // The codestream is the last box in both inputs.
        signed[^100] ^= 0x01;
        ValidationReport tampered = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, tampered.State);
        Assert.Equal([StatusCodes.AssertionDataHashMismatch], tampered.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task Sign_BareCodestream_UnsupportedAndNothingWritten()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jxl");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        UnsupportedFormatException ex = await Assert.ThrowsAsync<UnsupportedFormatException>(
            () => new ManifestBuilder().SignFileAsync(Media.TestMedia.JxlCodestream(), output, signer, new SigningOptions { Thumbnails = null }));

        Assert.Equal(FormatLayer.JpegXl, ex.Layer);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task SignFile_SignedContainerAgain_TrustedWithOneStore()
    {
        string dir = TestPaths.NewTempDirectory();
        string first = Path.Combine(dir, "first.jxl");
        string second = Path.Combine(dir, "second.jxl");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await new ManifestBuilder { Title = "first" }.SignFileAsync(TestPaths.Fixture("formats/sample1.jxl"), first, signer);

        await new ManifestBuilder { Title = "second" }.SignFileAsync(first, second, signer);

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(File.ReadAllBytes(second));
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(FrameMd5(TestPaths.Fixture("formats/sample1.jxl")), FrameMd5(second));
    }

    /// <summary>ffmpeg's framemd5 of the decoded picture (ffmpeg reads both JPEG XL forms through libjxl).</summary>
    internal static string FrameMd5(string path)
    {
        (int exitCode, string output, string error) = ProcessRunner.Run(
            "ffmpeg",
            ["-v", "error", "-i", path, "-map", "0", "-f", "framemd5", "-"],
            TimeSpan.FromMinutes(2),
            "ffmpeg is needed to compare decoded media: apt-get install -y ffmpeg (scripts/test.sh does it).");
        return exitCode == 0 ? output : throw new InvalidOperationException($"ffmpeg could not decode {path}: {error}");
    }
}
