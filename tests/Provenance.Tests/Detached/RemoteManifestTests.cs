using System.Text;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Tests.Media;
using Provenance.Validation;

namespace Provenance.Tests.Detached;

/// <summary>
/// Remote manifests (C2PA 2.2 §11.3): signing writes an XMP <c>dcterms:provenance</c> reference, with or without an
/// embedded store; verifying fetches the store over HTTP only from allowed hosts, bounded in size and time, and follows
/// no redirect to another host. The stores are served from 127.0.0.1.
/// </summary>
public sealed class RemoteManifestTests : IDisposable
{
    private readonly LocalManifestServer _server = new();

    public void Dispose() => _server.Dispose();

    private VerificationOptions Fetching(TimeSpan? timeout = null, long? maxBytes = null) => new()
    {
        TrustAnchors = TestSigners.Anchors,
        RemoteManifests = new RemoteManifestOptions
        {
            AllowedHosts = ["127.0.0.1"],
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxBytes = maxBytes ?? RemoteManifestOptions.DefaultMaxBytes,
        },
    };

    public static TheoryData<string> Images() =>
        ["fixture:no_manifest.jpg", "fixture:earth_apollo17.jpg", "fixture:sample1.png", "ffmpeg:jpeg", "ffmpeg:png", "ffmpeg:mp4", "fixture:video1_no_manifest.mp4", "formats:sample1.heic"];

    private static byte[] Read(string source) => File.ReadAllBytes(source switch
    {
        "ffmpeg:jpeg" => TestMedia.PhotoJpeg(),
        "ffmpeg:png" => TestMedia.Png(),
        "ffmpeg:mp4" => TestMedia.Mp4WithAudio(),
        _ when source.StartsWith("formats:", StringComparison.Ordinal) => Path.Combine(TestPaths.C2paRsFixtures, "formats", source["formats:".Length..]),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    });

    // Signs with the store published at url (not embedded): the asset with its reference, and the store to serve.
    internal static async Task<(byte[] Asset, byte[] Store)> SignRemoteAsync(byte[] input, Uri url)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        using var store = new MemoryStream();
        SigningResult result = await new ManifestBuilder { Title = "remote" }.AddAuthor("Ada")
            .SignRemoteAsync(new MemoryStream(input, writable: false), output, store, signer, new SigningOptions { RemoteManifestUrl = url });
        Assert.Equal(store.ToArray(), result.ManifestStore.ToArray());
        return (output.ToArray(), store.ToArray());
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Remote_FetchedFromAllowedHost_Trusted(string source)
    {
        Uri url = _server.Url("stores/a.c2pa");
        (byte[] asset, byte[] store) = await SignRemoteAsync(Read(source), url);
        _server.Serve("a.c2pa", store);

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching());

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Equal(ManifestSource.Remote, report.ManifestSource);
        Assert.Equal(url.AbsoluteUri, report.RemoteManifestUrl);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code is StatusCodes.AssertionDataHashMatch or StatusCodes.AssertionBmffHashMatch);
        Assert.Equal(["Ada"], report.Summary.Authors);
    }

    [Fact]
    public async Task Remote_OutputStillDecodesToTheSamePixels()
    {
        string dir = TestPaths.NewTempDirectory();
        foreach (string source in new[] { TestMedia.PhotoJpeg(), TestMedia.Png(), TestMedia.Mp4WithAudio() })
        {
            (byte[] asset, _) = await SignRemoteAsync(File.ReadAllBytes(source), _server.Url("stores/p.c2pa"));
            string signed = Path.Combine(dir, "signed" + Path.GetExtension(source));
            File.WriteAllBytes(signed, asset);

            Assert.Equal(FrameHashes(source), FrameHashes(signed));
        }
    }

    private static string FrameHashes(string path)
    {
        (int exit, string output, string error) = ProcessRunner.Run("ffmpeg", ["-v", "error", "-i", path, "-map", "0", "-f", "framemd5", "-"], TimeSpan.FromMinutes(1), "ffmpeg is needed");
        Assert.True(exit == 0, error);
        return string.Join('\n', output.Split('\n').Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public async Task Remote_NotAllowed_NotFetchedAndInaccessible()
    {
        (byte[] asset, byte[] store) = await SignRemoteAsync(Read("fixture:no_manifest.jpg"), _server.Url("stores/b.c2pa"));
        _server.Serve("b.c2pa", store);

        ValidationReport none = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        ValidationReport otherHost = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), new VerificationOptions
        {
            TrustAnchors = TestSigners.Anchors,
            RemoteManifests = new RemoteManifestOptions { AllowedHosts = ["manifests.example.org"] },
        });

        foreach (ValidationReport report in new[] { none, otherHost })
        {
            Assert.Equal(ValidationState.Invalid, report.State);
            ValidationStatus failure = Assert.Single(report.ActiveManifestResults.Failure);
            Assert.Equal(StatusCodes.ManifestInaccessible, failure.Code);
            Assert.Contains("not fetched", failure.Explanation);
        }

        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Remote_AssetChangedAfterSigning_Invalid()
    {
        (byte[] asset, byte[] store) = await SignRemoteAsync(Read("fixture:sample1.png"), _server.Url("stores/c.c2pa"));
        _server.Serve("c.c2pa", store);
        asset[^40] ^= 0x01;

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching());

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.AssertionDataHashMismatch);
    }

    [Fact]
    public async Task Remote_ServedStoreOfAnotherAsset_Invalid()
    {
        (byte[] asset, _) = await SignRemoteAsync(Read("fixture:no_manifest.jpg"), _server.Url("stores/d.c2pa"));
        (_, byte[] otherStore) = await SignRemoteAsync(Read("fixture:earth_apollo17.jpg"), _server.Url("stores/d.c2pa"));
        _server.Serve("d.c2pa", otherStore);

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching());

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.AssertionDataHashMismatch);
    }

    [Fact]
    public async Task Remote_ReferenceRewrittenToAnotherUrl_Invalid()
    {
        // The reference is hashed like any other byte: pointing the asset elsewhere breaks the binding.
        (byte[] asset, byte[] store) = await SignRemoteAsync(Read("fixture:no_manifest.jpg"), _server.Url("stores/e.c2pa"));
        _server.Serve("e.c2pa", store);
        _server.Serve("f.c2pa", store);
        byte[] from = Encoding.ASCII.GetBytes("stores/e.c2pa");
        int at = asset.AsSpan().IndexOf(from);
        Assert.True(at > 0);
        asset[at + "stores/".Length] = (byte)'f';

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching());

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(_server.Url("stores/f.c2pa").AbsoluteUri, report.RemoteManifestUrl);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.AssertionDataHashMismatch);
    }

    [Theory]
    [InlineData("slow", "did not finish within")]
    [InlineData("big-declared", "more than the limit")]
    [InlineData("big-streamed", "more than the limit")]
    [InlineData("redirect-other/g.c2pa", "another host")]
    [InlineData("missing", "404")]
    public async Task Remote_HostileOrBrokenServer_InaccessibleNeverTrusted(string path, string why)
    {
        Uri url = _server.Url(path);
        (byte[] asset, byte[] store) = await SignRemoteAsync(Read("fixture:no_manifest.jpg"), url);
        _server.Serve("g.c2pa", store);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching(timeout: TimeSpan.FromSeconds(2), maxBytes: 1 << 20));

        Assert.Equal(ValidationState.Invalid, report.State);
        ValidationStatus failure = Assert.Single(report.ActiveManifestResults.Failure);
        Assert.Equal(StatusCodes.ManifestInaccessible, failure.Code);
        Assert.Contains(why, failure.Explanation);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Remote_RedirectOnTheSameHost_Followed()
    {
        (byte[] asset, byte[] store) = await SignRemoteAsync(Read("fixture:no_manifest.jpg"), _server.Url("redirect-same/h.c2pa"));
        _server.Serve("h.c2pa", store);

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching());

        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public async Task Remote_CallerCancels_Cancelled()
    {
        (byte[] asset, _) = await SignRemoteAsync(Read("fixture:no_manifest.jpg"), _server.Url("slow"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ManifestVerifier.VerifyAsync(new MemoryStream(asset), Fetching(), cancel.Token));
    }

    [Theory]
    [InlineData("fixture:no_manifest.jpg")]
    [InlineData("fixture:sample1.png")]
    [InlineData("ffmpeg:mp4")]
    public async Task EmbeddedWithReference_EmbeddedStoreVerified_AndAfterStrippingTheRemoteOne(string source)
    {
        Uri url = _server.Url("stores/i.c2pa");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        SigningResult result = await new ManifestBuilder().AddAuthor("Ada").SignAsync(new MemoryStream(Read(source)), output, signer, new SigningOptions { RemoteManifestUrl = url });
        byte[] signed = output.ToArray();
        _server.Serve("i.c2pa", result.ManifestStore.ToArray());

        ValidationReport embedded = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), Fetching());
        int requestsForEmbedded = _server.Requests;
        ValidationReport remote = await ManifestVerifier.VerifyAsync(new MemoryStream(Strip(signed)), Fetching());

        Assert.Equal(ValidationState.Trusted, embedded.State);
        Assert.Equal(ManifestSource.Embedded, embedded.ManifestSource);
        Assert.Equal(0, requestsForEmbedded);

        // With the store stripped the bytes differ from those the embedded binding hashed (it excluded the store where
        // it was), so the fetched store is found but does not bind the stripped asset: never Trusted.
        Assert.Equal(ManifestSource.Remote, remote.ManifestSource);
        Assert.Equal(ValidationState.Invalid, remote.State);
        Assert.Contains(remote.ActiveManifestResults.Failure, s => s.Code is StatusCodes.AssertionDataHashMismatch or StatusCodes.AssertionBmffHashMismatch);
        Assert.Equal(1, _server.Requests);
    }

    private static byte[] Strip(byte[] signed)
    {
        using var input = new MemoryStream(signed);
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();
        EmbeddingPlan plan = handler.PlanRemoval(input, AssetReadOptions.Default);
        using var output = new MemoryStream();
        EmbeddingWriter.WriteAsync(input, output, plan, ReadOnlyMemory<byte>.Empty).GetAwaiter().GetResult();
        return output.ToArray();
    }
}
