using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Signing;

/// <summary>
/// Makes the actions a manifest is signed with: the caller's, checked when added (<see cref="CheckAdded"/>), plus the
/// ones Provenance adds itself (C2PA 2.2 §18.14.2, §18.15.3): <c>c2pa.created</c> for a new work or <c>c2pa.opened</c>
/// for its parent first, and <c>c2pa.placed</c> for components no action places. Ingredient references become
/// hashed URIs, and the result is checked against <see cref="ActionRules"/> before anything is signed.
/// </summary>
internal static class ActionComposer
{
    /// <summary>What the automatic actions say.</summary>
    public sealed record Defaults(DateTimeOffset When, GeneratorInfo ClaimGenerator, GeneratorInfo? AiModel, string DigitalSourceType);

    /// <summary>Refuses an action that breaks a rule on its own or with the actions added before it.</summary>
    /// <exception cref="ArgumentException">The action breaks a rule; the message names it.</exception>
    public static void CheckAdded(C2paAction action, IReadOnlyList<C2paAction> added, object owner)
    {
        string name = action.Action;
        if (action.Ingredients.Any(r => r is null || r.Owner != owner))
        {
            throw new ArgumentException($"Action {name} references an ingredient that was not added to this ManifestBuilder.", nameof(action));
        }

        if (ActionRules.IsCreatedOrOpened(name))
        {
            if (added.Any(a => ActionRules.IsCreatedOrOpened(a.Action)))
            {
                throw new ArgumentException($"A manifest has only one c2pa.created or c2pa.opened action (C2PA 2.2 §18.14.2); {name} cannot be added.", nameof(action));
            }

            if (added.Count > 0)
            {
                throw new ArgumentException($"c2pa.created or c2pa.opened must be the first action (C2PA 2.2 §18.14.2); add {name} before {added[0].Action}.", nameof(action));
            }
        }

        if (name == C2paActions.Created && action.DigitalSourceType is null)
        {
            throw new ArgumentException("A c2pa.created action must have a DigitalSourceType (C2PA 2.2 §18.14.4.5, checked by c2pa-rs).", nameof(action));
        }

        if (name == C2paActions.Translated && !(HasText(action.Parameters, "sourceLanguage") && HasText(action.Parameters, "targetLanguage")))
        {
            throw new ArgumentException("A c2pa.translated action must have sourceLanguage and targetLanguage parameters (C2PA 2.2 §18.14.4.7).", nameof(action));
        }

        bool rawReferences = action.Parameters is { } parameters && (parameters.ContainsKey("ingredients") || parameters.ContainsKey("ingredient"));
        if (rawReferences && action.Ingredients.Count > 0)
        {
            throw new ArgumentException($"Action {name} names ingredients both in Ingredients and in its parameters; use Ingredients.", nameof(action));
        }

        string? expected = ActionRules.ExpectedRelationship(name, out bool required);
        if (required && action.Ingredients.Count == 0 && !rawReferences)
        {
            throw new ArgumentException(
                $"A {name} action must name its ingredient(s) (C2PA 2.2 §15.10.3.2.2): set Ingredients to the reference that {(expected == "parentOf" ? "AddParent" : "AddComponent")} returned.",
                nameof(action));
        }

        if (expected is not null && action.Ingredients.FirstOrDefault(r => RelationshipName(r.Relationship) != expected) is { } wrong)
        {
            throw new ArgumentException($"A {name} action must reference {expected} ingredients (C2PA 2.2 §15.10.3.2.2), not a {RelationshipName(wrong.Relationship)} ingredient ({wrong.Path}).", nameof(action));
        }
    }

    /// <summary>The actions to sign, in order, with ingredient references resolved.</summary>
    /// <param name="added">The caller's actions.</param>
    /// <param name="ingredients">The resolved ingredients, in the order they were added.</param>
    /// <param name="defaults">What the automatic actions say.</param>
    /// <param name="algorithm">The hash algorithm of the hashed URIs.</param>
    /// <param name="automatic">False to write exactly <paramref name="added"/>, unchecked (a test hook for invalid manifests).</param>
    /// <exception cref="InvalidOperationException">The actions, with the ingredients, break a rule; the message names it.</exception>
    public static List<C2paAction> Compose(IReadOnlyList<C2paAction> added, IReadOnlyList<IngredientResolver.Resolved> ingredients, Defaults defaults, string algorithm, bool automatic = true)
    {
        if (!automatic)
        {
            return [.. added.Select(a => Resolve(a, ingredients, algorithm))];
        }

        IngredientResolver.Resolved? parent = ingredients.FirstOrDefault(i => i.Relationship == IngredientRelationship.ParentOf);
        var actions = new List<C2paAction>(added);
        C2paAction? first = actions.Count > 0 && ActionRules.IsCreatedOrOpened(actions[0].Action) ? actions[0] : null;
        if (parent is not null && first?.Action == C2paActions.Created)
        {
            throw new InvalidOperationException("A manifest with a parent ingredient starts with c2pa.opened, not c2pa.created (C2PA 2.2 §18.14.2): remove the c2pa.created action or the parent.");
        }

        if (first is null)
        {
            first = parent is null
                ? new C2paAction(C2paActions.Created) { When = defaults.When, SoftwareAgent = defaults.AiModel ?? defaults.ClaimGenerator, DigitalSourceType = defaults.DigitalSourceType }
                : new C2paAction(C2paActions.Opened) { When = defaults.When, SoftwareAgent = defaults.ClaimGenerator, Parameters = References([parent], algorithm) };
            actions.Insert(0, first);
        }

        // C2PA 2.2 §18.15.3: every component is placed by some action; Provenance places those the caller's actions do not.
        var placed = new HashSet<int>(added.Where(a => a.Action == C2paActions.Placed).SelectMany(a => a.Ingredients).Select(r => r.Index));
        List<IngredientResolver.Resolved> unplaced = [.. ingredients.Where((i, index) => i.Relationship == IngredientRelationship.ComponentOf && !placed.Contains(index))];
        if (unplaced.Count > 0)
        {
            actions.Insert(1, new C2paAction(C2paActions.Placed) { When = defaults.When, SoftwareAgent = defaults.ClaimGenerator, Parameters = References(unplaced, algorithm) });
        }

        // An edit of a parent by a generative model says so, unless the caller's actions state a source type themselves.
        if (parent is not null && defaults.AiModel is not null && !added.Any(a => a.DigitalSourceType is not null))
        {
            actions.Add(new C2paAction(C2paActions.Edited) { When = defaults.When, SoftwareAgent = defaults.AiModel, DigitalSourceType = defaults.DigitalSourceType });
        }

        List<C2paAction> resolved = [.. actions.Select(a => Resolve(a, ingredients, algorithm))];
        Check(resolved, ingredients);
        return resolved;
    }

    // The same rules the validator applies, so that what Provenance signs never fails them (c.f. raw parameters).
    private static void Check(List<C2paAction> actions, IReadOnlyList<IngredientResolver.Resolved> ingredients)
    {
        string? RelationshipOf(string url)
            => ingredients.FirstOrDefault(i => url == JumbfUri.Relative(C2paLabels.AssertionStore, i.Label)) is { } ingredient
                ? RelationshipName(ingredient.Relationship)
                : null;

        List<ActionRules.Violation> violations = ActionRules.Check([new(C2paLabels.ActionsV2, false, new ActionsAssertion(actions))], 2, false, RelationshipOf);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"The actions break the rules of C2PA 2.2 §15.10.3.2.2: {string.Join("; ", violations.Select(v => $"{v.Explanation} ({v.Code})"))}.");
        }
    }

    private static C2paAction Resolve(C2paAction action, IReadOnlyList<IngredientResolver.Resolved> ingredients, string algorithm)
    {
        if (action.Ingredients.Count == 0)
        {
            return action;
        }

        var parameters = new CborMap();
        foreach (KeyValuePair<CborValue, CborValue> entry in action.Parameters ?? new CborMap())
        {
            parameters.Add(entry.Key, entry.Value);
        }

        parameters.Add("ingredients", References(action.Ingredients.Select(r => ingredients[r.Index]), algorithm)["ingredients"]);
        return action with { Ingredients = [], Parameters = parameters };
    }

    private static CborMap References(IEnumerable<IngredientResolver.Resolved> ingredients, string algorithm)
        => new() { { "ingredients", new CborArray(ingredients.Select(i => (CborValue)IngredientResolver.Reference(i, algorithm))) } };

    private static bool HasText(CborMap? parameters, string key) => parameters?.GetValueOrDefault(key) is CborTextString { Value.Length: > 0 };

    private static string RelationshipName(IngredientRelationship relationship) => relationship switch
    {
        IngredientRelationship.ParentOf => "parentOf",
        IngredientRelationship.ComponentOf => "componentOf",
        _ => "inputTo",
    };
}
