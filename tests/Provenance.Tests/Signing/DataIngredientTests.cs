using System.Text;
using System.Text.Json;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>
/// Inputs of a generator (a prompt, a data-set card) as <c>inputTo</c> data ingredients: embedded as
/// <c>c2pa.embedded-data</c> and named by the ingredient's <c>data</c>, as c2pa-rs writes them (builder.rs,
/// <c>from_json_with_stream_full_resources</c>), never parsed as media.
/// </summary>
[Collection("c2pa-rs")]
public class DataIngredientTests
{
    private const string Prompt = "a lighthouse at dusk, oil on canvas, 早上好";

    [Fact]
    public async Task AddInput_PromptAndDatasetCard_EmbeddedAsDataAndValid()
    {
        string dir = TestPaths.NewTempDirectory();
        string card = Path.Combine(dir, "dataset-card.md");
        File.WriteAllText(card, "# Lighthouses 2025\nLicensed images, opt-in only.\n");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b =>
        {
            b.MarkAsAiGenerated("Example Diffusion", "3.1");
            IngredientReference prompt = b.AddInput(Encoding.UTF8.GetBytes(Prompt), "text/plain", "prompt", AssetTypes.GeneratorPrompt);
            IngredientReference dataset = b.AddInput(card, "text/markdown", dataType: AssetTypes.Dataset);
            b.AddAction(new C2paAction(C2paActions.Created)
            {
                DigitalSourceType = DigitalSourceTypes.TrainedAlgorithmicMedia,
                SoftwareAgent = new GeneratorInfo("Example Diffusion", "3.1"),
                Ingredients = [prompt, dataset],
            });
        });

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Equal(["prompt", "dataset-card.md"], report.Active!.Ingredients.Select(i => i.Title));
        Assert.All(report.Active.Ingredients, i => Assert.Equal("inputTo", i.Relationship));
        Assert.Equal(["text/plain", "text/markdown"], report.Active.Ingredients.Select(i => i.Format));
        C2paAction created = report.Active.Actions[0];
        Assert.Equal(new GeneratorInfo("Example Diffusion", "3.1"), created.SoftwareAgent);

        // The prompt's bytes sit in the embedded-data box that the ingredient's data names.
        Manifest active = ActiveManifest(signed);
        JumbfSuperBox assertions = active.Box.FindChild(C2paLabels.AssertionStore)!;
        CborMap ingredient = (CborMap)CborValue.Decode(((JumbfContentBox)assertions.FindChild(C2paLabels.IngredientV3)!.Children[^1]).Data);
        HashedUri data = HashedUri.FromCbor(ingredient["data"]);
        Assert.Equal("self#jumbf=c2pa.assertions/c2pa.embedded-data", data.Url);
        JumbfSuperBox embedded = assertions.FindChild(C2paLabels.EmbeddedData)!;
        Assert.Equal(Prompt, Encoding.UTF8.GetString(((JumbfContentBox)embedded.Children[^1]).Data.Span));
        Assert.Equal(AssetTypes.GeneratorPrompt, ((CborTextString)((CborMap)((CborArray)ingredient["dataTypes"])[0])["type"]).Value);
    }

    [Fact]
    public async Task C2paRs_DataIngredients_ReadWithoutFailureAndDataRecovered()
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string path = Path.Combine(dir, "generated.jpg");
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b
            .MarkAsAiGenerated("Example Diffusion", "3.1")
            .DisallowAiTraining()
            .AddInput(Encoding.UTF8.GetBytes(Prompt), "text/plain", "prompt", AssetTypes.GeneratorPrompt));
        File.WriteAllBytes(path, signed);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);

        C2paRsReport theirs = C2paRs.Verify(path, "image/jpeg", root);

        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Empty(theirs.FailureCodes);
        string activeLabel = theirs.Report.GetProperty("active_manifest").GetString()!;
        JsonElement manifest = theirs.Report.GetProperty("manifests").GetProperty(activeLabel);
        JsonElement ingredient = Assert.Single(manifest.GetProperty("ingredients").EnumerateArray());
        Assert.Equal("inputTo", ingredient.GetProperty("relationship").GetString());
        Assert.Equal("text/plain", ingredient.GetProperty("data").GetProperty("format").GetString());
        Assert.Equal(AssetTypes.GeneratorPrompt, ingredient.GetProperty("data_types")[0].GetProperty("type").GetString());
        JsonElement created = manifest.GetProperty("assertions").EnumerateArray().First(a => a.GetProperty("label").GetString() == "c2pa.actions.v2").GetProperty("data").GetProperty("actions")[0];
        Assert.Equal("Example Diffusion", created.GetProperty("softwareAgent").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AddInput_BytesThatLookLikeNoMedia_NotParsed()
    {
        // A JSON card is not a media format: a media ingredient would be refused, a data ingredient is not.
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b
            .AddInput("""{"name":"lighthouses","license":"CC-BY-4.0"}"""u8, "application/json", "dataset card", AssetTypes.Dataset));

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal("application/json", Assert.Single(report.Active!.Ingredients).Format);
    }

    /// <summary>The active manifest of the store a signed asset embeds.</summary>
    internal static Manifest ActiveManifest(byte[] signed)
    {
        using var stream = new MemoryStream(signed);
        EmbeddedManifestStore embedded = AssetFormats.Detect(stream)!.CreateHandler().ReadManifestStore(stream, AssetReadOptions.Default, CancellationToken.None)!;
        return ManifestStore.Parse(embedded.Store).ActiveManifest!;
    }
}
