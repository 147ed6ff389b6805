using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>Credit and consent given in a manifest definition file (c2patool shape).</summary>
public class ManifestDefinitionCreditTests
{
    [Fact]
    public async Task Apply_TrainingMiningAndCawgMetadata_MergedWithBuilderAndReadBack()
    {
        const string json = """
            {"assertions":[
              {"label":"cawg.training-mining","data":{"entries":{"cawg.ai_training":{"use":"constrained","constraint_info":"Свяжитесь с нами"}}}},
              {"label":"cawg.metadata","data":{"@context":{"dc":"http://purl.org/dc/elements/1.1/","xmpRights":"http://ns.adobe.com/xap/1.0/rights/"},
                "dc:creator":["محمود درويش"],"xmpRights:WebStatement":"https://example.org/l"}}]}
            """;
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b =>
        {
            ManifestDefinition.Apply(b, json);
            b.SetTrainingPolicy("data_mining", TrainingMiningUse.NotAllowed);
        });
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Single(report.Active!.Assertions, a => a.Label.StartsWith("cawg.training-mining", StringComparison.Ordinal));
        Assert.True(report.Active!.TrainingMining!.TryGetEntry("ai_training", out TrainingMiningUse use, out string? info));
        Assert.Equal((TrainingMiningUse.Constrained, "Свяжитесь с нами"), (use, info));
        Assert.True(report.Active!.TrainingMining!.TryGetEntry("data_mining", out use, out _));
        Assert.Equal(TrainingMiningUse.NotAllowed, use);
        Assert.Equal(["محمود درويش"], report.Active!.Authors);
        Assert.Equal("https://example.org/l", report.Active!.License);
        Assert.Equal("json", report.Active!.Assertions.Single(a => a.Label == "cawg.metadata").Kind);
    }
}
