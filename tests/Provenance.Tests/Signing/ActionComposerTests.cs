using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Manifests;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>
/// The builder's actions: it refuses those that break C2PA 2.2 §18.14.2 / §15.10.3.2.2, keeps its own opened, created
/// and placed actions beside the caller's, and resolves ingredient references to hashed URIs.
/// </summary>
[Collection("c2pa-rs")]
public class ActionComposerTests
{
    private static string Parent => TestPaths.Fixture("no_manifest.jpg");

    private static string Component => TestPaths.Fixture("sample1.png");

    [Fact]
    public void AddAction_SecondCreated_ArgumentException()
    {
        var builder = new ManifestBuilder().AddAction(Created());

        var ex = Assert.Throws<ArgumentException>(() => builder.AddAction(Created()));

        Assert.Contains("only one c2pa.created or c2pa.opened", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAction_OpenedAfterAnotherAction_ArgumentException()
    {
        var builder = new ManifestBuilder();
        IngredientReference parent = builder.AddParent(Parent);
        builder.AddAction(new C2paAction(C2paActions.Edited));

        var ex = Assert.Throws<ArgumentException>(() => builder.AddAction(new C2paAction(C2paActions.Opened) { Ingredients = [parent] }));

        Assert.Contains("must be the first action", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAction_CreatedWithoutDigitalSourceType_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ManifestBuilder().AddAction(new C2paAction(C2paActions.Created)));

        Assert.Contains("DigitalSourceType", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(C2paActions.Opened, "AddParent")]
    [InlineData(C2paActions.Placed, "AddComponent")]
    [InlineData(C2paActions.Removed, "AddComponent")]
    public void AddAction_IngredientActionWithoutIngredients_ArgumentException(string action, string hint)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ManifestBuilder().AddAction(new C2paAction(action)));

        Assert.Contains($"{action} action must name its ingredient(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAction_OpenedNamingComponent_ArgumentException()
    {
        var builder = new ManifestBuilder();
        IngredientReference component = builder.AddComponent(Component);

        var ex = Assert.Throws<ArgumentException>(() => builder.AddAction(new C2paAction(C2paActions.Opened) { Ingredients = [component] }));

        Assert.Contains("must reference parentOf ingredients", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(C2paActions.Placed)]
    [InlineData(C2paActions.Removed)]
    public void AddAction_ComponentActionNamingParent_ArgumentException(string action)
    {
        var builder = new ManifestBuilder();
        IngredientReference parent = builder.AddParent(Parent);

        var ex = Assert.Throws<ArgumentException>(() => builder.AddAction(new C2paAction(action) { Ingredients = [parent] }));

        Assert.Contains("must reference componentOf ingredients", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAction_ReferenceFromAnotherBuilder_ArgumentException()
    {
        IngredientReference foreign = new ManifestBuilder().AddComponent(Component);

        var ex = Assert.Throws<ArgumentException>(() => new ManifestBuilder().AddAction(new C2paAction(C2paActions.Placed) { Ingredients = [foreign] }));

        Assert.Contains("not added to this ManifestBuilder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAction_TranslatedWithoutTargetLanguage_ArgumentException()
    {
        var action = new C2paAction(C2paActions.Translated) { Parameters = new CborMap { { "sourceLanguage", "en" } } };

        var ex = Assert.Throws<ArgumentException>(() => new ManifestBuilder().AddAction(action));

        Assert.Contains("sourceLanguage and targetLanguage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAction_IngredientsAsReferenceAndParameter_ArgumentException()
    {
        var builder = new ManifestBuilder();
        IngredientReference component = builder.AddComponent(Component);
        var action = new C2paAction(C2paActions.Placed) { Ingredients = [component], Parameters = new CborMap { { "ingredients", new CborArray() } } };

        var ex = Assert.Throws<ArgumentException>(() => builder.AddAction(action));

        Assert.Contains("both in Ingredients and in its parameters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_CreatedWithParent_InvalidOperationException()
    {
        var builder = new ManifestBuilder().AddAction(Created());
        builder.AddParent(Parent);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SignAsync(builder));

        Assert.Contains("starts with c2pa.opened, not c2pa.created", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_RawParameterNamingMissingIngredient_InvalidOperationException()
    {
        // A well-formed hashed URI to an ingredient assertion that the manifest will not have.
        var missing = new CborMap { { "url", "self#jumbf=c2pa.assertions/c2pa.ingredient.v3__4" }, { "hash", new CborByteString(new byte[32]) } };
        var builder = new ManifestBuilder().AddAction(new C2paAction(C2paActions.Placed) { Parameters = new CborMap { { "ingredients", new CborArray { missing } } } });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SignAsync(builder));

        Assert.Contains(StatusCodes.AssertionActionIngredientMismatch, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an ingredient of this manifest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCbor_ActionWithIngredientReference_InvalidOperationException()
    {
        IngredientReference component = new ManifestBuilder().AddComponent(Component);

        Assert.Throws<InvalidOperationException>(() => new C2paAction(C2paActions.Placed) { Ingredients = [component] }.ToCbor());
    }

    [Fact]
    public async Task Sign_PlacedNamingComponentReference_BothVerifiersTrustIt()
    {
        var builder = new ManifestBuilder();
        builder.AddParent(Parent);
        IngredientReference logo = builder.AddComponent(Component, "logo");
        IngredientReference other = builder.AddComponent(TestPaths.Fixture("earth_apollo17.jpg"));
        builder.AddAction(new C2paAction(C2paActions.Placed) { Ingredients = [logo], Description = "logo in the corner" })
            .AddAction(new C2paAction(C2paActions.Edited));

        (ValidationReport ours, C2paRsReport theirs) = await SignAndVerifyBothAsync(builder);

        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");

        // Provenance's own opened (the parent) and placed (the component no action placed) stay beside the caller's.
        IReadOnlyList<C2paAction> actions = ours.Active!.Actions;
        Assert.Equal([C2paActions.Opened, C2paActions.Placed, C2paActions.Placed, C2paActions.Edited], actions.Select(a => a.Action));
        Assert.Equal(["self#jumbf=c2pa.assertions/c2pa.ingredient.v3"], IngredientUrls(actions[0]));
        Assert.Equal(["self#jumbf=c2pa.assertions/c2pa.ingredient.v3__2"], IngredientUrls(actions[1]));
        Assert.Equal(["self#jumbf=c2pa.assertions/c2pa.ingredient.v3__1"], IngredientUrls(actions[2]));
        Assert.Equal("logo in the corner", actions[2].Description);
        Assert.Equal(1, logo.Index);
        Assert.Equal(2, other.Index);
    }

    [Fact]
    public async Task Sign_OpenedNamingParentReference_NoAutomaticOpenedAdded()
    {
        var builder = new ManifestBuilder();
        IngredientReference parent = builder.AddParent(Parent);
        builder.AddAction(new C2paAction(C2paActions.Opened) { Ingredients = [parent], Description = "opened by hand" })
            .AddAction(new C2paAction(C2paActions.Cropped));

        (ValidationReport ours, C2paRsReport theirs) = await SignAndVerifyBothAsync(builder);

        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Equal([C2paActions.Opened, C2paActions.Cropped], ours.Active!.Actions.Select(a => a.Action));
        Assert.Equal("opened by hand", ours.Active.Actions[0].Description);
    }

    [Fact]
    public async Task Sign_OnlyNonIngredientActions_AutomaticCreatedFirst()
    {
        var builder = new ManifestBuilder().AddAction(new C2paAction(C2paActions.Edited));

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(await SignAsync(builder));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal([C2paActions.Created, C2paActions.Edited], report.Active!.Actions.Select(a => a.Action));
        Assert.Equal(DigitalSourceTypes.DigitalCreation, report.Active.Actions[0].DigitalSourceType);
    }

    private static C2paAction Created() => new(C2paActions.Created) { DigitalSourceType = DigitalSourceTypes.DigitalCapture };

    private static IEnumerable<string> IngredientUrls(C2paAction action)
        => ((CborArray)action.Parameters!["ingredients"]).Select(v => HashedUri.FromCbor(v).Url);

    private static async Task<byte[]> SignAsync(ManifestBuilder builder)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await using FileStream input = File.OpenRead(TestPaths.Fixture("earth_apollo17.jpg"));
        await builder.SignAsync(input, output, signer, new SigningOptions { Thumbnails = null });
        return output.ToArray();
    }

    private static async Task<(ValidationReport Ours, C2paRsReport Theirs)> SignAndVerifyBothAsync(ManifestBuilder builder)
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");
        await File.WriteAllBytesAsync(output, await SignAsync(builder));

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        return (ours, C2paRs.Verify(output, "image/jpeg", root));
    }
}
