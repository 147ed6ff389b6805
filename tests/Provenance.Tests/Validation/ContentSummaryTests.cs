using System.Text.Json;
using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// <see cref="ContentSummary.Ai"/> over the whole chain, and the typed results of every manifest, on files signed here.
/// </summary>
public class ContentSummaryTests
{
    private static readonly VerificationOptions Options = new() { TrustAnchors = TestSigners.Anchors };
    private static readonly SigningOptions Carry = new() { IngredientTrustAnchors = TestSigners.Anchors, Thumbnails = null };

    [Fact]
    public async Task Verify_AiOutput_GeneratedWithTypedModel()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = await AiOutputAsync(dir);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, Options);

        Assert.Equal(AiDisclosure.Generated, report.Summary.Ai);
        Assert.Equal(new GeneratorInfo("ImageModel", "3.1"), report.Summary.Model);
        AiEvidence evidence = Assert.Single(report.Summary.AiEvidence);
        Assert.Equal((report.ActiveManifest, C2paActions.Created, DigitalSourceTypes.TrainedAlgorithmicMedia, true), (evidence.ManifestLabel, evidence.Action, evidence.SourceType, evidence.Validated));
        Assert.Empty(evidence.IngredientPath);
    }

    [Fact]
    public async Task Verify_CreditAndConsent_SurfacedInSummaryAndMarkedUnverifiedWhenTampered()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b
            .AddAuthor("Ада Лавлейс", "https://orcid.org/0000-0002-1825-0097", "photographer")
            .SetCopyrightHolder("Studio Ω")
            .SetLicense("https://example.com/licence", "rights@example.com")
            .SetTrainingPolicy(TrainingMiningAssertion.AiTraining, TrainingMiningUse.Constrained, "licence required")
            .SetTrainingPolicy(TrainingMiningAssertion.AiInference, TrainingMiningUse.NotAllowed));

        ContentSummary summary = (await Signing.SignAndVerifyTests.VerifyAsync(signed)).Summary;

        Assert.True(summary.ClaimsVerified);
        Assert.Equal(new CreditedAuthor("Ада Лавлейс", "https://orcid.org/0000-0002-1825-0097", "photographer"), Assert.Single(summary.CreditedAuthors));
        Assert.Equal(("Studio Ω", "https://example.com/licence", "rights@example.com"), (summary.CopyrightHolder, summary.License, summary.LicensingContact));
        Assert.Equal(TrainingMiningUse.Constrained, summary.AiTraining);
        Assert.Equal(TrainingMiningUse.NotAllowed, summary.AiInference);
        Assert.True(summary.TrainingMining!.TryGetEntry(TrainingMiningAssertion.AiTraining, out _, out string? terms));
        Assert.Equal("licence required", terms);

        // The same claims in a file whose image was altered are reported, but not as verified.
        signed[^10] ^= 0x01;
        ValidationReport tampered = await Signing.SignAndVerifyTests.VerifyAsync(signed);
        Assert.Equal(ValidationState.Invalid, tampered.State);
        Assert.False(tampered.Summary.ClaimsVerified);
        Assert.Equal("Studio Ω", tampered.Summary.CopyrightHolder);
        using JsonDocument json = JsonDocument.Parse(ReportJsonWriter.ToJson(tampered));
        JsonElement jsonSummary = json.RootElement.GetProperty("summary");
        Assert.False(jsonSummary.GetProperty("claims_verified").GetBoolean());
        Assert.Equal("licence required", jsonSummary.GetProperty("training_mining").GetProperty("ai_training").GetProperty("constraint_info").GetString());
        Assert.Equal("Studio Ω", jsonSummary.GetProperty("credit").GetProperty("copyright_holder").GetString());
    }

    [Fact]
    public async Task Verify_HumanCapture_Human()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.SetDigitalSourceType("digitalCapture"));

        ValidationReport report = await Signing.SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(AiDisclosure.Human, report.Summary.Ai);
        Assert.Null(report.Summary.Model);
        Assert.Equal(DigitalSourceTypes.DigitalCapture, Assert.Single(report.Summary.AiEvidence).SourceType);
    }

    [Fact]
    public async Task Verify_EditWhoseParentIsAiGenerated_ContainsWithThePathToIt()
    {
        string dir = TestPaths.NewTempDirectory();
        string parent = await AiOutputAsync(dir);
        string edit = Path.Combine(dir, "edit.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var builder = new ManifestBuilder { Title = "edit.jpg" };
        builder.AddParent(parent, "generated.jpg");
        builder.AddAction(new C2paAction(C2paActions.Edited) { DigitalSourceType = DigitalSourceTypes.HumanEdits });
        await builder.SignFileAsync(parent, edit, signer, Carry);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(edit, Options);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(AiDisclosure.Contains, report.Summary.Ai);
        Assert.Equal(new GeneratorInfo("ImageModel", "3.1"), report.Summary.Model);
        AiEvidence evidence = Assert.Single(report.Summary.AiEvidence);
        Assert.Equal(["generated.jpg"], evidence.IngredientPath);
        Assert.True(evidence.Validated);
        Assert.NotEqual(report.ActiveManifest, evidence.ManifestLabel);
    }

    [Fact]
    public async Task Verify_CompositeWithAiComponent_Contains()
    {
        string dir = TestPaths.NewTempDirectory();
        string component = await AiOutputAsync(dir);
        string composite = Path.Combine(dir, "composite.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var builder = new ManifestBuilder { Title = "composite.jpg" }.SetDigitalSourceType("digitalCapture");
        builder.AddComponent(component, "sky.jpg");
        await builder.SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), composite, signer, Carry);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(composite, Options);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(AiDisclosure.Contains, report.Summary.Ai);
        Assert.Equal(["sky.jpg"], Assert.Single(report.Summary.AiEvidence).IngredientPath);
    }

    [Fact]
    public async Task Verify_AiEditOfHumanCapture_ContainsWithTheEditsModel()
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string capture = Path.Combine(dir, "capture.jpg");
        await new ManifestBuilder { Title = "capture.jpg" }.SetDigitalSourceType("digitalCapture").SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), capture, signer);
        string edit = Path.Combine(dir, "filled.jpg");
        var builder = new ManifestBuilder { Title = "filled.jpg" };
        builder.AddParent(capture);
        builder.AddAction(new C2paAction(C2paActions.Edited) { DigitalSourceType = DigitalSourceTypes.TrainedAlgorithmicMedia, SoftwareAgent = new GeneratorInfo("FillModel", "2") });
        await builder.SignFileAsync(capture, edit, signer, Carry);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(edit, Options);

        Assert.Equal(AiDisclosure.Contains, report.Summary.Ai);
        Assert.Equal(new GeneratorInfo("FillModel", "2"), report.Summary.Model);
        Assert.Equal(C2paActions.Edited, Assert.Single(report.Summary.AiEvidence).Action);
    }

    [Fact]
    public async Task Verify_TwoGenerationsDeep_ContainsAndEveryManifestTyped()
    {
        string dir = TestPaths.NewTempDirectory();
        string generated = await AiOutputAsync(dir);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string first = Path.Combine(dir, "first-edit.jpg");
        string second = Path.Combine(dir, "second-edit.jpg");
        await new ManifestBuilder { Title = "first-edit.jpg" }.AddIngredient(generated, IngredientRelationship.ParentOf, "generated.jpg").SignFileAsync(generated, first, signer, Carry);
        await new ManifestBuilder { Title = "second-edit.jpg" }.AddIngredient(first, IngredientRelationship.ParentOf, "first-edit.jpg").SignFileAsync(first, second, signer, Carry);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(second, Options);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(AiDisclosure.Contains, report.Summary.Ai);
        Assert.Equal(["first-edit.jpg", "generated.jpg"], Assert.Single(report.Summary.AiEvidence).IngredientPath);
        Assert.Equal(3, report.Manifests.Count);
        Assert.All(report.Manifests, m =>
        {
            Assert.True(m.Validated);
            Assert.Equal("Provenance Test Signer ES256", m.Signature?.CommonName);
            Assert.True(m.Signature?.IsTrusted);
        });
        IngredientInfo parent = Assert.Single(report.Active!.Ingredients);
        Assert.Equal(("parentOf", "first-edit.jpg", "image/jpeg"), (parent.Relationship, parent.Title, parent.Format));
        Assert.Equal((IngredientHashCheck.Matched, ValidationState.Trusted), (parent.HashCheck, parent.State));
        Assert.True(report.ContentIntact);
    }

    [Fact]
    public async Task Verify_TamperedAiOutput_UnprovenAndNoModel()
    {
        string dir = TestPaths.NewTempDirectory();
        byte[] signed = File.ReadAllBytes(await AiOutputAsync(dir));
        signed[^10] ^= 0x01; // inside the entropy-coded image data, before EOI

        ValidationReport report = await Signing.SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.False(report.ContentIntact);
        Assert.Equal(AiDisclosure.Unproven, report.Summary.Ai);
        Assert.Null(report.Summary.Model);
        Assert.False(Assert.Single(report.Summary.AiEvidence).Validated);
        using JsonDocument json = JsonDocument.Parse(ReportJsonWriter.ToJson(report));
        Assert.Equal("unproven", json.RootElement.GetProperty("summary").GetProperty("ai").GetString());
        Assert.False(json.RootElement.GetProperty("summary").GetProperty("content_intact").GetBoolean());
    }

    [Fact]
    public async Task Verify_CarriedAiManifestTampered_IngredientMismatchAndUnproven()
    {
        string dir = TestPaths.NewTempDirectory();
        string generated = await AiOutputAsync(dir);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddIngredient(generated, IngredientRelationship.ComponentOf, "generated.jpg"));
        int model = signed.AsSpan().IndexOf("ImageModel"u8); // inside the carried manifest of the component
        signed[model] = (byte)'X';

        ValidationReport report = await Signing.SignAndVerifyTests.VerifyAsync(signed);

        IngredientInfo component = Assert.Single(report.Active!.Ingredients);
        Assert.Equal((IngredientHashCheck.Mismatch, ValidationState.Invalid), (component.HashCheck, component.State));
        Assert.NotNull(component.ValidationDeltas);
        Assert.Equal(AiDisclosure.Unproven, report.Summary.Ai);
    }

    [Fact]
    public async Task Verify_NoManifest_NoStateAndUnknown()
    {
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("no_manifest.jpg"), Options);

        Assert.False(report.HasManifest);
        Assert.Null(report.State);
        Assert.False(report.ContentIntact);
        Assert.Equal(AiDisclosure.Unknown, report.Summary.Ai);
        using JsonDocument json = JsonDocument.Parse(ReportJsonWriter.ToJson(report));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("validation_state").ValueKind);
    }

    [Fact]
    public async Task ToJson_Chain_WritesEvidenceSignersAndIngredientChecks()
    {
        string dir = TestPaths.NewTempDirectory();
        string generated = await AiOutputAsync(dir);
        string edit = Path.Combine(dir, "edit.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await new ManifestBuilder { Title = "edit.jpg" }.AddIngredient(generated, IngredientRelationship.ParentOf, "generated.jpg").SignFileAsync(generated, edit, signer, Carry);

        using JsonDocument json = JsonDocument.Parse(ReportJsonWriter.ToJson(await ManifestVerifier.VerifyFileAsync(edit, Options)));

        JsonElement summary = json.RootElement.GetProperty("summary");
        Assert.Equal("contains", summary.GetProperty("ai").GetString());
        Assert.Equal("ImageModel", summary.GetProperty("model").GetProperty("name").GetString());
        JsonElement evidence = Assert.Single(summary.GetProperty("ai_evidence").EnumerateArray());
        Assert.Equal("generated.jpg", Assert.Single(evidence.GetProperty("ingredient_path").EnumerateArray()).GetString());
        Assert.True(evidence.GetProperty("validated").GetBoolean());
        foreach (JsonProperty manifest in json.RootElement.GetProperty("manifests").EnumerateObject())
        {
            Assert.True(manifest.Value.GetProperty("validated").GetBoolean());
            Assert.True(manifest.Value.GetProperty("signature_info").GetProperty("trusted").GetBoolean());
        }

        JsonElement ingredient = json.RootElement.GetProperty("manifests").GetProperty(json.RootElement.GetProperty("active_manifest").GetString()!).GetProperty("ingredients")[0];
        Assert.Equal("matched", ingredient.GetProperty("hash_check").GetString());
        Assert.Equal("Trusted", ingredient.GetProperty("validation_state").GetString());
    }

    [Theory]
    [InlineData("C.jpg", AiDisclosure.Algorithmic)]   // c2pa.created algorithmicMedia
    [InlineData("CA.jpg", AiDisclosure.Unknown)]      // opens A.jpg, which has no manifest; no source type anywhere
    [InlineData("CACA.jpg", AiDisclosure.Unknown)]    // two generations of CA.jpg
    [InlineData("XCA.jpg", AiDisclosure.Unproven)]    // CA.jpg with its image altered: Invalid
    [InlineData("CIE-sig-CA.jpg", AiDisclosure.Algorithmic)] // created algorithmicMedia; its component's manifest claims nothing
    public async Task Verify_C2paRsFixtures_AiByTheRule(string fixture, AiDisclosure expected)
    {
        // Source: ../shared/fixtures/c2pa-rs (c2pa-rs sdk/tests/fixtures at 24d17555).
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture(fixture), options);

        Assert.Equal(expected, report.Summary.Ai);
    }

    [Fact]
    public async Task Verify_C2paRsFixtureWithUnsignedParent_IngredientHasNoManifest()
    {
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("CA.jpg"), options);

        IngredientInfo parent = Assert.Single(report.Active!.Ingredients);
        Assert.Equal(("parentOf", "A.jpg", "image/jpeg"), (parent.Relationship, parent.Title, parent.Format));
        Assert.Equal(IngredientHashCheck.NoManifest, parent.HashCheck);
        Assert.Null(parent.State);
        Assert.Equal("C2PA Test Signing Cert", report.Active.Signature?.Issuer);
        Assert.True(report.Active.Signature?.IsTrusted);
        Assert.True(report.ContentIntact);
    }

    [Fact]
    public async Task Verify_C2paRsFixtureIngredientSignatureBroken_IngredientInvalidButForgiven()
    {
        // CIE-sig-CA.jpg: its component's signature was already broken when it was added, and recorded so.
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("CIE-sig-CA.jpg"), options);

        Assert.Equal(ValidationState.Trusted, report.State);
        IngredientInfo component = Assert.Single(report.Active!.Ingredients);
        Assert.Equal((IngredientHashCheck.Matched, ValidationState.Invalid), (component.HashCheck, component.State));
        Assert.False(report.Manifests.Single(m => m.Label == component.ActiveManifest).Validated);
    }

    internal static async Task<string> AiOutputAsync(string dir)
    {
        string output = Path.Combine(dir, "generated.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await new ManifestBuilder { Title = "generated.jpg" }.MarkAsAiGenerated("ImageModel", "3.1").SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, signer);
        return output;
    }
}
