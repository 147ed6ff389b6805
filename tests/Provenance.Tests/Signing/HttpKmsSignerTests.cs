using System.Net;
using System.Security.Cryptography;
using Provenance.Cryptography;
using Provenance.Validation;
using RemoteSigner;

namespace Provenance.Tests.Signing;

/// <summary>
/// The remote-signer sample's signer (samples/RemoteSigner/HttpKmsSigner.cs, compiled into the tests) against a key
/// service answered in process by an <see cref="HttpMessageHandler"/>, so that a test sees each request and can cancel
/// one while the service holds it. The sample's own run (SampleTests) does the same over a socket, with ASP.NET Core.
/// </summary>
public sealed class HttpKmsSignerTests : IDisposable
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };
    private readonly string _dir = TestPaths.NewTempDirectory();
    private readonly InProcessKeyService _service;
    private readonly HttpClient _http;

    public HttpKmsSignerTests()
    {
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, _dir);
        _service = new InProcessKeyService(File.ReadAllText(chain), File.ReadAllText(key));
        _http = new HttpClient(_service) { BaseAddress = new Uri("http://127.0.0.1:9/") };
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task SignFile_TwoAssets_ChainFetchedOnceAndEachTrusted()
    {
        using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(_http);
        var verification = new VerificationOptions { TrustAnchors = TestSigners.Anchors };

        foreach (string fixture in (string[])["no_manifest.jpg", "sample1.png"])
        {
            string output = Path.Combine(_dir, "signed-" + fixture);
            await new ManifestBuilder().SignFileAsync(TestPaths.Fixture(fixture), output, signer, NoThumbnail);
            ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, verification);
            Assert.Equal(ValidationState.Trusted, report.State);
            Assert.Equal("ES256", report.Manifests.Single(m => m.Label == report.ActiveManifest).Signature!.Algorithm);
        }

        Assert.Equal(1, _service.ChainRequests);
        Assert.Equal(2, _service.SignRequests);
    }

    [Fact]
    public async Task SignAsync_ServiceAnswersDerOfDigest_ConvertedToP1363ThatVerifies()
    {
        using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(_http);
        byte[] data = "COSE ToBeSigned"u8.ToArray();

        byte[] signature = await signer.SignAsync(data);

        Assert.Equal(SHA256.HashData(data), _service.LastDigest!);
        Assert.Equal(0x30, _service.LastAnswer![0]); // the service answered DER (SEQUENCE { r, s })
        Assert.Equal(64, signature.Length);
        Assert.True(SignatureVerifier.Verify(SigningAlgorithm.ES256, signer.CertificateChain[0], data, signature));
    }

    [Fact]
    public async Task SignFile_CancelledWhileServiceHoldsRequest_CancelledAbandonedAndNoOutput()
    {
        using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(_http);
        _service.Hold = true;
        string output = Path.Combine(_dir, "cancelled.jpg");
        using var cancellation = new CancellationTokenSource();

        Task signing = new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, signer, NoThumbnail, cancellation.Token);
        await _service.SignRequestArrived.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(signing.IsCompleted);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signing.WaitAsync(TimeSpan.FromSeconds(30)));
        await _service.SignRequestAbandoned.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _service.SignRequests);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "cancelled*"));
    }

    /// <summary>The sample's key service protocol, answered in process: GET certificate-chain, POST sign (digest in, DER out).</summary>
    private sealed class InProcessKeyService(string chainPem, string keyPem) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _chainRequests;
        private int _signRequests;

        public bool Hold { get; set; }

        public int ChainRequests => Volatile.Read(ref _chainRequests);

        public int SignRequests => Volatile.Read(ref _signRequests);

        public byte[]? LastDigest { get; private set; }

        public byte[]? LastAnswer { get; private set; }

        public Task SignRequestArrived => _arrived.Task;

        public Task SignRequestAbandoned => _abandoned.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/certificate-chain")
            {
                Interlocked.Increment(ref _chainRequests);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(chainPem) };
            }

            Assert.Equal("/sign", request.RequestUri!.AbsolutePath);
            byte[] digest = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            _arrived.TrySetResult();
            if (Hold)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _abandoned.TrySetResult();
                    throw;
                }
            }

            using var key = ECDsa.Create();
            key.ImportFromPem(keyPem);
            LastDigest = digest;
            LastAnswer = key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
            Interlocked.Increment(ref _signRequests);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(LastAnswer) };
        }
    }
}
