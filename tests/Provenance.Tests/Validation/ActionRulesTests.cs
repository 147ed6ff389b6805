using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// The cases of C2PA 2.2 §15.10.3.2.2 that Provenance cannot sign (1.x claims, update manifests, gathered assertions,
/// the 1.x <c>parameters.ingredient</c>), checked on decoded actions as c2pa-rs's claim.rs <c>verify_actions</c> treats them.
/// </summary>
public class ActionRulesTests
{
    private const string ParentUrl = "self#jumbf=c2pa.assertions/c2pa.ingredient.v3";
    private const string ComponentUrl = "self#jumbf=c2pa.assertions/c2pa.ingredient.v3__1";

    [Fact]
    public void Check_V1ClaimWithTwoActionsAssertions_Malformed()
    {
        List<ActionRules.Violation> violations = ActionRules.Check([Entry("c2pa.actions", Created()), Entry("c2pa.actions__1", Edited())], 1, false, Relationship);

        ActionRules.Violation violation = Assert.Single(violations);
        Assert.Equal(StatusCodes.AssertionActionMalformed, violation.Code);
        Assert.Null(violation.Label);
    }

    [Fact]
    public void Check_V1ClaimBreakingV2Rules_NothingReported()
    {
        // c2pa-rs skips the 2.x rules for 1.x claims (video1.mp4 has an opened action without ingredients).
        List<ActionRules.Violation> violations = ActionRules.Check([Entry("c2pa.actions", new C2paAction(C2paActions.Opened), Edited())], 1, false, Relationship);

        Assert.Empty(violations);
    }

    [Fact]
    public void Check_UpdateManifestNotStartingWithOpened_NoFirstActionFailure()
    {
        List<ActionRules.Violation> violations = ActionRules.Check([Entry("c2pa.actions.v2", new C2paAction("c2pa.edited.metadata"))], 2, true, Relationship);

        Assert.Empty(violations);
    }

    [Fact]
    public void Check_StandardManifestWithoutActionsAssertion_Malformed()
    {
        ActionRules.Violation violation = Assert.Single(ActionRules.Check([], 2, false, Relationship));

        Assert.Equal(StatusCodes.AssertionActionMalformed, violation.Code);
    }

    [Fact]
    public void Check_OnlyGatheredActionsAssertion_Accepted()
    {
        // c2pa-rs looks for the first actions assertion in created_assertions, then in gathered_assertions.
        Assert.Empty(ActionRules.Check([Entry("c2pa.actions.v2", gathered: true, Created())], 2, false, Relationship));
    }

    [Fact]
    public void Check_CreatedInGatheredAfterCreatedAssertion_Malformed()
    {
        // The created_assertions list has an actions assertion, and it does not start with created or opened; c2pa-rs
        // accepts the gathered one as "first" but still flags its c2pa.created for not being in the first assertion in
        // the store, so the manifest fails either way.
        List<ActionRules.Violation> violations = ActionRules.Check([Entry("c2pa.actions.v2", Edited()), Entry("c2pa.actions.v2__1", gathered: true, Created())], 2, false, Relationship);

        ActionRules.Violation violation = Assert.Single(violations);
        Assert.Equal(StatusCodes.AssertionActionMalformed, violation.Code);
        Assert.Equal("c2pa.actions.v2__1", violation.Label);
    }

    [Fact]
    public void Check_OpenedWithV1IngredientParameter_Resolved()
    {
        var opened = new C2paAction(C2paActions.Opened) { Parameters = new CborMap { { "ingredient", Hashed(ParentUrl) } } };

        Assert.Empty(ActionRules.Check([Entry("c2pa.actions", opened)], 2, false, Relationship));
    }

    [Fact]
    public void Check_V1IngredientAndV2Ingredients_V1Wins()
    {
        // c2pa-rs reads parameters.ingredient first and then ignores parameters.ingredients.
        var opened = new C2paAction(C2paActions.Opened)
        {
            Parameters = new CborMap { { "ingredient", Hashed(ComponentUrl) }, { "ingredients", new CborArray { Hashed(ParentUrl) } } },
        };

        ActionRules.Violation violation = Assert.Single(ActionRules.Check([Entry("c2pa.actions.v2", opened)], 2, false, Relationship));

        Assert.Equal(StatusCodes.AssertionActionIngredientMismatch, violation.Code);
        Assert.Contains("relationship componentOf", violation.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PlacedNamingOneGoodAmongOthers_Accepted()
    {
        var placed = new C2paAction(C2paActions.Placed) { Parameters = new CborMap { { "ingredients", new CborArray { Hashed(ParentUrl), Hashed(ComponentUrl) } } } };

        Assert.Empty(ActionRules.Check([Entry("c2pa.actions.v2", Created(), placed)], 2, false, Relationship));
    }

    [Fact]
    public void Check_IngredientsNotHashedUris_Malformed()
    {
        var placed = new C2paAction(C2paActions.Placed) { Parameters = new CborMap { { "ingredients", ComponentUrl } } };

        ActionRules.Violation violation = Assert.Single(ActionRules.Check([Entry("c2pa.actions.v2", Created(), placed)], 2, false, Relationship));

        Assert.Equal(StatusCodes.AssertionActionMalformed, violation.Code);
        Assert.Equal("c2pa.actions.v2", violation.Label);
    }

    private static string? Relationship(string url) => url switch
    {
        ParentUrl => "parentOf",
        ComponentUrl => "componentOf",
        _ => null,
    };

    private static ActionRules.Entry Entry(string label, params C2paAction[] actions) => new(label, false, new ActionsAssertion(actions));

    private static ActionRules.Entry Entry(string label, bool gathered, params C2paAction[] actions) => new(label, gathered, new ActionsAssertion(actions));

    private static CborMap Hashed(string url) => new() { { "url", url }, { "hash", new CborByteString(new byte[32]) } };

    private static C2paAction Created() => new(C2paActions.Created) { DigitalSourceType = DigitalSourceTypes.DigitalCreation };

    private static C2paAction Edited() => new(C2paActions.Edited);
}
