using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;
using Provenance.Tests.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// The trust list for time-stamp authorities (<see cref="VerificationOptions.TimeStampTrustAnchors"/>): an authority
/// chained to its own root is trusted only through a list that holds that root, the signers' anchors stand in when no
/// list is given (as in c2pa-rs), and neither list vouches for what the other is for.
/// </summary>
public class TimeStampTrustTests : IAsyncLifetime
{
    private TestTimeStampAuthority _tsa = null!;
    private LocalHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _tsa = TestTimeStampAuthority.Create();
        _server = LocalHttpServer.Start(query => new HttpAnswer(200, _tsa.ReplyWithOpenSsl(query)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tsa.Dispose();
    }

    public static TheoryData<string, string, bool> Lists() => new()
    {
        // signer anchors, time-stamp anchors (null: not given), whether the authority is trusted
        { "signer", "null", false },
        { "signer", "tsa", true },
        { "signer+tsa", "null", true },
        { "signer+tsa", "empty", false },
        { "signer+tsa", "signer", false },
        { "none", "tsa", true },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Verify_TimeStampTrustList_DecidesTheAuthority(string signerAnchors, string timeStampAnchors, bool trusted)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(signer);
        var options = new VerificationOptions { TrustAnchors = Anchors(signerAnchors)!, TimeStampTrustAnchors = Anchors(timeStampAnchors) };

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), options);

        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampValidated);
        Assert.Equal(trusted, report.ActiveManifestResults.Success.Any(s => s.Code == StatusCodes.TimeStampTrusted));
        Assert.Equal(!trusted, report.ActiveManifestResults.Informational.Any(s => s.Code == StatusCodes.TimeStampUntrusted));
        Assert.Equal(trusted, report.Active!.Signature!.Time is not null); // only a trusted time is the time of signing

        // The signer is judged by its own list only.
        Assert.Equal(signerAnchors == "none" ? ValidationState.Valid : ValidationState.Trusted, report.State);
    }

    [Fact]
    public async Task Verify_SignerIssuedByTheTimeStampRoot_NotTrustedThroughTheTimeStampList()
    {
        using X509Certificate2 certificate = _tsa.Root.IssueSigningCertificate("Signer under the TSA root", SigningAlgorithm.ES256);
        using LocalSigner signer = LocalSigner.FromCertificate(certificate);
        byte[] signed = await SignAsync(signer);
        var options = new VerificationOptions { TimeStampTrustAnchors = Anchors("tsa") };

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), options);

        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.SigningCredentialUntrusted);
        Assert.Equal(ValidationState.Valid, report.State);
    }

    private async Task<byte[]> SignAsync(IClaimSigner signer)
    {
        using var output = new MemoryStream();
        var options = new SigningOptions { Thumbnails = null, TimeStampAuthority = new TimeStampAuthority(_server.Url) };
        await new ManifestBuilder().SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, options);
        return output.ToArray();
    }

    private TrustAnchorSet? Anchors(string which) => which switch
    {
        "null" => null,
        "empty" or "none" => TrustAnchorSet.Empty,
        "signer" => TrustAnchorSet.FromCertificates([TestSigners.Root.Certificate]),
        "tsa" => TrustAnchorSet.FromCertificates([_tsa.Root.Certificate]),
        "signer+tsa" => TrustAnchorSet.FromCertificates([TestSigners.Root.Certificate, _tsa.Root.Certificate]),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };
}
