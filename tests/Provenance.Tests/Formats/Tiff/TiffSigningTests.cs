using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Formats.Tiff;

/// <summary>TIFF signed and verified by Provenance: trusted, tamper-evident, and decoding to the same image.</summary>
public class TiffSigningTests
{
    public static TheoryData<string> Inputs() => TiffMedia.All();

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task SignFile_TiffInput_TrustedAndDecodesToTheSameImage(string source)
    {
        string input = TiffMedia.Resolve(source);
        string output = Path.Combine(TestPaths.NewTempDirectory(), "signed.tiff");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder { Title = "tiff" }.SignFileAsync(input, output, signer);
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
        Assert.Equal("image/tiff", report.MimeType);
        Assert.Equal(TiffMedia.Decoded(input), TiffMedia.Decoded(output));
    }

    [Fact]
    public async Task Sign_ToForwardOnlyStream_Trusted()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        using var forwardOutput = new ForwardOnlyWriteStream(output);

        await new ManifestBuilder { Title = "tiff" }.SignAsync(new ForwardOnlyStream(File.ReadAllBytes(TiffMedia.Resolve("fixture:formats/TUSCANY.TIF"))), forwardOutput, signer);
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(output.ToArray());

        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Verify_OneImageByteChanged_InvalidWithDataHashMismatch(string source)
    {
        byte[] input = File.ReadAllBytes(TiffMedia.Resolve(source));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(input, signer);
        signed[TiffMedia.FirstStrip(input) + 1] ^= 0x01; // the input's bytes stay where they were

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal([StatusCodes.AssertionDataHashMismatch], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Theory]
    [InlineData("fixture:formats/test.tiff")]
    [InlineData("built:II-3")]
    public Task Sign_AlreadySigned_ReplacesTheStore(string source) => FormatTestKit.AssertResigningReplacesTheStore(TiffMedia.Resolve(source));
}
