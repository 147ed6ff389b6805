using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Tests.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// Time-stamps against c2pa-rs: files Provenance signs with a time-stamp from a real RFC 3161 authority on 127.0.0.1
/// (<c>openssl ts -reply</c>), and an expired signer with and without a time-stamp from before it expired. c2pa-rs
/// trusts a time-stamp authority through its one list of trust anchors (<c>trust.trust_anchors</c>, checked with the
/// time-stamping EKU: c2pa-rs <c>crypto/time_stamp/verify.rs</c>), so the tests pass the authority's root there.
/// </summary>
[Collection("c2pa-rs")]
public class TimeStampInteropTests
{
    [Theory]
    [InlineData("jpeg")]
    [InlineData("mp4")]
    public async Task C2paRs_SignedWithLocalAuthority_TimeStampValidatedAndTrusted(string kind)
    {
        (string input, string mimeType) = kind == "jpeg" ? (TestPaths.Fixture("no_manifest.jpg"), "image/jpeg") : (Media.TestMedia.Mp4WithAudio(), "video/mp4");
        using var tsa = TestTimeStampAuthority.Create();
        await using var server = LocalHttpServer.Start(query => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)));
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed" + Path.GetExtension(input));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var options = new SigningOptions { Thumbnails = null, TimeStampAuthority = new TimeStampAuthority(server.Url) };

        await new ManifestBuilder().AddAuthor("Timed Author").SignFileAsync(input, output, signer, options);
        string bothRoots = WritePem(dir, "anchors.pem", TestSigners.Root.Certificate, tsa.Root.Certificate);
        string signerRoot = WritePem(dir, "signer-root.pem", TestSigners.Root.Certificate);

        C2paRsReport theirs = C2paRs.Verify(output, mimeType, bothRoots);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Contains(StatusCodes.TimeStampValidated, Codes(theirs, "success"));
        Assert.Contains(StatusCodes.TimeStampTrusted, Codes(theirs, "success"));
        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(bothRoots) });
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Contains(ours.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);

        // Without the authority's root, both still validate the token but do not trust its authority.
        C2paRsReport untrusted = C2paRs.Verify(output, mimeType, signerRoot);
        Assert.Equal("Trusted", untrusted.ValidationState);
        Assert.DoesNotContain(StatusCodes.TimeStampTrusted, Codes(untrusted, "success"));
        Assert.Contains(StatusCodes.TimeStampUntrusted, Codes(untrusted, "informational"));
        ValidationReport oursUntrusted = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(signerRoot) });
        Assert.Contains(oursUntrusted.ActiveManifestResults.Informational, s => s.Code == StatusCodes.TimeStampUntrusted);
        Assert.DoesNotContain(oursUntrusted.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ExpiredSigner_WithAndWithoutTimeStampFromBeforeExpiry_SameCodesAsC2paRs(bool timeStamped)
    {
        // A signer valid from two years ago to one year ago; the authority dates its token 18 months ago, inside that window.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using CertificateAuthority root = CertificateAuthority.CreateRoot("Provenance Expired-Signer Root", new FixedTime(now.AddYears(-3)), TimeSpan.FromDays(3650));
        using X509Certificate2 expired = root.IssueSigningCertificate("Expired Signer", SigningAlgorithm.ES256, new SigningCertificateOptions { NotBefore = now.AddYears(-2), NotAfter = now.AddYears(-1) });
        using LocalSigner signer = LocalSigner.FromCertificate(expired);
        using var tsa = TestTimeStampAuthority.Create("Provenance Past TSA", now.AddYears(-3), now.AddYears(1));
        await using var server = LocalHttpServer.Start(query => new HttpAnswer(200, tsa.ReplyAt(query, now.AddMonths(-18))));
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");

        // A careful signer refuses an expired certificate; this file is made the way an old one would have been.
        var options = new SigningOptions { Thumbnails = null, VerifyAfterSign = false, TimeStampAuthority = timeStamped ? new TimeStampAuthority(server.Url) : null };
        await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, signer, options);
        string anchors = WritePem(dir, "anchors.pem", root.Certificate, tsa.Root.Certificate);

        C2paRsReport theirs = C2paRs.Verify(output, "image/jpeg", anchors);
        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(anchors) });

        Assert.True(theirs.Error is null, theirs.Error);
        Assert.Equal(theirs.ValidationState, ours.State.ToString());
        Assert.Equal(Codes(theirs, "failure").Order(), ours.ActiveManifestResults.Failure.Select(s => s.Code).Distinct().Order());
        string[] timeCodes =
        [
            StatusCodes.TimeStampValidated, StatusCodes.TimeStampTrusted, StatusCodes.TimeStampUntrusted, StatusCodes.TimeStampMismatch,
            StatusCodes.TimeStampOutsideValidity, StatusCodes.SigningCredentialExpired, StatusCodes.SigningCredentialTrusted,
            StatusCodes.SigningCredentialUntrusted, StatusCodes.ClaimSignatureValidated, StatusCodes.ClaimSignatureInsideValidity,
        ];
        IEnumerable<string> expected = Listed(theirs, timeCodes);
        if (!timeStamped)
        {
            // c2pa-rs also calls the signature of an expired certificate insideValidity; the expiry says otherwise
            // (C2PA 2.2 §15.7, §14.3: outside its validity), so Provenance does not (docs/conformance.md).
            Assert.Contains("claimSignature.insideValidity (success)", expected);
            expected = expected.Where(c => c != "claimSignature.insideValidity (success)");
        }

        Assert.Equal(expected, Listed(ours.ActiveManifestResults, timeCodes));
        if (timeStamped)
        {
            // Judged at the token's time: the expired signer is trusted (C2PA 2.2 §15.8, §14.5.2).
            Assert.Equal("Trusted", theirs.ValidationState);
            Assert.Equal(now.AddMonths(-18).ToUnixTimeSeconds(), ours.Active!.Signature!.Time!.Value.ToUnixTimeSeconds());
        }
        else
        {
            Assert.Contains(StatusCodes.SigningCredentialExpired, Codes(theirs, "failure"));
        }
    }

    private static IEnumerable<string> Codes(C2paRsReport report, string list)
        => report.Report.TryGetProperty("validation_results", out JsonElement results)
            && results.TryGetProperty("activeManifest", out JsonElement active)
            && active.TryGetProperty(list, out JsonElement entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("code").GetString()!).Distinct()]
            : [];

    // Each code with the list it is in, for the codes named: "timeStamp.trusted (success)".
    private static IEnumerable<string> Listed(C2paRsReport report, string[] codes)
        => new[] { "success", "informational", "failure" }.SelectMany(list => Codes(report, list).Where(codes.Contains).Select(c => $"{c} ({list})")).Order();

    private static IEnumerable<string> Listed(StatusLog log, string[] codes)
        => log.Success.Select(s => $"{s.Code} (success)")
            .Concat(log.Informational.Select(s => $"{s.Code} (informational)"))
            .Concat(log.Failure.Select(s => $"{s.Code} (failure)"))
            .Where(c => codes.Contains(c[..c.IndexOf(' ', StringComparison.Ordinal)]))
            .Distinct()
            .Order();

    private static string WritePem(string dir, string name, params X509Certificate2[] certificates)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
        return path;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
