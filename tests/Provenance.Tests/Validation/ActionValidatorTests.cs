using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// The action rules of C2PA 2.2 §15.10.3.2.2, on manifests signed with Provenance's unchecked-actions test hook, so that
/// each breaks one rule; c2pa-rs is asked about the same files.
/// </summary>
[Collection("c2pa-rs")]
public class ActionValidatorTests
{
    private static readonly DateTimeOffset When = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A case: a builder set up to break one rule, and the code and URL suffix expected for it.</summary>
    public static TheoryData<string, string, string> BrokenRules() => new()
    {
        // name, expected code, URL suffix after the manifest's (empty: the manifest itself)
        { "FirstActionEdited", StatusCodes.AssertionActionMalformed, "" },
        { "SecondCreatedInFirstAssertion", StatusCodes.AssertionActionMalformed, "" },
        { "CreatedInSecondActionsAssertion", StatusCodes.AssertionActionMalformed, "/c2pa.assertions/c2pa.actions.v2__1" },
        { "CreatedWithoutDigitalSourceType", StatusCodes.AssertionActionMalformed, "/c2pa.assertions/c2pa.actions.v2" },
        { "TranslatedWithoutLanguages", StatusCodes.AssertionActionMalformed, "/c2pa.assertions/c2pa.actions.v2" },
        { "OpenedWithoutIngredients", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
        { "OpenedNamingComponent", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
        { "PlacedNamingParent", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
        { "PlacedWithEmptyIngredients", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
        { "PlacedNamingMissingAssertion", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
        { "RemovedWithoutIngredients", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
        { "TranscodedNamingComponent", StatusCodes.AssertionActionIngredientMismatch, "/c2pa.assertions/c2pa.actions.v2" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Verify_ActionRuleBroken_FailureAndInvalidLikeC2paRs(string scenario, string code, string urlSuffix)
    {
        (ValidationReport ours, C2paRsReport theirs) = await SignAndVerifyBothAsync(b => Configure(b, scenario));

        Assert.Equal(ValidationState.Invalid, ours.State);
        Assert.All(ours.ActiveManifestResults.Failure, f => Assert.Equal(code, f.Code));
        ValidationStatus failure = Assert.Single(ours.ActiveManifestResults.Failure, f => f.Url == $"self#jumbf=/c2pa/{ours.Active!.Label}{urlSuffix}");
        Assert.False(string.IsNullOrEmpty(failure.Explanation));
        Assert.True(theirs.ValidationState == "Invalid", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Equal([code], theirs.FailureCodes.Distinct());
    }

    [Fact]
    public async Task Verify_EmptyActionsArray_MalformedWhereC2paRsCannotRead()
    {
        (ValidationReport ours, C2paRsReport theirs) = await SignAndVerifyBothAsync(_ => { });

        // C2PA 2.2 §18.14.3: actions is [1* action-item-map]; an empty array is a malformed actions assertion, which
        // §15.10.3.2.2 reports as assertion.action.malformed. c2pa-rs logs that code and then aborts the whole read
        // (its ValidationRule error), so it gives no verdict at all.
        Assert.Equal(ValidationState.Invalid, ours.State);
        ValidationStatus failure = Assert.Single(ours.ActiveManifestResults.Failure);
        Assert.Equal(StatusCodes.AssertionActionMalformed, failure.Code);
        Assert.Equal($"self#jumbf=/c2pa/{ours.Active!.Label}/c2pa.assertions/c2pa.actions.v2", failure.Url);
        Assert.Null(theirs.ValidationState);
        Assert.Contains("No Action array in Actions", theirs.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RulesKept_TrustedByBoth()
    {
        (ValidationReport ours, C2paRsReport theirs) = await SignAndVerifyBothAsync(b =>
        {
            IngredientReference parent = b.AddParent(TestPaths.Fixture("no_manifest.jpg"));
            IngredientReference component = b.AddComponent(TestPaths.Fixture("sample1.png"));
            b.AddAction(new C2paAction(C2paActions.Opened) { When = When, Ingredients = [parent] })
                .AddAction(new C2paAction(C2paActions.Placed) { When = When, Ingredients = [component] })
                .AddAction(new C2paAction(C2paActions.Transcoded) { When = When, Ingredients = [parent] });
        });

        Assert.Empty(ours.ActiveManifestResults.Failure);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
    }

    private static void Configure(ManifestBuilder builder, string scenario)
    {
        switch (scenario)
        {
            case "FirstActionEdited":
                builder.AddAction(new C2paAction(C2paActions.Edited) { When = When });
                break;
            case "SecondCreatedInFirstAssertion":
                builder.AddAction(Created()).AddAction(Created());
                break;
            case "CreatedInSecondActionsAssertion":
                builder.AddAction(Created()).AddUncheckedActionsAssertion([Created()]);
                break;
            case "CreatedWithoutDigitalSourceType":
                builder.AddAction(new C2paAction(C2paActions.Created) { When = When });
                break;
            case "TranslatedWithoutLanguages":
                builder.AddAction(Created()).AddAction(new C2paAction(C2paActions.Translated) { Parameters = new CborMap { { "sourceLanguage", "en" } } });
                break;
            case "OpenedWithoutIngredients":
                builder.AddParent(TestPaths.Fixture("no_manifest.jpg"));
                builder.AddAction(new C2paAction(C2paActions.Opened) { When = When });
                break;
            case "OpenedNamingComponent":
                builder.AddParent(TestPaths.Fixture("no_manifest.jpg"));
                builder.AddAction(new C2paAction(C2paActions.Opened) { Ingredients = [builder.AddComponent(TestPaths.Fixture("sample1.png"))] });
                break;
            case "PlacedNamingParent":
                builder.AddAction(Created()).AddAction(new C2paAction(C2paActions.Placed) { Ingredients = [builder.AddParent(TestPaths.Fixture("no_manifest.jpg"))] });
                break;
            case "PlacedWithEmptyIngredients":
                builder.AddComponent(TestPaths.Fixture("sample1.png"));
                builder.AddAction(Created()).AddAction(new C2paAction(C2paActions.Placed) { Parameters = new CborMap { { "ingredients", new CborArray() } } });
                break;
            case "PlacedNamingMissingAssertion":
                // A well-formed hashed URI to an ingredient assertion this manifest does not have.
                var missing = new CborMap { { "url", "self#jumbf=c2pa.assertions/c2pa.ingredient.v3__7" }, { "hash", new CborByteString(new byte[32]) } };
                builder.AddAction(Created()).AddAction(new C2paAction(C2paActions.Placed) { Parameters = new CborMap { { "ingredients", new CborArray { missing } } } });
                break;
            case "RemovedWithoutIngredients":
                builder.AddAction(Created()).AddAction(new C2paAction(C2paActions.Removed));
                break;
            case "TranscodedNamingComponent":
                builder.AddAction(Created()).AddAction(new C2paAction(C2paActions.Transcoded) { Ingredients = [builder.AddComponent(TestPaths.Fixture("sample1.png"))] });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario");
        }
    }

    private static C2paAction Created() => new(C2paActions.Created) { When = When, DigitalSourceType = DigitalSourceTypes.DigitalCreation };

    private static async Task<(ValidationReport Ours, C2paRsReport Theirs)> SignAndVerifyBothAsync(Action<ManifestBuilder> configure)
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var builder = new ManifestBuilder { UncheckedActions = true };
        configure(builder);
        string output = Path.Combine(dir, "signed.jpg");
        await builder.SignFileAsync(TestPaths.Fixture("earth_apollo17.jpg"), output, signer, new SigningOptions { Thumbnails = null, VerifyAfterSign = false });

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        return (ours, C2paRs.Verify(output, "image/jpeg", root));
    }
}
