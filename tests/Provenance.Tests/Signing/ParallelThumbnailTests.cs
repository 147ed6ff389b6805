using Provenance.Cryptography;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Tests.Formats;
using Provenance.Tests.Validation;
using Provenance.Thumbnails;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>
/// A large video's thumbnail made while the video is hashed (room reserved for it, the rest left as a <c>free</c> box),
/// exercised on a small MP4 with <see cref="SigningOptions.ParallelThumbnailFrom"/> lowered.
/// </summary>
public sealed class ParallelThumbnailTests
{
    /// <summary>The image bytes reserved for a file under 256 MiB.</summary>
    internal const int Room = 256 * 1024;

    private static readonly string Input = TestPaths.Fixture("video1_no_manifest.mp4");

    [Theory]
    [InlineData(null)]
    [InlineData(4096L)]
    public async Task Sign_ThumbnailFinishedOnlyAfterTheVideoWasWritten_InItsRoomAndTheRestFree(long? merkleBlockSize)
    {
        byte[] jpeg = Jpeg(10_000);
        var generator = new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg)));

        (SigningResult result, byte[] signed, string output) = await SignAsync(generator, options => options with { MerkleBlockSize = merkleBlockSize });

        // The generator answers only once the signer has written video bytes: made first, it would have timed out.
        Assert.True(result.ThumbnailIncluded, string.Join("; ", result.Notes));
        Assert.Equal(1, generator.Calls);
        Assert.Equal(jpeg, ThumbnailOf(signed));
        (string Type, long Offset, long Size)[] boxes = [.. TamperSweepTests.TopLevelBoxes(signed)];
        int store = Array.FindIndex(boxes, b => b.Type == "uuid");
        Assert.Equal(("free", Room - jpeg.Length), (boxes[store + 1].Type, boxes[store + 1].Size));
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);
        Assert.True(report.State == ValidationState.Trusted, string.Join(", ", report.ActiveManifestResults.Failure.Select(f => f.Code)));
        Assert.Equal(FfmpegMedia.DecodedFrames(Input), FfmpegMedia.DecodedFrames(output));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task Sign_ThumbnailJustUnderItsRoom_LeftoverTooSmallForAFreeBoxPadsTheSignature(int shortBy)
    {
        byte[] jpeg = Jpeg(Room - shortBy);
        var generator = new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg)));
        (_, byte[] whole, _) = await SignAsync(new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", Jpeg(Room)))));

        (SigningResult result, byte[] signed, _) = await SignAsync(generator);

        Assert.True(result.ThumbnailIncluded);
        Assert.Equal(whole.Length, signed.Length);
        Assert.Equal(jpeg, ThumbnailOf(signed));
        (string Type, long Offset, long Size)[] boxes = [.. TamperSweepTests.TopLevelBoxes(signed)];
        int store = Array.FindIndex(boxes, b => b.Type == "uuid");
        Assert.Equal(shortBy >= 8 ? "free" : "moov", boxes[store + 1].Type);
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);
    }

    [Fact]
    public async Task Sign_ThumbnailLargerThanItsRoom_SignedAgainWithItAndNoRoomLeft()
    {
        byte[] jpeg = Jpeg(Room + 1);
        var generator = new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg)));

        (SigningResult result, byte[] signed, _) = await SignAsync(generator);

        Assert.True(result.ThumbnailIncluded);
        Assert.Equal(1, generator.Calls);
        Assert.Equal(jpeg, ThumbnailOf(signed));
        (string Type, long Offset, long Size)[] boxes = [.. TamperSweepTests.TopLevelBoxes(signed)];
        Assert.Equal("moov", boxes[Array.FindIndex(boxes, b => b.Type == "uuid") + 1].Type);
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);
    }

    [Fact]
    public async Task Sign_NoPicture_SignedWithoutThumbnailSaysWhyAndLeavesTheRoomFree()
    {
        var generator = new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.None("no thumbnail was added: the asset has no picture (audio only)")));

        (SigningResult result, byte[] signed, _) = await SignAsync(generator);

        Assert.False(result.ThumbnailIncluded);
        Assert.Contains(result.Notes, n => n.Contains("no picture", StringComparison.Ordinal));
        Assert.Null(ThumbnailOf(signed));
        (string Type, long Offset, long Size)[] boxes = [.. TamperSweepTests.TopLevelBoxes(signed)];
        Assert.Equal("free", boxes[Array.FindIndex(boxes, b => b.Type == "uuid") + 1].Type);
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);
    }

    [Fact]
    public async Task Sign_GeneratorThrows_SignedWithoutThumbnailAndSaysWhy()
    {
        var generator = new GatedGenerator(_ => throw new InvalidOperationException("decoder exploded"));

        (SigningResult result, byte[] signed, _) = await SignAsync(generator);

        Assert.False(result.ThumbnailIncluded);
        Assert.Contains(result.Notes, n => n.Contains("decoder exploded", StringComparison.Ordinal));
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);
    }

    [Fact]
    public async Task Sign_CancelledWhileTheThumbnailIsMade_GeneratorStoppedAndNoOutput()
    {
        using var cancellation = new CancellationTokenSource();
        var generator = new GatedGenerator(async token =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return null;
        }, gated: false);
        string output = Path.Combine(TestPaths.NewTempDirectory(), "signed.mp4");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ManifestBuilder().SignFileAsync(Input, output, signer, Options(generator), cancellation.Token));

        Assert.True(generator.Stopped);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Sign_OutputFailsWhileTheThumbnailIsMade_GeneratorStoppedBeforeTheErrorReturns()
    {
        var generator = new GatedGenerator(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return null;
        }, gated: false);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(Input);
        using var output = new EmbeddingWriterTests.FailingWriteStream(100_000);

        await Assert.ThrowsAsync<IOException>(() => new ManifestBuilder().SignAsync(input, output, signer, Options(generator)));

        Assert.True(generator.Stopped);
    }

    [Fact]
    public async Task Sign_OutputFailsAndTheGeneratorIgnoresCancellation_ErrorReturnsWithoutWaitingForIt()
    {
        using var release = new CancellationTokenSource();
        var generator = new GatedGenerator(async _ =>
        {
            await Task.Delay(Timeout.Infinite, release.Token); // deaf to the signer's token
            return null;
        }, gated: false);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(Input);
        using var output = new EmbeddingWriterTests.FailingWriteStream(100_000);

        Task signing = new ManifestBuilder().SignAsync(input, output, signer, Options(generator));
        Task first = await Task.WhenAny(signing, Task.Delay(TimeSpan.FromMinutes(1)));
        await release.CancelAsync();

        Assert.Same(signing, first);
        await Assert.ThrowsAsync<IOException>(() => signing);
    }

    [Fact]
    public async Task SignSidecar_ThumbnailMadeWhileHashing_InTheStoreAndTheAssetUntouched()
    {
        byte[] jpeg = Jpeg(10_000);
        var generator = new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg)));
        string dir = TestPaths.NewTempDirectory();
        string asset = Path.Combine(dir, "video.mp4");
        string sidecar = Path.Combine(dir, "video.c2pa");
        File.Copy(Input, asset);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        SigningResult result = await new ManifestBuilder().SignSidecarFileAsync(asset, sidecar, signer, Options(generator) with { Progress = generator });

        Assert.True(result.ThumbnailIncluded, string.Join("; ", result.Notes));
        Assert.Equal(1, generator.Calls);
        Assert.Equal(File.ReadAllBytes(Input), File.ReadAllBytes(asset));
        Assert.Equal(jpeg, ThumbnailOf(ManifestStore.Parse(File.ReadAllBytes(sidecar)).ActiveManifest!));
        await using FileStream assetStream = File.OpenRead(asset);
        await using FileStream storeStream = File.OpenRead(sidecar);
        ValidationReport report = await ManifestVerifier.VerifyWithSidecarAsync(assetStream, storeStream, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public async Task Sign_FileBelowTheThreshold_ThumbnailMadeFirstFromTheCallersStream()
    {
        byte[] jpeg = Jpeg(1_000);
        var generator = new GatedGenerator(_ => Task.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg)), gated: false);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using FileStream input = File.OpenRead(Input);
        using var output = new MemoryStream();

        SigningResult result = await new ManifestBuilder().SignAsync(input, output, signer, Options(generator) with { ParallelThumbnailFrom = input.Length + 1 });

        Assert.True(result.ThumbnailIncluded);
        Assert.Same(input, generator.Asset);
        (string Type, long Offset, long Size)[] boxes = [.. TamperSweepTests.TopLevelBoxes(output.ToArray())];
        Assert.Equal("moov", boxes[Array.FindIndex(boxes, b => b.Type == "uuid") + 1].Type);
    }

    /// <summary>Options that make the thumbnail in parallel for any size of file.</summary>
    internal static SigningOptions Options(IThumbnailGenerator generator) => new() { Thumbnails = generator, ParallelThumbnailFrom = 1 };

    /// <summary>A stand-in JPEG of exactly <paramref name="length"/> bytes (the signer never decodes a thumbnail).</summary>
    internal static byte[] Jpeg(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        data[0] = 0xFF;
        data[1] = 0xD8;
        return data;
    }

    /// <summary>The claim thumbnail's image bytes in a signed file, or null.</summary>
    internal static byte[]? ThumbnailOf(byte[] signed) => ThumbnailOf(DataIngredientTests.ActiveManifest(signed));

    private static byte[]? ThumbnailOf(Manifest active)
        => active.Box.FindChild(C2paLabels.AssertionStore)!.FindChild(C2paLabels.ClaimThumbnail)?.FirstContent(FourCC.Bidb)?.Data.ToArray();

    private static async Task<(SigningResult Result, byte[] Signed, string Output)> SignAsync(GatedGenerator generator, Func<SigningOptions, SigningOptions>? configure = null)
    {
        string output = Path.Combine(TestPaths.NewTempDirectory(), "signed.mp4");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        SigningOptions options = Options(generator) with { Progress = generator };
        SigningResult result = await new ManifestBuilder().SignFileAsync(Input, output, signer, configure?.Invoke(options) ?? options);
        return (result, File.ReadAllBytes(output), output);
    }

    /// <summary>
    /// A generator that, when gated, answers only after signing reports written output (it is also the progress
    /// receiver), so a thumbnail made before hashing would time out; it records its calls and whether it was stopped
    /// (left through its cancellation).
    /// </summary>
    internal sealed class GatedGenerator(Func<CancellationToken, Task<Thumbnail?>> make, bool gated = true) : IThumbnailGenerator, IProgress<long>
    {
        private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public bool Stopped { get; private set; }

        public Stream? Asset { get; private set; }

        public void Report(long value) => _written.TrySetResult();

        public async ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
        {
            Calls++;
            Asset = asset;
            try
            {
                if (gated)
                {
                    await _written.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                }

                return await make(cancellationToken);
            }
            finally
            {
                Stopped = cancellationToken.IsCancellationRequested;
            }
        }
    }
}
