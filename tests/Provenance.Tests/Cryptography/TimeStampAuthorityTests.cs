using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// Signing with an RFC 3161 time-stamp authority run on 127.0.0.1 (<c>openssl ts -reply</c> behind
/// <see cref="LocalHttpServer"/>): a good one gives a token the verifier accepts; every way an authority can fail stops
/// signing with an error naming it and what it answered, and leaves no output and the input as it was.
/// </summary>
public class TimeStampAuthorityTests
{
    private static readonly SigningOptions Options = new() { Thumbnails = null };

    [Fact]
    public async Task SignFile_OpenSslAuthority_TimeStampValidatedAndTrusted()
    {
        using var tsa = TestTimeStampAuthority.Create();
        await using var server = LocalHttpServer.Start(query => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)));
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-2);

        await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, signer, Options with { TimeStampAuthority = new TimeStampAuthority(server.Url) });

        Assert.Equal(1, server.Requests);
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TestSigners.Anchors, TimeStampTrustAnchors = TrustAnchorSet.FromPemFile(tsa.RootPemPath) });
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampValidated);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);
        DateTimeOffset stamped = report.Active!.Signature!.Time!.Value;
        Assert.InRange(stamped, before, DateTimeOffset.UtcNow.AddSeconds(2));

        // The token's imprint is over ["CounterSignature", protected, h'', bstr(signature)] (C2PA 2.2 §10.3.2.5).
        CoseSign1Message message = Validation.Tampering.FindCose(File.ReadAllBytes(output)).Message;
        Assert.True(Rfc3161TimestampToken.TryDecode(TokenOf(message), out Rfc3161TimestampToken? token, out _));
        var signature = new System.Formats.Cbor.CborWriter();
        signature.WriteByteString(message.Signature.Span);
        byte[] counterSigned = SigStructure.ForCounterSignature(message.RawProtectedHeaders.Span, signature.Encode());
        Assert.Equal(SHA256.HashData(counterSigned), token.TokenInfo.GetMessageHash().ToArray());
    }

    [Fact]
    public async Task SignFile_TimeStamp_ReservationHoldsTheTokenAndNoMore()
    {
        using var tsa = TestTimeStampAuthority.Create();
        await using var server = LocalHttpServer.Start(query => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"));

        byte[] plain = await SignAsync(input, signer, Options);
        byte[] stamped = await SignAsync(input, signer, Options with { TimeStampAuthority = new TimeStampAuthority(server.Url) { MaxTokenSize = 4000 } });

        // The signature box grows by the token's reservation (its sigTst2 container at 4,000 bytes and the label).
        int grown = Validation.Tampering.FindCose(stamped).Length - Validation.Tampering.FindCose(plain).Length;
        Assert.InRange(grown, 4000, 4000 + 40);
    }

    public static TheoryData<string, string> Failures() => new()
    {
        { "refusal", "refused the request: PKIStatus rejection (2), failInfo systemFailure: \"clock not synchronized\"" },
        { "policy", "refused the request: PKIStatus rejection (2), failInfo unacceptedPolicy" },
        { "nonce", "not the nonce" },
        { "imprint", "time-stamped another message imprint" },
        { "not a reply", "are not a TimeStampResp" },
        { "http 500", "answered HTTP 500 Error (2 attempts)" },
        { "http 404", "answered HTTP 404 Error." },
        { "slow", "did not answer within 1 s (2 attempts)" },
        { "dead port", "could not be reached (2 attempts)" },
        { "token too large", "more than the 300 reserved for it; raise TimeStampAuthority.MaxTokenSize" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task SignFile_AuthorityFails_ClearErrorNoOutputInputUntouched(string failure, string expected)
    {
        using var tsa = TestTimeStampAuthority.Create();
        await using var server = LocalHttpServer.Start(query => failure switch
        {
            "refusal" => new HttpAnswer(200, TestTimeStampAuthority.Rejection("clock not synchronized")),
            "policy" => new HttpAnswer(200, tsa.ReplyWithOpenSsl(Rewrite(query, policy: new Oid("1.2.3.4.99")))),
            "nonce" => new HttpAnswer(200, tsa.ReplyWithOpenSsl(Rewrite(query, nonce: [0x42, 0x42]))),
            "imprint" => new HttpAnswer(200, tsa.ReplyWithOpenSsl(Rewrite(query, hash: SHA256.HashData("another signature"u8)))),
            "not a reply" => new HttpAnswer(200, "<html>maintenance</html>"u8.ToArray(), "text/html"),
            "http 500" => new HttpAnswer(500, []),
            "http 404" => new HttpAnswer(404, []),
            "slow" => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)) { Delay = TimeSpan.FromSeconds(5) },
            _ => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)),
        });
        Uri url = failure == "dead port" ? LocalHttpServer.DeadUrl() : server.Url;
        var authority = new TimeStampAuthority(url)
        {
            // Short only where the timeout is the point: openssl itself may take longer than that on a busy machine.
            Timeout = failure == "slow" ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30),
            MaxTokenSize = failure == "token too large" ? 300 : TimeStampAuthority.DefaultMaxTokenSize,
        };
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "photo.jpg");
        File.Copy(TestPaths.Fixture("no_manifest.jpg"), input);
        byte[] original = File.ReadAllBytes(input);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        TimeStampAuthorityException ex = await Assert.ThrowsAsync<TimeStampAuthorityException>(
            () => new ManifestBuilder().SignFileAsync(input, Path.Combine(dir, "signed.jpg"), signer, Options with { TimeStampAuthority = authority }));

        Assert.Equal(url, ex.Authority);
        Assert.Contains($"The time-stamp authority {url} ", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), ex.Message);
        Assert.Equal(["photo.jpg"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal(original, File.ReadAllBytes(input));
        switch (failure)
        {
            case "dead port":
                Assert.Equal(0, server.Requests);
                break;
            case "http 500":
                Assert.Equal(2, server.Requests); // one retry, for what may pass
                break;
            case "slow":
                // Both attempts are in the message; on a loaded machine one may time out before the server reads it.
                Assert.InRange(server.Requests, 1, 2);
                break;
            default:
                Assert.Equal(1, server.Requests);
                break;
        }
    }

    [Fact]
    public void TimeStampAuthority_BadSettings_Refused()
    {
        Assert.Throws<ArgumentException>(() => new TimeStampAuthority(new Uri("file:///tmp/tsa")));
        Assert.Throws<ArgumentException>(() => new TimeStampAuthority(new Uri("/tsa", UriKind.Relative)));
        var url = new Uri("http://127.0.0.1/tsa");
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeStampAuthority(url) { Timeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeStampAuthority(url) { MaxTokenSize = 0 });
        Assert.Throws<ArgumentException>(() => new TimeStampAuthority(url) { HashAlgorithm = HashAlgorithmName.SHA1 });
    }

    [Fact]
    public async Task RequestToken_Sha512Imprint_AskedAndAnswered()
    {
        using var tsa = TestTimeStampAuthority.Create();
        byte[]? sent = null;
        await using var server = LocalHttpServer.Start(query =>
        {
            sent = query;
            return new HttpAnswer(200, tsa.ReplyWithOpenSsl(query));
        });

        byte[] token = await new TimeStampAuthority(server.Url) { HashAlgorithm = HashAlgorithmName.SHA512 }.RequestTokenAsync("data"u8.ToArray(), CancellationToken.None);

        Assert.True(Rfc3161TimestampRequest.TryDecode(sent, out Rfc3161TimestampRequest? request, out _));
        Assert.True(request.RequestSignerCertificate);
        Assert.NotNull(request.GetNonce());
        Assert.True(Rfc3161TimestampToken.TryDecode(token, out Rfc3161TimestampToken? decoded, out _));
        Assert.Equal(SHA512.HashData("data"u8), decoded.TokenInfo.GetMessageHash().ToArray());
    }

    [Fact]
    public async Task RequestToken_CallersHttpClient_UsedWithTheRfc3161MediaType()
    {
        using var tsa = TestTimeStampAuthority.Create();
        await using var server = LocalHttpServer.Start(query => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)));
        var recorder = new RecordingHandler(new SocketsHttpHandler());
        using var client = new HttpClient(recorder);

        byte[] token = await new TimeStampAuthority(server.Url) { HttpClient = client }.RequestTokenAsync("data"u8.ToArray(), CancellationToken.None);

        Assert.True(Rfc3161TimestampToken.TryDecode(token, out _, out _));
        HttpRequestMessage sent = Assert.Single(recorder.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(server.Url, sent.RequestUri);
        Assert.Equal("application/timestamp-query", sent.Content!.Headers.ContentType!.MediaType); // RFC 3161 §3.4
    }

    [Fact]
    public async Task RequestToken_Cancelled_ThrowsCancellationNotAnAuthorityError()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LocalHttpServer.Start(query =>
        {
            received.TrySetResult();
            return new HttpAnswer(500, []) { Delay = TimeSpan.FromSeconds(30) };
        });
        using var cancel = new CancellationTokenSource();

        Task<byte[]> request = new TimeStampAuthority(server.Url).RequestTokenAsync("data"u8.ToArray(), cancel.Token);
        await received.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(1, server.Requests); // a cancelled request is not retried
    }

    internal static byte[] TokenOf(CoseSign1Message message)
    {
        var container = (Provenance.Cbor.CborMap)message.GetUnprotectedHeader(CoseHeaderLabels.Of(CoseHeaderLabels.SigTst2))!;
        var tokens = (Provenance.Cbor.CborArray)container.GetValueOrDefault("tstTokens")!;
        return ((Provenance.Cbor.CborByteString)((Provenance.Cbor.CborMap)tokens[0]).GetValueOrDefault("val")!).Value.ToArray();
    }

    private static async Task<byte[]> SignAsync(byte[] input, IClaimSigner signer, SigningOptions options)
    {
        using var output = new MemoryStream();
        await new ManifestBuilder().SignAsync(new MemoryStream(input), output, signer, options);
        return output.ToArray();
    }

    // The client's query, changed the way a faulty or hostile authority would answer another one.
    private static byte[] Rewrite(byte[] query, Oid? policy = null, byte[]? nonce = null, byte[]? hash = null)
    {
        Assert.True(Rfc3161TimestampRequest.TryDecode(query, out Rfc3161TimestampRequest? request, out _));
        return Rfc3161TimestampRequest.CreateFromHash(
            hash ?? request.GetMessageHash(),
            HashAlgorithmName.SHA256,
            policy ?? request.RequestedPolicyId,
            nonce ?? request.GetNonce(),
            request.RequestSignerCertificate).Encode();
    }

    private sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
