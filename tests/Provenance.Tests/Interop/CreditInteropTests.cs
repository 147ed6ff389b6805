using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;
using Provenance.Validation.Identity;

namespace Provenance.Tests.Interop;

/// <summary>
/// c2pa-rs reads the credit, consent and CAWG identity assertions Provenance writes: no failure code, names in every
/// script as written, constraint_info as written, and the creator's identity verified (trusted only with its anchors).
/// </summary>
[Collection("c2pa-rs")]
public class CreditInteropTests
{
    private static async Task<(string Path, string ClaimRoot, string IdentityRoot)> SignAsync(string fixture, bool identity)
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using LocalSigner credential = TestIdentities.Create();
        string source = fixture == "ffmpeg:mp4" ? Provenance.Tests.Media.TestMedia.Mp4WithAudio() : TestPaths.Fixture(fixture);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(source), signer, b =>
        {
            CreditAndIdentityTests.Credit(b);
            if (identity)
            {
                b.AddIdentity(credential, Provenance.Assertions.IdentityRoles.Creator);
            }
        });
        string path = Path.Combine(dir, "signed" + Path.GetExtension(source));
        File.WriteAllBytes(path, signed);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        return (path, root, TestIdentities.WriteRoot(dir));
    }

    private static JsonElement Assertion(C2paRsReport report, string label)
    {
        string active = report.Report.GetProperty("active_manifest").GetString()!;
        foreach (JsonElement assertion in report.Report.GetProperty("manifests").GetProperty(active).GetProperty("assertions").EnumerateArray())
        {
            if (assertion.GetProperty("label").GetString() == label)
            {
                return assertion.GetProperty("data");
            }
        }

        throw new Xunit.Sdk.XunitException($"c2pa-rs's report has no {label} assertion: {report.Report}");
    }

    [Fact]
    public async Task C2paRs_CreditAndTrainingPolicy_ReadWithoutFailureInEveryScript()
    {
        (string path, string root, _) = await SignAsync("no_manifest.jpg", identity: false);

        C2paRsReport report = C2paRs.Verify(path, "image/jpeg", root);

        Assert.True(report.ValidationState == "Trusted", $"c2pa-rs: {report.ValidationState} [{string.Join(", ", report.FailureCodes)}] {report.Error}");
        Assert.Empty(report.FailureCodes);
        JsonElement creativeWork = Assertion(report, "stds.schema-org.CreativeWork");
        Assert.Equal(CreditNames.All, creativeWork.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", creativeWork.GetProperty("author")[0].GetProperty("identifier").GetString());
        Assert.Equal(CreditNames.Cyrillic, creativeWork.GetProperty("copyrightHolder").GetProperty("name").GetString());
        JsonElement metadata = Assertion(report, "cawg.metadata");
        Assert.Equal(CreditNames.All, metadata.GetProperty("dc:creator").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("https://creativecommons.org/licenses/by-nc/4.0/", metadata.GetProperty("xmpRights:WebStatement").GetString());
        JsonElement training = Assertion(report, "cawg.training-mining").GetProperty("entries");
        Assert.Equal("notAllowed", training.GetProperty("cawg.ai_training").GetProperty("use").GetString());
        Assert.Equal("Licence from https://example.org/ai-licence", training.GetProperty("cawg.ai_generative_training").GetProperty("constraint_info").GetString());
    }

    [Theory]
    [InlineData("no_manifest.jpg", "image/jpeg")]
    [InlineData("sample1.png", "image/png")]
    [InlineData("ffmpeg:mp4", "video/mp4")]
    public async Task C2paRs_IdentityWithIdentityAnchors_VerifiedWithoutFailure(string fixture, string mimeType)
    {
        (string path, string root, string identityRoot) = await SignAsync(fixture, identity: true);

        C2paRsReport report = C2paRs.Verify(path, mimeType, root, identityRoot);

        Assert.True(report.ValidationState == "Trusted", $"c2pa-rs: {report.ValidationState} [{string.Join(", ", report.FailureCodes)}] {report.Error}");
        Assert.Empty(report.FailureCodes);
        string success = report.Report.GetProperty("validation_results").GetProperty("activeManifest").GetProperty("success").ToString();
        Assert.Contains("cawg.identity", success, StringComparison.Ordinal);
        // c2pa-rs shows a verified identity as its signer payload and the credential's subject.
        JsonElement identity = Assertion(report, "cawg.identity");
        Assert.Equal("cawg.x509.cose", identity.GetProperty("signer_payload").GetProperty("sig_type").GetString());
        Assert.Equal(TestIdentities.CommonName, identity.GetProperty("signature_info").GetProperty("common_name").GetString());

        // Provenance agrees.
        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(path, new VerificationOptions { TrustAnchors = TestSigners.Anchors, IdentityTrustAnchors = TestIdentities.Anchors });
        Assert.Equal(IdentityStatus.Trusted, Assert.Single(ours.Active!.Identities).Status);
    }

    [Fact]
    public async Task C2paRs_IdentityWithoutIdentityAnchors_CredentialUntrusted()
    {
        (string path, string root, _) = await SignAsync("no_manifest.jpg", identity: true);

        C2paRsReport report = C2paRs.Verify(path, "image/jpeg", root);

        Assert.Null(report.Error);
        Assert.Equal(["cawg.x509.credential.untrusted"], report.FailureCodes.Distinct());
        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(path, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Equal(IdentityStatus.WellFormed, Assert.Single(ours.Active!.Identities).Status);
        Assert.Equal(["cawg.x509.credential.untrusted"], ours.ActiveManifestResults.Failure.Select(f => f.Code).Distinct());
    }

    [Fact]
    public async Task C2paRs_C2pa1xTrainingMining_ReadWithoutFailureAndByProvenance()
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        Provenance.Assertions.TrainingMiningAssertion policy = Provenance.Assertions.TrainingMiningAssertion.Empty
            .With("ai_training", Provenance.Assertions.TrainingMiningUse.Constrained, "開発者に連絡");
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddAssertion("c2pa.training-mining", policy.ToCbor(c2pa1x: true)));
        string path = Path.Combine(dir, "legacy.jpg");
        File.WriteAllBytes(path, signed);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);

        C2paRsReport report = C2paRs.Verify(path, "image/jpeg", root);

        Assert.Empty(report.FailureCodes);
        Assert.Equal("開発者に連絡", Assertion(report, "c2pa.training-mining").GetProperty("entries").GetProperty("c2pa.ai_training").GetProperty("constraint_info").GetString());
        ValidationReport ours = await SignAndVerifyTests.VerifyAsync(signed);
        Assert.True(ours.Active!.TrainingMining!.TryGetEntry("ai_training", out Provenance.Assertions.TrainingMiningUse use, out string? info));
        Assert.Equal((Provenance.Assertions.TrainingMiningUse.Constrained, "開発者に連絡"), (use, info));
    }
}
