using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// The rules an actions assertion must follow (C2PA 2.2 §18.14.2 and §15.10.3.2.2), applied as c2pa-rs applies them
/// (claim.rs <c>verify_actions</c>). The validator reports what they find; the builder refuses to write it.
/// </summary>
internal static class ActionRules
{
    /// <summary>One actions assertion of a manifest, in assertion-store order.</summary>
    /// <param name="Label">Its label, such as <c>c2pa.actions.v2</c>.</param>
    /// <param name="Gathered">Whether the claim lists it in <c>gathered_assertions</c> rather than <c>created_assertions</c>.</param>
    /// <param name="Assertion">Its decoded content.</param>
    public sealed record Entry(string Label, bool Gathered, ActionsAssertion Assertion);

    /// <summary>A broken rule.</summary>
    /// <param name="Code"><see cref="StatusCodes.AssertionActionMalformed"/> or <see cref="StatusCodes.AssertionActionIngredientMismatch"/>.</param>
    /// <param name="Label">The actions assertion concerned, or null when the rule concerns the manifest as a whole.</param>
    /// <param name="Explanation">What is wrong, naming the action by its index.</param>
    public sealed record Violation(string Code, string? Label, string Explanation);

    /// <summary>Checks the actions assertions of one manifest.</summary>
    /// <param name="entries">The manifest's actions assertions, in assertion-store order.</param>
    /// <param name="claimVersion">1 for a 1.x claim, 2 for <c>c2pa.claim.v2</c>.</param>
    /// <param name="isUpdateManifest">Whether the manifest is an update manifest, which need not start with created or opened.</param>
    /// <param name="relationshipOf">
    /// The relationship (<c>parentOf</c>, <c>componentOf</c>, <c>inputTo</c>) of the ingredient assertion of this manifest
    /// that a JUMBF URI names, or null when it names none.
    /// </param>
    public static List<Violation> Check(IReadOnlyList<Entry> entries, int claimVersion, bool isUpdateManifest, Func<string, string?> relationshipOf)
    {
        var violations = new List<Violation>();
        if (claimVersion < 2)
        {
            // c2pa-rs checks only this in a 1.x claim (unless its strict_v1_validation setting is on, off by default):
            // 1.x manifests were written before the rules below existed.
            if (entries.Count > 1)
            {
                violations.Add(new(StatusCodes.AssertionActionMalformed, null, "a 1.x claim may have only one actions assertion"));
            }

            return violations;
        }

        if (entries.FirstOrDefault(e => e.Assertion.Actions.Count == 0) is { } empty)
        {
            // C2PA 2.2 §18.14.3: actions is [1* action]. c2pa-rs stops checking actions here.
            violations.Add(new(StatusCodes.AssertionActionMalformed, empty.Label, "the actions array is empty"));
            return violations;
        }

        // C2PA 2.2 §15.10.3.2.2: the first action of the first actions assertion (created_assertions first, then
        // gathered_assertions, as c2pa-rs looks) is c2pa.created or c2pa.opened, except in an update manifest.
        Entry? first = FirstActionsAssertion(entries, gathered: false) ?? FirstActionsAssertion(entries, gathered: true);
        if (first is null && !isUpdateManifest)
        {
            violations.Add(new(StatusCodes.AssertionActionMalformed, null, "the first action of the first actions assertion must be c2pa.created or c2pa.opened"));
        }

        // C2PA 2.2 §18.14.2: a manifest has exactly one c2pa.created or c2pa.opened (c2pa-rs 0.91 reports this at the manifest).
        if (entries.Sum(e => e.Assertion.Actions.Count(a => IsCreatedOrOpened(a.Action))) > 1)
        {
            violations.Add(new(StatusCodes.AssertionActionMalformed, null, "a manifest may have only one c2pa.created or c2pa.opened action"));
        }

        foreach (Entry entry in entries)
        {
            for (int index = 0; index < entry.Assertion.Actions.Count; index++)
            {
                CheckAction(entry, index, ReferenceEquals(entry, entries[0]) && (first is null || ReferenceEquals(entry, first)), relationshipOf, violations);
            }
        }

        return violations;
    }

    private static Entry? FirstActionsAssertion(IReadOnlyList<Entry> entries, bool gathered)
        => entries.FirstOrDefault(e => e.Gathered == gathered) is { } head && IsCreatedOrOpened(head.Assertion.Actions[0].Action) ? head : null;

    private static void CheckAction(Entry entry, int index, bool inFirstAssertion, Func<string, string?> relationshipOf, List<Violation> violations)
    {
        C2paAction action = entry.Assertion.Actions[index];
        string name = action.Action;
        string which = $"action[{index}] ('{name}')";

        // C2PA 2.2 §18.14.2: c2pa.created and c2pa.opened belong in the first actions assertion (as its first action; the
        // rules above catch one elsewhere in that assertion). Like c2pa-rs, "first" means first in the store and, when
        // one qualifies, the one the first-action rule found.
        if (IsCreatedOrOpened(name) && !inFirstAssertion)
        {
            violations.Add(new(StatusCodes.AssertionActionMalformed, entry.Label, $"{which}: c2pa.created or c2pa.opened may only be the first action of the first actions assertion"));
        }

        if (name == C2paActions.Created && action.DigitalSourceType is null)
        {
            violations.Add(new(StatusCodes.AssertionActionMalformed, entry.Label, $"{which} must have a digitalSourceType"));
        }

        // C2PA 2.2 §18.14.4.7: a translation names its source and target languages.
        if (name == C2paActions.Translated && (IsBlank(action.Parameters, "sourceLanguage") || IsBlank(action.Parameters, "targetLanguage")))
        {
            violations.Add(new(StatusCodes.AssertionActionMalformed, entry.Label, $"{which} must have sourceLanguage and targetLanguage parameters"));
        }

        string? expected = ExpectedRelationship(name, out bool required);
        if (expected is null)
        {
            return;
        }

        if (!TryReadIngredients(action.Parameters, out IReadOnlyList<string>? urls))
        {
            violations.Add(new(StatusCodes.AssertionActionMalformed, entry.Label, $"{which}: parameters.ingredients must be an array of hashed URIs (parameters.ingredient, in 1.x, one hashed URI)"));
            return;
        }

        // C2PA 2.2 §15.10.3.2.2: opened, placed and removed name their ingredients; transcoded and repackaged may.
        if (urls is null)
        {
            if (required)
            {
                violations.Add(new(StatusCodes.AssertionActionIngredientMismatch, entry.Label, $"{which} must name its ingredient(s) in parameters.ingredients"));
            }

            return;
        }

        if (urls.Count == 0)
        {
            violations.Add(new(StatusCodes.AssertionActionIngredientMismatch, entry.Label, $"{which} has an empty parameters.ingredients; it must name a {expected} ingredient"));
            return;
        }

        // Like c2pa-rs, one reference to an ingredient of the right relationship satisfies the rule.
        if (!urls.Any(url => relationshipOf(url) == expected))
        {
            string found = string.Join(", ", urls.Select(url => $"'{url}' ({(relationshipOf(url) is { } r ? "relationship " + r : "not an ingredient of this manifest")})"));
            violations.Add(new(StatusCodes.AssertionActionIngredientMismatch, entry.Label, $"{which} must reference a {expected} ingredient of this manifest; it references: {found}"));
        }
    }

    /// <summary>The relationship the ingredients of an action must have, or null for actions without that rule.</summary>
    /// <param name="action">The action name.</param>
    /// <param name="required">Whether the action must name an ingredient at all.</param>
    public static string? ExpectedRelationship(string action, out bool required)
    {
        // C2PA 2.2 §15.10.3.2.2 as c2pa-rs applies it: c2pa.removed is checked like c2pa.placed, against this manifest's
        // componentOf ingredients.
        required = action is C2paActions.Opened or C2paActions.Placed or C2paActions.Removed;
        return action switch
        {
            C2paActions.Opened or C2paActions.Transcoded or C2paActions.Repackaged => "parentOf",
            C2paActions.Placed or C2paActions.Removed => "componentOf",
            _ => null,
        };
    }

    /// <summary>Whether the action is <c>c2pa.created</c> or <c>c2pa.opened</c>.</summary>
    public static bool IsCreatedOrOpened(string action) => action is C2paActions.Created or C2paActions.Opened;

    /// <summary>
    /// The URLs of the ingredients an action names: the 1.x <c>ingredient</c> when present (c2pa-rs prefers it), else
    /// the v2 <c>ingredients</c>; null when it names none; false when either is not made of hashed URIs.
    /// </summary>
    public static bool TryReadIngredients(CborMap? parameters, out IReadOnlyList<string>? urls)
    {
        urls = null;
        if (parameters is null)
        {
            return true;
        }

        try
        {
            if (parameters.GetValueOrDefault("ingredient") is { } single)
            {
                urls = [HashedUri.FromCbor(single).Url];
            }
            else if (parameters.GetValueOrDefault("ingredients") is { } many)
            {
                urls = many is CborArray array ? [.. array.Select(v => HashedUri.FromCbor(v).Url)] : throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "ingredients is not an array");
            }

            return true;
        }
        catch (ProvenanceFormatException)
        {
            return false;
        }
    }

    private static bool IsBlank(CborMap? parameters, string key)
        => parameters?.GetValueOrDefault(key) is not CborTextString { Value.Length: > 0 };
}
