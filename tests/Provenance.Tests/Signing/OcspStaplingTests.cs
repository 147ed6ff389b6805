using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using Provenance.Cryptography;
using Provenance.Tests.Cryptography;
using Provenance.Tests.Validation;
using Provenance.Validation;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Provenance.Tests.Signing;

/// <summary>
/// Stapling the signer's OCSP response in the claim signature's <c>rVals</c> header (C2PA 2.2 §14.5.2): given by the
/// caller or fetched from the responder the certificate names (an <c>openssl ocsp</c> responder on 127.0.0.1).
/// </summary>
public sealed class OcspStaplingTests : IDisposable
{
    private readonly OcspScenario _scenario = new("OCSP Stapling");

    private OcspTestAuthority Authority => _scenario.Authority;

    public void Dispose() => _scenario.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sign_GivenGoodResponse_StaplesItAndVerifiesNotRevoked(bool remoteSigner)
    {
        using LocalSigner local = Authority.IssueSigner("Stapling Signer");
        IClaimSigner signer = remoteSigner ? new RemoteSigner(local) : local;
        byte[] response = Authority.Respond(local.CertificateChain[0]);

        byte[] signed = await OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = response });

        Assert.Equal(response, Assert.Single(OcspScenario.Stapled(signed)).ToArray());
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), _scenario.Offline);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        Assert.DoesNotContain(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspSkipped);
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public async Task Sign_GivenResponse_ReservesRoomForIt()
    {
        using LocalSigner signer = Authority.IssueSigner("Reserving Signer");
        byte[] response = Authority.Respond(signer.CertificateChain[0]);

        int without = Tampering.FindCose(await OcspScenario.SignAsync(signer)).Length;
        int with = Tampering.FindCose(await OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = response })).Length;

        // The reservation grows by the stapled header, so the fixed slack stays free for what later steps add.
        Assert.True(with - without >= response.Length, $"{with} - {without} < {response.Length}");
    }

    [Fact]
    public async Task Sign_GivenRevokedResponse_RefusesToSign()
    {
        using LocalSigner signer = Authority.IssueSigner("Revoked Signer");
        Authority.Revoke(signer.CertificateChain[0], DateTimeOffset.UtcNow.AddMinutes(-5), "keyCompromise");

        var ex = await Assert.ThrowsAsync<ProvenanceSigningException>(() => OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = Authority.Respond(signer.CertificateChain[0]) }));

        Assert.Contains("revoked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_GivenResponseAboutAnotherCertificate_RefusesToStapleIt()
    {
        using LocalSigner signer = Authority.IssueSigner("Signer A");
        using X509Certificate2 other = Authority.IssueCertificate("Signer B");

        var ex = await Assert.ThrowsAsync<ProvenanceSigningException>(() => OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = Authority.Respond(other) }));

        Assert.Contains("another certificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ResponseAndFetchBoth_IsMisuse()
    {
        using LocalSigner signer = Authority.IssueSigner("Both Signer");

        await Assert.ThrowsAsync<ArgumentException>(() => OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = new byte[] { 0x30, 0x00 }, FetchOcsp = true }));
        byte[]? none = null;
        await Assert.ThrowsAsync<ArgumentException>(() => OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = none }));
    }

    [Fact]
    public async Task Sign_FetchFromResponder_StaplesItsGoodAnswer()
    {
        using LocalSigner signer = Authority.IssueSigner("Fetching Signer");
        using OcspTestAuthority.ResponderProcess responder = Authority.StartResponder();

        byte[] signed = await OcspScenario.SignAsync(signer, new SigningOptions { FetchOcsp = true });

        byte[] stapled = Assert.Single(OcspScenario.Stapled(signed)).ToArray();
        SingleResp single = Assert.Single(((BasicOcspResp)new OcspResp(stapled).GetResponseObject()).Responses);
        Assert.Equal(new BcCertificate(signer.CertificateChain[0].RawData).SerialNumber, single.GetCertID().SerialNumber);
        Assert.Null(single.GetCertStatus()); // good
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), _scenario.Offline);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
    }

    [Fact]
    public async Task Sign_FetchFromResponderThatSaysRevoked_RefusesToSign()
    {
        using LocalSigner signer = Authority.IssueSigner("Fetching Revoked Signer");
        Authority.Revoke(signer.CertificateChain[0], DateTimeOffset.UtcNow.AddMinutes(-5), "superseded");
        using OcspTestAuthority.ResponderProcess responder = Authority.StartResponder();

        var ex = await Assert.ThrowsAsync<ProvenanceSigningException>(() => OcspScenario.SignAsync(signer, new SigningOptions { FetchOcsp = true }));

        Assert.Contains("revoked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_FetchWhenNoResponderListens_SignsWithoutAndSaysWhy()
    {
        // Nothing listens on the authority's port: the fetch fails fast, and signing goes on without a response.
        using LocalSigner signer = Authority.IssueSigner("Unanswered Signer");
        var builder = new ManifestBuilder { Title = "ocsp test" };
        using var output = new MemoryStream();

        SigningResult result = await builder.SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, new SigningOptions { FetchOcsp = true, Thumbnails = null });

        Assert.Contains(result.Notes, n => n.StartsWith("No OCSP response was stapled", StringComparison.Ordinal) && n.Contains(Authority.ResponderUri.ToString(), StringComparison.Ordinal));
        Assert.Empty(OcspScenario.Stapled(output.ToArray()));
    }

    [Fact]
    public async Task Sign_FetchWithoutIssuerInTheChain_SignsWithoutAndSaysWhy()
    {
        // A chain of the signing certificate alone: no CertID can be made, and no verifier could check a response.
        using X509Certificate2 certificate = Authority.IssueCertificate("Lone Signer");
        using LocalSigner signer = LocalSigner.FromCertificate(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null));
        var builder = new ManifestBuilder { Title = "ocsp test" };

        SigningResult result = await builder.SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), new MemoryStream(), signer, new SigningOptions { FetchOcsp = true, Thumbnails = null });

        Assert.Contains(result.Notes, n => n.Contains("does not carry the issuer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_Fetch_PostsARequestNamingTheSigningCertificate()
    {
        using LocalSigner signer = Authority.IssueSigner("Recorded Signer");
        var client = new RecordingClient(Authority.Respond(signer.CertificateChain[0]));

        await OcspScenario.SignAsync(signer, new SigningOptions { FetchOcsp = true, OcspClient = client });

        (Uri responder, byte[] request) = Assert.Single(client.Requests);
        Assert.Equal(Authority.ResponderUri, responder);
        CertificateID id = Assert.Single(new OcspReq(request).GetRequestList()).GetCertID();
        Assert.Equal(new BcCertificate(signer.CertificateChain[0].RawData).SerialNumber, id.SerialNumber);
        Assert.True(id.MatchesIssuer(new BcCertificate(Authority.Issuing.Certificate.RawData)));
    }

    /// <summary>An <see cref="IOcspClient"/> that answers with a fixed response and remembers what it was asked.</summary>
    private sealed class RecordingClient(byte[] response) : IOcspClient
    {
        public List<(Uri Responder, byte[] Request)> Requests { get; } = [];

        public Task<byte[]> SendAsync(Uri responder, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
        {
            Requests.Add((responder, request.ToArray()));
            return Task.FromResult(response);
        }
    }

    /// <summary>Any <see cref="IClaimSigner"/> but a <see cref="LocalSigner"/> signs through our own Sig_structure path.</summary>
    private sealed class RemoteSigner(LocalSigner inner) : IClaimSigner
    {
        public SigningAlgorithm Algorithm => inner.Algorithm;

        public IReadOnlyList<X509Certificate2> CertificateChain => inner.CertificateChain;

        public int MaxSignatureSize => inner.MaxSignatureSize;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default) => inner.SignAsync(toBeSigned, cancellationToken);
    }
}
