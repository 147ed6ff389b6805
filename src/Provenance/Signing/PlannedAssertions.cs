using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>The assertions of a <see cref="ManifestPlan"/> other than the hard binding and identities, as boxes.</summary>
internal static class PlannedAssertions
{
    /// <summary>The assertions in the order they are written; ingredients come first so actions can reference them.</summary>
    public static IEnumerable<(string Label, JumbfSuperBox Box)> Build(ManifestPlan plan, SigningOptions options, IReadOnlyList<IngredientResolver.Resolved> ingredients)
    {
        IRandomSource? salted = options.Salts;
        foreach (IngredientResolver.Resolved ingredient in ingredients)
        {
            if (ingredient.Data is { } data)
            {
                yield return data;
            }

            yield return (ingredient.Label, ingredient.Box);
        }

        var defaults = new ActionComposer.Defaults(options.TimeProvider.GetUtcNow(), plan.ClaimGenerator, plan.AiModel, plan.DigitalSourceType);
        List<C2paAction> actions = ActionComposer.Compose(plan.Actions, ingredients, defaults, options.C2paHashName, automatic: !plan.UncheckedActions);
        yield return (C2paLabels.ActionsV2, AssertionBoxes.Cbor(C2paLabels.ActionsV2, new ActionsAssertion(actions).ToCbor(), salted));
        for (int i = 0; i < plan.UncheckedActionsAssertions.Count; i++)
        {
            string label = $"{C2paLabels.ActionsV2}__{i + 1}";
            List<C2paAction> more = ActionComposer.Compose(plan.UncheckedActionsAssertions[i], ingredients, defaults, options.C2paHashName, automatic: false);
            yield return (label, AssertionBoxes.Cbor(label, new ActionsAssertion(more).ToCbor(), salted));
        }

        if (plan.Authors.Count > 0 || plan.CopyrightHolder is not null || plan.License is not null || plan.LicensingContact is not null)
        {
            // The same credit in both vocabularies: schema.org (read by C2PA 1.x tools, and the only one with identifiers
            // and roles) and CAWG metadata's XMP fields (what C2PA 2.x defers to for metadata).
            var creativeWork = new CreativeWorkAssertion(plan.Authors, plan.CopyrightHolder, plan.License, plan.LicensingContact);
            yield return (C2paLabels.CreativeWork, AssertionBoxes.Json(C2paLabels.CreativeWork, creativeWork.ToJson(), salted));
            var metadata = new CawgMetadataAssertion(plan.Authors.Select(a => a.Name), plan.CopyrightHolder, plan.License, plan.LicensingContact);
            yield return (C2paLabels.CawgMetadata, AssertionBoxes.Json(C2paLabels.CawgMetadata, metadata.ToJson(), salted));
        }

        if (plan.TrainingMining is not null)
        {
            yield return (C2paLabels.CawgTrainingMining, AssertionBoxes.Cbor(C2paLabels.CawgTrainingMining, plan.TrainingMining.ToCbor(), salted));
        }

        foreach (AddedAssertion added in plan.AddedAssertions)
        {
            yield return (added.Label, added.ToBox(salted));
        }
    }
}
