using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>The rule of <see cref="AiDisclosure"/> on chains of manifest reports built by hand (cases a signer cannot easily make).</summary>
public class AiDisclosureBuilderTests
{
    [Fact]
    public void Build_HumanActiveWithFailedIngredientClaimingAi_Unproven()
    {
        ManifestReport ingredient = Manifest("ingredient", DigitalSourceTypes.TrainedAlgorithmicMedia, validated: false);
        ManifestReport active = Manifest("active", DigitalSourceTypes.DigitalCapture, validated: true, Ingredient(ingredient, IngredientHashCheck.Matched));

        (AiDisclosure ai, IReadOnlyList<AiEvidence> evidence, GeneratorInfo? model) = AiDisclosureBuilder.Build([ingredient, active], "active", ValidationState.Valid);

        Assert.Equal(AiDisclosure.Unproven, ai);
        Assert.Equal("ingredient", Assert.Single(evidence).ManifestLabel);
        Assert.Null(model);
    }

    [Fact]
    public void Build_IngredientHashMismatch_ItsClaimsUnproven()
    {
        ManifestReport ingredient = Manifest("ingredient", DigitalSourceTypes.DigitalCapture, validated: true);
        ManifestReport active = Manifest("active", (string?)null, validated: true, Ingredient(ingredient, IngredientHashCheck.Mismatch));

        Assert.Equal(AiDisclosure.Unproven, AiDisclosureBuilder.Build([ingredient, active], "active", ValidationState.Valid).Ai);
    }

    [Fact]
    public void Build_AiProvenAndAnotherIngredientFailed_ContainsStands()
    {
        ManifestReport failed = Manifest("failed", DigitalSourceTypes.DigitalCapture, validated: false);
        ManifestReport ai = Manifest("ai", DigitalSourceTypes.TrainedAlgorithmicMedia, validated: true);
        ManifestReport active = Manifest("active", DigitalSourceTypes.DigitalCreation, validated: true, Ingredient(failed, IngredientHashCheck.Matched), Ingredient(ai, IngredientHashCheck.Matched));

        (AiDisclosure disclosure, IReadOnlyList<AiEvidence> evidence, _) = AiDisclosureBuilder.Build([failed, ai, active], "active", ValidationState.Valid);

        Assert.Equal(AiDisclosure.Contains, disclosure);
        Assert.Equal("ai", Assert.Single(evidence).ManifestLabel);
    }

    [Fact]
    public void Build_HumanCaptureAlgorithmicallyEnhanced_Algorithmic()
    {
        ManifestReport active = Manifest("active", [(C2paActions.Created, DigitalSourceTypes.DigitalCapture), (C2paActions.Edited, DigitalSourceTypes.AlgorithmicallyEnhanced)], validated: true);

        Assert.Equal(AiDisclosure.Algorithmic, AiDisclosureBuilder.Build([active], "active", ValidationState.Trusted).Ai);
    }

    [Fact]
    public void Build_CreatedAsCompositeWithTrainedMedia_ContainsNotGenerated()
        => Assert.Equal(AiDisclosure.Contains, AiDisclosureBuilder.Build([Manifest("active", DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia, validated: true)], "active", ValidationState.Valid).Ai);

    [Fact]
    public void Build_OnlyNeutralTypes_UnknownWithThem()
    {
        (AiDisclosure ai, IReadOnlyList<AiEvidence> evidence, _) = AiDisclosureBuilder.Build([Manifest("active", DigitalSourceTypes.Composite, validated: true)], "active", ValidationState.Valid);

        Assert.Equal(AiDisclosure.Unknown, ai);
        Assert.Equal(DigitalSourceTypes.Composite, Assert.Single(evidence).SourceType);
    }

    [Fact]
    public void Build_LoopingIngredients_EachManifestOnce()
    {
        // A forged store can make two manifests name each other.
        var a = Manifest("a", DigitalSourceTypes.DigitalCapture, validated: true, new IngredientInfo("c2pa.ingredient.v3", "b", "image/jpeg", "parentOf", "b") { HashCheck = IngredientHashCheck.Matched });
        var b = Manifest("b", DigitalSourceTypes.DigitalCapture, validated: true, new IngredientInfo("c2pa.ingredient.v3", "a", "image/jpeg", "parentOf", "a") { HashCheck = IngredientHashCheck.Matched });

        (AiDisclosure ai, IReadOnlyList<AiEvidence> evidence, _) = AiDisclosureBuilder.Build([a, b], "a", ValidationState.Valid);

        Assert.Equal(AiDisclosure.Human, ai);
        Assert.Equal(2, evidence.Count);
    }

    [Fact]
    public void Build_TemplateAndAgentIndex_GiveSourceTypeAndModel()
    {
        // C2PA 2.2 §18.14.3: an action without digitalSourceType takes its template's; softwareAgentIndex points into softwareAgents.
        var actions = new CborMap
        {
            { "actions", new CborArray([new CborMap { { "action", C2paActions.Created }, { "softwareAgentIndex", 0 } }]) },
            { "softwareAgents", new CborArray([new GeneratorInfo("Model", "7").ToCbor()]) },
            { "templates", new CborArray([new CborMap { { "action", "*" }, { "digitalSourceType", DigitalSourceTypes.TrainedAlgorithmicMedia } }]) },
        };
        var active = new ManifestReport { Label = "active", Validated = true, Assertions = [new AssertionInfo(C2paLabels.ActionsV2, "cbor") { Cbor = actions }] };

        (AiDisclosure ai, _, GeneratorInfo? model) = AiDisclosureBuilder.Build([active], "active", ValidationState.Valid);

        Assert.Equal(AiDisclosure.Generated, ai);
        Assert.Equal(new GeneratorInfo("Model", "7"), model);
    }

    [Fact]
    public void Build_IptcMetadataOfAClaimWithoutCreatedAction_Generated()
    {
        // C2PA 1.x tools also put the asset's source type in IPTC metadata (Iptc4xmpExt:DigitalSourceType).
        string json = $$"""{ "Iptc4xmpExt:DigitalSourceType": "{{DigitalSourceTypes.TrainedAlgorithmicMedia}}" }""";
        var active = new ManifestReport { Label = "active", Validated = true, Assertions = [new AssertionInfo("stds.iptc", "json", Json: json)] };

        Assert.Equal(AiDisclosure.Generated, AiDisclosureBuilder.Build([active], "active", ValidationState.Valid).Ai);
    }

    [Theory]
    [InlineData("digitalCapture", DigitalSourceTypeKind.Human)]
    [InlineData("computationalCapture", DigitalSourceTypeKind.Human)]
    [InlineData("negativeFilm", DigitalSourceTypeKind.Human)]
    [InlineData("positiveFilm", DigitalSourceTypeKind.Human)]
    [InlineData("print", DigitalSourceTypeKind.Human)]
    [InlineData("humanEdits", DigitalSourceTypeKind.Human)]
    [InlineData("minorHumanEdits", DigitalSourceTypeKind.Human)]
    [InlineData("compositeCapture", DigitalSourceTypeKind.Human)]
    [InlineData("digitalCreation", DigitalSourceTypeKind.Human)]
    [InlineData("digitalArt", DigitalSourceTypeKind.Human)]
    [InlineData("screenCapture", DigitalSourceTypeKind.Human)]
    [InlineData("virtualRecording", DigitalSourceTypeKind.Human)]
    [InlineData("algorithmicallyEnhanced", DigitalSourceTypeKind.Algorithmic)]
    [InlineData("dataDrivenMedia", DigitalSourceTypeKind.Algorithmic)]
    [InlineData("algorithmicMedia", DigitalSourceTypeKind.Algorithmic)]
    [InlineData("compositeSynthetic", DigitalSourceTypeKind.Algorithmic)]
    [InlineData("trainedAlgorithmicMedia", DigitalSourceTypeKind.GenerativeAi)]
    [InlineData("compositeWithTrainedAlgorithmicMedia", DigitalSourceTypeKind.GenerativeAi)]
    [InlineData("composite", DigitalSourceTypeKind.Neutral)]
    public void Classify_IptcVocabulary_AsTheReadmeTableSays(string name, DigitalSourceTypeKind expected)
    {
        // Source: IPTC NewsCodes digitalsourcetype (http://cv.iptc.org/newscodes/digitalsourcetype/), 2024 release.
        Assert.Equal(expected, DigitalSourceTypes.Classify(DigitalSourceTypes.IptcPrefix + name));
        Assert.Equal(expected, DigitalSourceTypes.Classify("https://cv.iptc.org/newscodes/digitalsourcetype/" + name));
    }

    [Theory]
    [InlineData("http://c2pa.org/digitalsourcetype/trainedAlgorithmicData", DigitalSourceTypeKind.GenerativeAi)]
    [InlineData("c2pa.trainedAlgorithmicData", DigitalSourceTypeKind.GenerativeAi)]
    [InlineData("http://c2pa.org/digitalsourcetype/empty", DigitalSourceTypeKind.Neutral)]
    [InlineData("http://example.com/trainedAlgorithmicMedia", DigitalSourceTypeKind.Neutral)]
    public void Classify_C2paAndForeignUris_ByVocabulary(string uri, DigitalSourceTypeKind expected)
        => Assert.Equal(expected, DigitalSourceTypes.Classify(uri));

    private static ManifestReport Manifest(string label, string? sourceType, bool validated, params IngredientInfo[] ingredients)
        => Manifest(label, sourceType is null ? [] : [(C2paActions.Created, sourceType)], validated, ingredients);

    private static ManifestReport Manifest(string label, (string Action, string SourceType)[] actions, bool validated, params IngredientInfo[] ingredients)
    {
        var array = new CborArray();
        foreach ((string action, string sourceType) in actions)
        {
            array.Add(new C2paAction(action) { DigitalSourceType = sourceType }.ToCbor());
        }

        return new ManifestReport
        {
            Label = label,
            Validated = validated,
            Assertions = actions.Length == 0 ? [] : [new AssertionInfo(C2paLabels.ActionsV2, "cbor") { Cbor = new CborMap { { "actions", array } } }],
            Ingredients = ingredients,
        };
    }

    private static IngredientInfo Ingredient(ManifestReport target, IngredientHashCheck hashCheck)
        => new("c2pa.ingredient.v3", target.Label + ".jpg", "image/jpeg", "componentOf", target.Label) { HashCheck = hashCheck };
}
