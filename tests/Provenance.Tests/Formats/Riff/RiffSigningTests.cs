using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Formats.Riff;

/// <summary>WebP, WAV and AVI signed and verified by Provenance: trusted, tamper-evident, and decoding to the same media.</summary>
public class RiffSigningTests
{
    public static TheoryData<string, string> Inputs() => RiffMedia.All();

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task SignFile_RiffInput_TrustedAndDecodesToTheSameMedia(string source, string mimeType)
    {
        string input = RiffMedia.Resolve(source);
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed" + Path.GetExtension(input));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder { Title = "riff" }.SignFileAsync(input, output, signer);
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
        Assert.Equal(mimeType, report.MimeType);
        Assert.Equal(FfmpegMedia.DecodedFrames(input), FfmpegMedia.DecodedFrames(output));
    }

    [Theory]
    [InlineData("fixture:formats/test.webp")]
    [InlineData("fixture:formats/sample1.wav")]
    [InlineData("fixture:formats/test.avi")]
    public async Task Sign_ToForwardOnlyStream_SameBytesAsToMemory(string source)
    {
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve(source));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        using var forwardOutput = new ForwardOnlyWriteStream(output);

        await new ManifestBuilder { Title = "riff" }.SignAsync(new ForwardOnlyStream(input), forwardOutput, signer);
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(output.ToArray());

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Verify_OneMediaByteChanged_InvalidWithDataHashMismatch(string source, string mimeType)
    {
        _ = mimeType;
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve(source));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(input, signer);
        // The input's bytes sit unchanged after the RIFF header (and, for a simple WebP, the 18-byte VP8X chunk).
        int shift = signed.AsSpan(12, 4).SequenceEqual("VP8X"u8) && !input.AsSpan(12, 4).SequenceEqual("VP8X"u8) ? 18 : 0;
        signed[shift + (input.Length / 2)] ^= 0x01;

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal([StatusCodes.AssertionDataHashMismatch], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task Verify_RiffSizeChanged_RefusedAsMalformed()
    {
        // The RIFF size is rewritten by signing (and hashed); changed, the C2PA chunk no longer fits in the RIFF chunk.
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(RiffMedia.Resolve("fixture:formats/sample1.wav")), signer);
        int store = signed.AsSpan().LastIndexOf("C2PA"u8);
        // Two bytes less, whatever the size was (a flipped bit could as well make the RIFF chunk run past the file).
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(signed.AsSpan(4), System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(signed.AsSpan(4)) - 2);

        ProvenanceFormatException ex = await Assert.ThrowsAsync<ProvenanceFormatException>(() => SignAndVerifyTests.VerifyAsync(signed));

        Assert.Equal(FormatLayer.Riff, ex.Layer);
        Assert.Equal(store, ex.Offset);
    }

    [Theory]
    [InlineData("fixture:formats/test_lossless.webp")]
    [InlineData("ffmpeg:wav")]
    public Task Sign_AlreadySigned_ReplacesTheStore(string source) => FormatTestKit.AssertResigningReplacesTheStore(RiffMedia.Resolve(source));

    [Fact]
    public async Task Sign_NestingBomb_RefusedWithTheRiffLayer()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] bomb = File.ReadAllBytes(TestPaths.Fixture("formats/riff_bomb_1000.wav"));

        ProvenanceFormatException ex = await Assert.ThrowsAsync<ProvenanceFormatException>(() => SignAndVerifyTests.SignAsync(bomb, signer));

        Assert.Equal(FormatLayer.Riff, ex.Layer);
    }
}
