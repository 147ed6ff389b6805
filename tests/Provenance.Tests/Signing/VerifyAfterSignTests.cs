using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>Verification after signing (c2pa-rs's verify_after_sign): what was written is read back and validated.</summary>
public class VerifyAfterSignTests
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };

    [Fact]
    public async Task Sign_MediaByteCorruptedWhileWritten_WithHash_ThrowsBmffHashMismatch()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture("video1_no_manifest.mp4"));
        using var output = new CorruptingStream(flipAt: 400_000); // inside mdat, which runs from 61,480 to the end

        ProvenanceSigningException ex = await Assert.ThrowsAsync<ProvenanceSigningException>(() => new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail with { VerifyAfterSignHash = true }));

        Assert.Contains(ex.Failures, f => f.Code == StatusCodes.AssertionBmffHashMismatch);
        Assert.Contains("assertion.bmffHash.mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_MediaByteCorruptedWhileWritten_ByDefault_GoesUnnoticed()
    {
        // What the default gives up (as c2pa-rs's verify_after_sign_hash, off by default): a stream that changes the media
        // bytes it is handed is not caught, because the media is not read back. A verifier of the file catches it.
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture("video1_no_manifest.mp4"));
        using var output = new CorruptingStream(flipAt: 400_000);

        await new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail);

        output.Position = 0;
        ValidationReport report = await ManifestVerifier.VerifyAsync(output);
        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.True(report.ActiveManifestResults.Contains(StatusCodes.AssertionBmffHashMismatch));
    }

    [Theory]
    [InlineData("no_manifest.jpg")]
    [InlineData("sample1.png")]
    [InlineData("video1_no_manifest.mp4")]
    public async Task Sign_ReadsTheOutputOnceMoreOnlyWhenAskedToHash(string fixture)
    {
        (long read, long length) = await SignCountingReadsAsync(fixture, hash: false);
        (long readHashing, long lengthHashing) = await SignCountingReadsAsync(fixture, hash: true);

        // Reading the store back walks the container (a JPEG's segments and entropy-coded data, a PNG's chunks with their
        // CRCs, only a BMFF file's box headers); the hash reads every byte outside the store once more.
        Assert.Equal(length, lengthHashing);
        Assert.True(read < length * 1.5, $"without the hash: read {read} of {length} bytes");
        Assert.True(readHashing - read >= length * 0.8, $"with the hash: read {readHashing} of {length} bytes (without: {read})");
        if (fixture.EndsWith(".mp4", StringComparison.Ordinal))
        {
            Assert.True(read < length / 4, $"a BMFF file's media is not read: read {read} of {length} bytes");
        }
    }

    [Fact]
    public async Task ValidateWithoutContent_StoreMovedAwayFromItsExclusion_DataHashMismatch()
    {
        // Verification after signing checks where the store landed against the data hash's exclusion, without hashing:
        // a JPEG whose store moved by a segment slipped in before it is refused.
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture("no_manifest.jpg"));
        using var signed = new MemoryStream();
        await new ManifestBuilder().SignAsync(input, signed, signer, NoThumbnail);
        byte[] bytes = signed.ToArray();
        byte[] comment = [0xFF, 0xFE, 0x00, 0x06, .. "moved"u8[..4]];
        byte[] moved = [.. bytes[..2], .. comment, .. bytes[2..]];

        ValidationReport intact = await AssetValidator.ValidateAsync(new MemoryStream(bytes), null, new VerificationOptions(), checkContent: false, default);
        ValidationReport report = await AssetValidator.ValidateAsync(new MemoryStream(moved), null, new VerificationOptions(), checkContent: false, default);

        Assert.False(intact.ActiveManifestResults.Contains(StatusCodes.AssertionDataHashMismatch));
        Assert.False(intact.ActiveManifestResults.Contains(StatusCodes.AssertionDataHashMatch)); // not hashed, so not claimed
        Assert.True(report.ActiveManifestResults.Contains(StatusCodes.AssertionDataHashMismatch));
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation?.Contains("does not match the manifest location", StringComparison.Ordinal) == true);
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

    private static async Task<(long Read, long Length)> SignCountingReadsAsync(string fixture, bool hash)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(TestPaths.Fixture(fixture));
        using var output = new ReadCountingStream();
        await new ManifestBuilder().SignAsync(input, output, signer, NoThumbnail with { VerifyAfterSignHash = hash });
        return (output.BytesRead, output.Length);
    }

    /// <summary>A memory stream that counts the bytes read from it (every read lands in one of the two array overloads).</summary>
    private sealed class ReadCountingStream : MemoryStream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer)
        {
            byte[] copy = new byte[buffer.Length];
            int read = Read(copy, 0, copy.Length);
            copy.AsSpan(0, read).CopyTo(buffer);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override int ReadByte()
        {
            int value = base.ReadByte();
            Count(value < 0 ? 0 : 1);
            return value;
        }

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
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
