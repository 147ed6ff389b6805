using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>Verification after signing (c2pa-rs's verify_after_sign): what was written is read back and validated.</summary>
public class VerifyAfterSignTests
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };

    [Fact]
    public async Task Sign_MediaByteCorruptedWhileWritten_ThrowsBmffHashMismatch()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture("video1_no_manifest.mp4"));
        using var output = new CorruptingStream(flipAt: 400_000); // inside mdat, which runs from 61,480 to the end

        ProvenanceSigningException ex = await Assert.ThrowsAsync<ProvenanceSigningException>(() => new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail));

        Assert.Contains(ex.Failures, f => f.Code == StatusCodes.AssertionBmffHashMismatch);
        Assert.Contains("assertion.bmffHash.mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no_manifest.jpg")]
    [InlineData("sample1.png")]
    [InlineData("video1_no_manifest.mp4")]
    public async Task Sign_StoreCorruptedWhileWritten_Throws(string fixture)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture(fixture));
        using var output = new CorruptingStream(flipRewrites: true);

        ProvenanceSigningException ex = await Assert.ThrowsAsync<ProvenanceSigningException>(() => new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail));

        // JPEG and MP4: the last byte of the store is the signature's (claimSignature.mismatch); PNG: the caBX chunk's CRC,
        // so the output does not even parse back.
        Assert.StartsWith("Verification after signing", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Failures.Count > 0 || ex.InnerException is ProvenanceFormatException, ex.Message);
    }

    [Fact]
    public async Task Sign_VerifyAfterSignOff_CorruptionGoesUnnoticed()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture("no_manifest.jpg"));
        using var output = new CorruptingStream(flipRewrites: true);

        await new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail with { VerifyAfterSign = false });

        output.Position = 0;
        Assert.Equal(ValidationState.Invalid, (await ManifestVerifier.VerifyAsync(output)).State);
    }

    [Fact]
    public async Task SignFile_UntrustedSigner_VerifiesAndKeepsOutput()
    {
        // Trust is not part of verification after signing: the test root is no trust anchor here.
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.PS256);
        string output = Path.Combine(TestPaths.NewTempDirectory(), "out.png");

        await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("sample1.png"), output, signer, NoThumbnail);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(output);
        Assert.Equal(ValidationState.Valid, report.State);
        Assert.True(report.ActiveManifestResults.Contains(StatusCodes.SigningCredentialUntrusted));
    }

    [Fact]
    public async Task Sign_OutputNotReadable_SignsAndSaysItWasNotReadBack()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture("video1_no_manifest.mp4"));
        using var memory = new MemoryStream();
        await using var output = new WriteOnlyStream(memory);

        SigningResult result = await new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail);

        Assert.Contains(result.Notes, n => n.Contains("cannot be read back", StringComparison.Ordinal));
        memory.Position = 0;
        Assert.Equal(ValidationState.Valid, (await ManifestVerifier.VerifyAsync(memory)).State);
    }

    [Fact]
    public async Task SignInPlace_VerifiesAndKeepsTheSignature()
    {
        byte[] reserved = await InPlaceSigningTests.ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")), 64 * 1024);
        using var stream = new MemoryStream();
        stream.Write(reserved);
        stream.Position = 0;
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder().SignInPlaceAsync(stream, signer, NoThumbnail);

        stream.Position = 0;
        Assert.Equal(ValidationState.Valid, (await ManifestVerifier.VerifyAsync(stream)).State);
    }

    /// <summary>A seekable stream that cannot be read, like some network or pipe-backed sinks.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
