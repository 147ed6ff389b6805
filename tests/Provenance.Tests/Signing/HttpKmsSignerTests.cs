using Provenance.Cryptography;
using Provenance.Validation;
using RemoteSigner;

namespace Provenance.Tests.Signing;

/// <summary>
/// The remote-signer sample's signer and key service (samples/RemoteSigner, compiled into the tests): a signature
/// through HTTP, the certificate chain fetched once, DER converted to P1363, and a cancellation while the service
/// holds the request.
/// </summary>
public sealed class HttpKmsSignerTests : IAsyncLifetime
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnail = false };
    private readonly string _dir = TestPaths.NewTempDirectory();
    private KeyService? _service;
    private HttpClient? _http;

    private KeyService Service => _service!;

    public async Task InitializeAsync()
    {
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, _dir);
        _service = await KeyService.StartAsync(chain, key);
        _http = new HttpClient { BaseAddress = _service.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignFile_TwoAssets_ChainFetchedOnceAndEachTrusted()
    {
        using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(_http!);
        var verification = new VerificationOptions { TrustAnchors = TestSigners.Anchors };

        foreach (string fixture in (string[])["no_manifest.jpg", "sample1.png"])
        {
            string output = Path.Combine(_dir, "signed-" + fixture);
            await new ManifestBuilder().SignFileAsync(TestPaths.Fixture(fixture), output, signer, NoThumbnail);
            ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, verification);
            Assert.Equal(ValidationState.Trusted, report.State);
            Assert.Equal("ES256", report.Manifests.Single(m => m.Label == report.ActiveManifest).Signature!.Algorithm);
        }

        Assert.Equal(1, Service.ChainRequests);
        Assert.Equal(2, Service.SignRequests);
    }

    [Fact]
    public async Task SignAsync_ServiceAnswersDer_ConvertedToP1363ThatVerifies()
    {
        using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(_http!);
        byte[] data = "COSE ToBeSigned"u8.ToArray();

        byte[] signature = await signer.SignAsync(data);

        Assert.Equal(64, signature.Length);
        Assert.True(SignatureVerifier.Verify(SigningAlgorithm.ES256, signer.CertificateChain[0], data, signature));
    }

    [Fact]
    public async Task SignFile_CancelledWhileServiceHoldsRequest_CancelledAbandonedAndNoOutput()
    {
        using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(_http!);
        Service.Latency = TimeSpan.FromMinutes(5);
        string output = Path.Combine(_dir, "cancelled.jpg");
        using var cancellation = new CancellationTokenSource();
        Task arrived = Service.WhenSignRequestArrives();
        Task aborted = Service.WhenSignRequestAborted();

        Task signing = new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, signer, NoThumbnail, cancellation.Token);
        await arrived.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(signing.IsCompleted);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signing.WaitAsync(TimeSpan.FromSeconds(30)));
        await aborted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, Service.AbortedRequests);
        Assert.Equal(0, Service.SignRequests);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "cancelled*"));
    }
}
