using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.IO;

/// <summary>
/// Input that cannot be sought is buffered within the caller's limits: in memory up to a threshold, then in a temporary
/// file in the folder the caller names, never longer than the cap, and the file is gone after success, error or cancellation.
/// </summary>
public class BufferedInputTests
{
    // A forward-only body that records how many temporary files its folder holds while it is read.
    private sealed class WatchedBody(byte[] data, string folder, Action<int>? onRead = null) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        private int _reads;

        public int MostFilesSeen { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            MostFilesSeen = Math.Max(MostFilesSeen, Directory.GetFiles(folder).Length);
            onRead?.Invoke(++_reads);
            return _inner.Read(buffer, offset, Math.Min(count, 4096));
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MostFilesSeen = Math.Max(MostFilesSeen, Directory.GetFiles(folder).Length);
            onRead?.Invoke(++_reads);
            return ValueTask.FromResult(_inner.Read(buffer.Span[..Math.Min(buffer.Length, 4096)]));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<byte[]> SignedJpegAsync()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        return await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("earth_apollo17.jpg")), signer);
    }

    private static VerificationOptions Options(string folder, int threshold, long max = 16L << 30) => new()
    {
        TrustAnchors = TestSigners.Anchors,
        ReadOptions = new AssetReadOptions { TemporaryDirectory = folder, InMemoryBufferThreshold = threshold, MaxBufferedInputSize = max },
    };

    [Fact]
    public async Task Verify_SmallBody_StaysInMemory()
    {
        string folder = TestPaths.NewTempDirectory();
        byte[] signed = await SignedJpegAsync();
        var body = new WatchedBody(signed, folder);

        ValidationReport report = await ManifestVerifier.VerifyAsync(body, Options(folder, threshold: signed.Length));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(0, body.MostFilesSeen);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Verify_BodyAboveTheThreshold_SpillsToTheNamedFolder_ThenDeleted()
    {
        string folder = TestPaths.NewTempDirectory();
        byte[] signed = await SignedJpegAsync();
        var body = new WatchedBody(signed, folder);

        ValidationReport report = await ManifestVerifier.VerifyAsync(body, Options(folder, threshold: 8192));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(1, body.MostFilesSeen);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Verify_BodyLongerThanTheCap_RefusedNamingTheLimit_NothingLeft()
    {
        string folder = TestPaths.NewTempDirectory();
        byte[] signed = await SignedJpegAsync();

        var error = await Assert.ThrowsAsync<ProvenanceFormatException>(() => ManifestVerifier.VerifyAsync(new WatchedBody(signed, folder), Options(folder, threshold: 8192, max: 100_000)));

        Assert.Contains("MaxBufferedInputSize", error.Message);
        Assert.Contains("100000", error.Message);
        Assert.Equal(FormatLayer.Io, error.Layer);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Verify_CancelledWhileBuffering_NothingLeft()
    {
        string folder = TestPaths.NewTempDirectory();
        byte[] signed = await SignedJpegAsync();
        using var cancel = new CancellationTokenSource();
        var body = new WatchedBody(signed, folder, reads => { if (reads == 10) { cancel.Cancel(); } });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ManifestVerifier.VerifyAsync(body, Options(folder, threshold: 8192), cancel.Token));

        Assert.Equal(1, body.MostFilesSeen);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Sign_ForwardOnlyInput_BufferedInTheNamedFolder_ThenDeleted()
    {
        string folder = TestPaths.NewTempDirectory();
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("earth_apollo17.jpg"));
        var body = new WatchedBody(input, folder);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        var options = new SigningOptions { ReadOptions = new AssetReadOptions { TemporaryDirectory = folder, InMemoryBufferThreshold = 0 } };

        await new ManifestBuilder().SignAsync(body, output, signer, options);
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(output.ToArray()), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(1, body.MostFilesSeen);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Options_NonPositiveCap_Refused(long max)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxBufferedInputSize = max });
}

/// <summary><see cref="VerificationOptions.Timeout"/>: a slow upload stops verification with an error naming the option.</summary>
public class VerificationTimeoutTests
{
    // A body that trickles in: each read waits first.
    private sealed class SlowBody(byte[] data, TimeSpan delay) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 1024)], cancellationToken);
        }
    }

    [Fact]
    public async Task Verify_SlowerThanTheTimeout_TimeoutNamingTheOption()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("C.jpg"));
        var options = new VerificationOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => ManifestVerifier.VerifyAsync(new SlowBody(input, TimeSpan.FromMilliseconds(50)), options));

        Assert.Contains("VerificationOptions.Timeout", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Verify_WithinTheTimeout_Verified()
    {
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("C.jpg"))), new VerificationOptions { Timeout = TimeSpan.FromSeconds(30) });

        Assert.True(report.HasManifest);
    }

    [Fact]
    public async Task Verify_CallerCancels_CancelledNotTimedOut()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(60) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ManifestVerifier.VerifyAsync(new SlowBody(File.ReadAllBytes(TestPaths.Fixture("C.jpg")), TimeSpan.FromMilliseconds(50)), options, cancel.Token));
    }
}

/// <summary><see cref="Provenance.Formats.AssetReadOptions.MaxManifestStoreBoxes"/> bounds the manifests and assertions read.</summary>
public class ManifestStoreBoxLimitTests
{
    [Fact]
    public async Task Verify_StoreWithMoreBoxesThanAllowed_ReportedMalformedNamingTheLimit()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("CA.jpg"));
        var options = new VerificationOptions { ReadOptions = new Provenance.Formats.AssetReadOptions { MaxManifestStoreBoxes = 10 } };

        ValidationReport limited = await ManifestVerifier.VerifyAsync(new MemoryStream(input), options);
        ValidationReport normal = await ManifestVerifier.VerifyAsync(new MemoryStream(input));

        Assert.Equal(ValidationState.Invalid, limited.State);
        ValidationStatus failure = Assert.Single(limited.ActiveManifestResults.Failure);
        Assert.Equal(StatusCodes.ManifestMalformed, failure.Code);
        Assert.Contains("more than 10 boxes", failure.Explanation);
        Assert.NotEqual(ValidationState.Invalid, normal.State);
    }
}
