using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;
using Provenance.Tests.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// Revocation at verification (C2PA 2.2 §15.9): a stapled OCSP response read offline, a fetch only when the caller
/// allows it, and what an attacker can do with the unsigned <c>rVals</c> header: every substitute is refused and never
/// reads as <c>signingCredential.ocsp.notRevoked</c>.
/// </summary>
public sealed class RevocationValidationTests : IDisposable
{
    private readonly OcspScenario _scenario = new("OCSP Verification");

    private OcspTestAuthority Authority => _scenario.Authority;

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task Verify_NothingStapledAndNoFetch_ReportsSkipped()
    {
        using LocalSigner signer = Authority.IssueSigner("Plain Signer");
        byte[] signed = await OcspScenario.SignAsync(signer);

        ValidationReport report = await VerifyAsync(signed);

        ValidationStatus skipped = Assert.Single(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspSkipped);
        Assert.Equal("OCSP fetching skipped", skipped.Explanation);
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public async Task Verify_StapledRevoked_IsInvalid()
    {
        (LocalSigner signer, byte[] signed) = await SignWithGoodResponseAsync("Revoked Later Signer");
        using (signer)
        {
            Authority.Revoke(signer.CertificateChain[0], DateTimeOffset.UtcNow.AddMinutes(-1), "keyCompromise");
            byte[] revoked = OcspScenario.Restaple(signed, Authority.Respond(signer.CertificateChain[0]));

            ValidationReport report = await VerifyAsync(revoked);

            Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.SigningCredentialOcspRevoked);
            Assert.Equal(ValidationState.Invalid, report.State);
        }
    }

    [Fact]
    public async Task Verify_StapledUnknown_ReportsUnknownAsInformation()
    {
        using X509Certificate2 unlisted = Authority.IssueCertificate("Unlisted Signer", recordInIndex: false);
        using LocalSigner signer = LocalSigner.FromCertificate(X509CertificateLoader.LoadPkcs12(unlisted.Export(X509ContentType.Pkcs12), null), [X509CertificateLoader.LoadCertificate(Authority.Issuing.Certificate.RawData)]);
        byte[] signed = OcspScenario.Restaple(await OcspScenario.SignAsync(signer), Authority.Respond(unlisted));

        ValidationReport report = await VerifyAsync(signed);

        Assert.Contains(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspUnknown);
        Assert.DoesNotContain(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Theory]
    [InlineData("another certificate's good response")]
    [InlineData("a response signed by another CA's responder")]
    [InlineData("a stale response")]
    [InlineData("a response with its nextUpdate moved")]
    public async Task Verify_RevokedSignerWithSubstituteStapled_NeverNotRevokedAndFetchFindsRevoked(string substitute)
    {
        // The signer's certificate is revoked; the attacker swaps the stapled response (unprotected, so the signature holds).
        (LocalSigner signer, byte[] signed) = await SignWithGoodResponseAsync("Attacked Signer");
        using (signer)
        {
            X509Certificate2 certificate = signer.CertificateChain[0];
            byte[] attacked = OcspScenario.Restaple(signed, Substitute(substitute, certificate));
            Authority.Revoke(certificate, DateTimeOffset.UtcNow.AddMinutes(-1), "keyCompromise");

            ValidationReport offline = await VerifyAsync(attacked);

            Assert.DoesNotContain(offline.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
            ValidationStatus skipped = Assert.Single(offline.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspSkipped);
            Assert.StartsWith("the stapled OCSP response was ignored", skipped.Explanation, StringComparison.Ordinal);

            // A verifier allowed to ask the responder learns the truth the substitute hid.
            using OcspTestAuthority.ResponderProcess responder = Authority.StartResponder();
            ValidationReport online = await VerifyAsync(attacked, fetch: true);
            Assert.Contains(online.ActiveManifestResults.Failure, f => f.Code == StatusCodes.SigningCredentialOcspRevoked);
            Assert.Equal(ValidationState.Invalid, online.State);
        }
    }

    [Fact]
    public async Task Verify_LookAlikeIssuerInTheSignedChain_ItsResponderIsNotBelieved()
    {
        // A revoked signer's own x5chain names, after its certificate, a CA of the issuer's name, whose responder says
        // good under a CertID of that CA's hashes: the look-alike did not sign the certificate, so neither counts.
        using X509Certificate2 certificate = Authority.IssueCertificate("Look-alike Signer");
        Authority.Revoke(certificate, DateTimeOffset.UtcNow.AddMinutes(-1), "keyCompromise");
        using var lookAlike = new OcspTestAuthority("OCSP Verification");
        Assert.Equal(Authority.Issuing.Certificate.SubjectName.Name, lookAlike.Issuing.Certificate.SubjectName.Name);
        using LocalSigner signer = LocalSigner.FromCertificate(
            X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null),
            [X509CertificateLoader.LoadCertificate(lookAlike.Issuing.Certificate.RawData)]);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] attacked = OcspScenario.Restaple(await OcspScenario.SignAsync(signer), lookAlike.RespondAt(certificate, now.AddMinutes(-5), now.AddDays(1)));

        ValidationReport report = await VerifyAsync(attacked);

        Assert.DoesNotContain(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        ValidationStatus skipped = Assert.Single(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspSkipped);
        Assert.Contains("issuer is neither in its x5chain nor a trust anchor", skipped.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_StapledAtSigningAndTimeStamped_StillNotRevokedAfterNextUpdate()
    {
        // What stapling is for: a response current at the trusted time of signing vouches for it whenever the file is read.
        (LocalSigner signer, byte[] signedWithRoom) = await SignWithGoodResponseAsync("Long-lived Signer");
        using var disposeSigner = signer;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] signed = OcspScenario.Restaple(signedWithRoom, Authority.RespondAt(signer.CertificateChain[0], now.AddMinutes(-50), now.AddMinutes(-20)));
        // A time-stamp authority issued by a CA the verifier lists (a self-signed one fails the certificate profile).
        using var authority = Cryptography.TestTimeStampAuthority.Create("OCSP Test TSA", now.AddYears(-1), now.AddYears(1));
        X509Certificate2 tsa = authority.Certificate;
        var anchors = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromCertificates([Authority.Root.Certificate, authority.Root.Certificate]) };

        ValidationReport stampedInside = await ManifestVerifier.VerifyAsync(new MemoryStream(OcspScenario.TimeStamp(signed, tsa, now.AddMinutes(-30))), anchors);
        ValidationReport stampedAfter = await ManifestVerifier.VerifyAsync(new MemoryStream(OcspScenario.TimeStamp(signed, tsa, now.AddMinutes(-10))), anchors);
        ValidationReport notStamped = await VerifyAsync(signed);

        Assert.Contains(stampedInside.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);
        Assert.Contains(stampedInside.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        Assert.DoesNotContain(stampedAfter.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        Assert.DoesNotContain(notStamped.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        Assert.Contains(notStamped.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspSkipped && s.Explanation!.Contains("stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_RevokedAfterTheTrustedTimeOfSigning_DependsOnTheReason()
    {
        (LocalSigner signer, byte[] signed) = await SignWithGoodResponseAsync("Superseded Signer");
        using (signer)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            // A time-stamp authority issued by a CA the verifier lists (a self-signed one fails the certificate profile).
            using var authority = Cryptography.TestTimeStampAuthority.Create("OCSP Test TSA", now.AddYears(-1), now.AddYears(1));
            X509Certificate2 tsa = authority.Certificate;
            var anchors = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromCertificates([Authority.Root.Certificate, authority.Root.Certificate]) };
            byte[] stamped = OcspScenario.TimeStamp(signed, tsa, now.AddMinutes(-30));
            Authority.Revoke(signer.CertificateChain[0], now.AddMinutes(-1), "superseded");
            byte[] superseded = OcspScenario.Restaple(stamped, Authority.Respond(signer.CertificateChain[0]));
            Authority.Revoke(signer.CertificateChain[0], now.AddMinutes(-1), "keyCompromise");
            byte[] compromised = OcspScenario.Restaple(stamped, Authority.Respond(signer.CertificateChain[0]));

            ValidationReport afterSupersession = await ManifestVerifier.VerifyAsync(new MemoryStream(superseded), anchors);
            ValidationReport afterCompromise = await ManifestVerifier.VerifyAsync(new MemoryStream(compromised), anchors);

            Assert.Contains(afterSupersession.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
            Assert.Equal(ValidationState.Trusted, afterSupersession.State);
            Assert.Contains(afterCompromise.ActiveManifestResults.Failure, f => f.Code == StatusCodes.SigningCredentialOcspRevoked);
            Assert.Equal(ValidationState.Invalid, afterCompromise.State);
        }
    }

    [Fact]
    public async Task Verify_AdobeFixtureWithResponseSignedByTheIssuingCa_NotRevokedAtItsTimeStamp()
    {
        // c2pa-rs's ocsp.jpg (Photoshop): each manifest staples a response its issuing CA signed itself, carrying no
        // certificate (RFC 6960 §4.2.2.2 allows it). c2pa-rs ignores such responses; we check them (docs/conformance.md).
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("ocsp.jpg"), options);

        ValidationStatus notRevoked = Assert.Single(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked && s.Url!.Contains(report.ActiveManifest!, StringComparison.Ordinal));
        Assert.Contains("at the trusted time of signing", notRevoked.Explanation, StringComparison.Ordinal);
        Assert.Equal([StatusCodes.SigningCredentialUntrusted], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task Verify_FetchAllowed_AsksTheResponder()
    {
        using LocalSigner signer = Authority.IssueSigner("Fetched Signer");
        byte[] signed = await OcspScenario.SignAsync(signer);
        ValidationReport good;
        using (Authority.StartResponder())
        {
            good = await VerifyAsync(signed, fetch: true);
        }

        // openssl reads its index when it starts (and again only when the file's mtime moves on by a second).
        Authority.Revoke(signer.CertificateChain[0], DateTimeOffset.UtcNow.AddMinutes(-1), "superseded");
        ValidationReport revoked;
        using (Authority.StartResponder())
        {
            revoked = await VerifyAsync(signed, fetch: true);
        }

        ValidationStatus notRevoked = Assert.Single(good.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialOcspNotRevoked);
        Assert.Contains(Authority.ResponderUri.ToString(), notRevoked.Explanation, StringComparison.Ordinal);
        Assert.Contains(revoked.ActiveManifestResults.Failure, f => f.Code == StatusCodes.SigningCredentialOcspRevoked);
    }

    [Fact]
    public async Task Verify_FetchAllowedButNoResponderListens_ReportsInaccessible()
    {
        using LocalSigner signer = Authority.IssueSigner("Unreachable Signer");
        byte[] signed = await OcspScenario.SignAsync(signer);

        ValidationReport report = await VerifyAsync(signed, fetch: true);

        Assert.Contains(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspInaccessible);
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public async Task Verify_FetchFromResponderThatNeverAnswers_TimesOut()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var uri = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
        using LocalSigner signer = Authority.IssueSigner("Silent Responder Signer", uri);
        byte[] signed = await OcspScenario.SignAsync(signer);
        var options = _scenario.Offline with { FetchOcsp = true, OcspClient = new HttpOcspClient { Timeout = TimeSpan.FromMilliseconds(500) } };

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), options);

        ValidationStatus inaccessible = Assert.Single(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.SigningCredentialOcspInaccessible);
        Assert.Contains("did not answer within", inaccessible.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpOcspClient_AnswerLargerThanTheLimit_IsRefused()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        Task serve = Task.Run(async () =>
        {
            using TcpClient client = await server.AcceptTcpClientAsync();
            using NetworkStream stream = client.GetStream();
            byte[] buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            byte[] body = new byte[100_000];
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nConnection: close\r\n\r\n"));
            try
            {
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
                // The client stops reading at its limit and closes.
            }
        });
        var client = new HttpOcspClient { MaxResponseSize = 10_000 };

        await Assert.ThrowsAsync<InvalidDataException>(() => client.SendAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}/"), new byte[] { 0x30, 0x00 }, CancellationToken.None));
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private Task<ValidationReport> VerifyAsync(byte[] asset, bool fetch = false)
        => ManifestVerifier.VerifyAsync(new MemoryStream(asset), _scenario.Offline with { FetchOcsp = fetch });

    private async Task<(LocalSigner Signer, byte[] Signed)> SignWithGoodResponseAsync(string name)
    {
        LocalSigner signer = Authority.IssueSigner(name);
        return (signer, await OcspScenario.SignAsync(signer, new SigningOptions { OcspResponse = Authority.Respond(signer.CertificateChain[0]) }));
    }

    // Made while the certificate is still good, as an attacker keeps what served them before the revocation.
    private byte[] Substitute(string substitute, X509Certificate2 certificate)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        switch (substitute)
        {
            case "another certificate's good response":
                using (X509Certificate2 other = Authority.IssueCertificate("Innocent Bystander"))
                {
                    return Authority.Respond(other);
                }

            case "a response signed by another CA's responder":
                using (var rogue = new OcspTestAuthority("Rogue"))
                {
                    return Authority.Respond(certificate, rogue.ResponderPath, rogue.ResponderKeyPath);
                }

            case "a stale response":
                return Authority.RespondAt(certificate, now.AddMinutes(-50), now.AddMinutes(-20));

            default:
                // A good response, its nextUpdate moved a year on to keep it fresh.
                byte[] response = Authority.RespondAt(certificate, now.AddMinutes(-50), now.AddMinutes(-20));
                byte[] digits = System.Text.Encoding.ASCII.GetBytes(now.AddMinutes(-20).UtcDateTime.ToString("yyyyMMddHHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                int at = response.AsSpan().LastIndexOf(digits);
                Assert.True(at > 0);
                response[at + 3]++;
                return response;
        }
    }
}
