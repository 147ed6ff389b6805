using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;
using Provenance.Validation.Identity;

namespace Provenance.Tests.Signing;

/// <summary>Credit, consent and CAWG identity written by <see cref="ManifestBuilder"/> and read back by <see cref="ManifestVerifier"/>.</summary>
public class CreditAndIdentityTests
{
    internal static void Credit(ManifestBuilder builder)
    {
        builder.AddAuthor(CreditNames.Arabic, "https://orcid.org/0000-0002-1825-0097", "photographer")
            .AddAuthor(CreditNames.Chinese, role: "illustrator")
            .AddAuthor(CreditNames.Devanagari, "https://isni.org/isni/0000000121032683")
            .AddAuthor(CreditNames.Cyrillic)
            .AddAuthor(CreditNames.Decomposed)
            .SetCopyrightHolder(CreditNames.Cyrillic)
            .SetLicense("https://creativecommons.org/licenses/by-nc/4.0/", "rights@example.org")
            .SetTrainingPolicy("ai_training", TrainingMiningUse.NotAllowed)
            .SetTrainingPolicy("ai_generative_training", TrainingMiningUse.Constrained, "Licence from https://example.org/ai-licence")
            .SetTrainingPolicy("data_mining", TrainingMiningUse.Allowed)
            .SetTrainingPolicy("ai_inference", TrainingMiningUse.Constrained);
    }

    internal static void AssertCredit(ManifestReport manifest)
    {
        Assert.Equal(
            [
                new CreditedAuthor(CreditNames.Arabic, "https://orcid.org/0000-0002-1825-0097", "photographer"),
                new CreditedAuthor(CreditNames.Chinese, null, "illustrator"),
                new CreditedAuthor(CreditNames.Devanagari, "https://isni.org/isni/0000000121032683"),
                new CreditedAuthor(CreditNames.Cyrillic),
                new CreditedAuthor(CreditNames.Decomposed),
            ],
            manifest.CreditedAuthors);
        Assert.Equal(CreditNames.All, manifest.Authors);
        Assert.Equal(CreditNames.Cyrillic, manifest.CopyrightHolder);
        Assert.Equal("https://creativecommons.org/licenses/by-nc/4.0/", manifest.License);
        Assert.Equal("rights@example.org", manifest.LicensingContact);
        TrainingMiningAssertion policy = manifest.TrainingMining!;
        Assert.True(policy.TryGetEntry("ai_generative_training", out TrainingMiningUse use, out string? info));
        Assert.Equal((TrainingMiningUse.Constrained, "Licence from https://example.org/ai-licence"), (use, info));
        Assert.True(policy.TryGetEntry("ai_training", out use, out _));
        Assert.Equal(TrainingMiningUse.NotAllowed, use);
        Assert.True(policy.TryGetEntry("data_mining", out use, out _));
        Assert.Equal(TrainingMiningUse.Allowed, use);
        Assert.True(policy.TryGetEntry("ai_inference", out use, out info));
        Assert.Equal((TrainingMiningUse.Constrained, null), (use, info));
    }

    [Fact]
    public async Task Sign_CreditAndTrainingPolicy_ReadBackTypedInEveryScript()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, Credit);

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Trusted, report.State);
        AssertCredit(report.Active!);
        Assert.Contains(report.Active!.Assertions, a => a.Label == "cawg.metadata");
        Assert.Contains(report.Active!.Assertions, a => a.Label == "stds.schema-org.CreativeWork");
    }

    [Fact]
    public async Task ToJson_CreditAndTrainingPolicy_InManifestSection()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, Credit);
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        using var json = System.Text.Json.JsonDocument.Parse(ReportJsonWriter.ToJson(report));
        System.Text.Json.JsonElement manifest = json.RootElement.GetProperty("manifests").GetProperty(report.ActiveManifest!);

        System.Text.Json.JsonElement credit = manifest.GetProperty("credit");
        System.Text.Json.JsonElement first = credit.GetProperty("authors")[0];
        Assert.Equal(CreditNames.Arabic, first.GetProperty("name").GetString());
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", first.GetProperty("identifier").GetString());
        Assert.Equal("photographer", first.GetProperty("role").GetString());
        Assert.Equal(CreditNames.Cyrillic, credit.GetProperty("copyright_holder").GetString());
        Assert.Equal("https://creativecommons.org/licenses/by-nc/4.0/", credit.GetProperty("license").GetString());
        Assert.Equal("rights@example.org", credit.GetProperty("licensing_contact").GetString());
        System.Text.Json.JsonElement training = manifest.GetProperty("training_mining");
        Assert.Equal("notAllowed", training.GetProperty("ai_training").GetProperty("use").GetString());
        Assert.Equal("constrained", training.GetProperty("ai_generative_training").GetProperty("use").GetString());
        Assert.Equal("Licence from https://example.org/ai-licence", training.GetProperty("ai_generative_training").GetProperty("constraint_info").GetString());
    }

    [Theory]
    [InlineData("no_manifest.jpg")]
    [InlineData("sample1.png")]
    public async Task Sign_WithIdentity_TrustedWithIdentityAnchors(string fixture)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using LocalSigner identity = TestIdentities.Create();
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture(fixture)), signer, b =>
        {
            Credit(b);
            b.AddIdentity(identity, IdentityRoles.Creator);
        });

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = TestSigners.Anchors, IdentityTrustAnchors = TestIdentities.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        IdentityInfo info = Assert.Single(report.Active!.Identities);
        Assert.Equal(IdentityStatus.Trusted, info.Status);
        Assert.Equal("cawg.identity", info.Label);
        Assert.Equal([IdentityRoles.Creator], info.Roles);
        Assert.Equal(TestIdentities.CommonName, info.CommonName);
        // Every other assertion is vouched for, the hard binding among them.
        Assert.Contains(info.ReferencedAssertions, r => r.Contains("c2pa.hash.", StringComparison.Ordinal));
        Assert.Equal(report.Active!.Assertions.Count - 1, info.ReferencedAssertions.Count);
        AssertCredit(report.Active!);
    }

    [Fact]
    public async Task Sign_WithIdentity_WellFormedButUntrustedWithoutIdentityAnchors()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using LocalSigner identity = TestIdentities.Create();
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddIdentity(identity));

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        IdentityInfo info = Assert.Single(report.Active!.Identities);
        Assert.Equal(IdentityStatus.WellFormed, info.Status);
        Assert.True(info.IsSignatureValid);
        Assert.False(info.IsCredentialTrusted);
        Assert.Empty(info.Roles);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.CawgX509CredentialUntrusted);
    }

    [Fact]
    public async Task Sign_TwoIdentities_BothTrustedWithSeparateLabels()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using LocalSigner creator = TestIdentities.Create();
        using LocalSigner editor = TestSigners.Create(SigningAlgorithm.PS256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b
            .AddIdentity(creator, IdentityRoles.Creator)
            .AddIdentity(editor, IdentityRoles.Editor, IdentityRoles.Publisher));

        var anchors = TrustAnchorSet.FromPem(TestIdentities.Root.ExportCertificatePem() + "\n" + TestSigners.Root.ExportCertificatePem());
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = TestSigners.Anchors, IdentityTrustAnchors = anchors });

        Assert.Equal(["cawg.identity", "cawg.identity__1"], report.Active!.Identities.Select(i => i.Label));
        Assert.All(report.Active!.Identities, i => Assert.Equal(IdentityStatus.Trusted, i.Status));
        Assert.Equal([IdentityRoles.Editor, IdentityRoles.Publisher], report.Active!.Identities[1].Roles);
        Assert.DoesNotContain(report.Active!.Identities[0].ReferencedAssertions, r => r.Contains("cawg.identity", StringComparison.Ordinal));
    }

    [Fact]
    public void AddIdentity_EmptyRole_Throws()
    {
        using LocalSigner identity = TestIdentities.Create();
        Assert.Throws<ArgumentException>(() => new ManifestBuilder().AddIdentity(identity, ""));
    }
}
