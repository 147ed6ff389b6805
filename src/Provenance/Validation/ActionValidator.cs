using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Validates the actions assertions of one manifest (C2PA 2.2 §15.10.3.2.2) with <see cref="ActionRules"/>, reporting
/// <c>assertion.action.malformed</c> and <c>assertion.action.ingredientMismatch</c> as c2pa-rs does: as failures, at the
/// URL of the actions assertion, or of the manifest when the rule concerns the manifest as a whole.
/// </summary>
internal static class ActionValidator
{
    /// <summary>Checks the manifest's actions assertions and logs every broken rule.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="claim">Its claim.</param>
    /// <param name="assertions">The assertions whose hashed URIs matched, by label; only these are read.</param>
    /// <param name="log">Receives the failures.</param>
    public static void Validate(Manifest manifest, Claim claim, IReadOnlyDictionary<string, JumbfSuperBox> assertions, StatusLog log)
    {
        if (manifest.Kind == ManifestKind.Compressed)
        {
            return;
        }

        var gathered = new HashSet<string>(claim.GatheredAssertions.Select(uri => LabelOf(manifest, uri.Url)).OfType<string>(), StringComparer.Ordinal);
        var entries = new List<ActionRules.Entry>();

        // Assertion-store order, as c2pa-rs reads them; "first actions assertion" means first in that order.
        foreach (JumbfSuperBox box in manifest.Assertions)
        {
            if (box.Label is not { } label || !IsActions(label) || !assertions.ContainsKey(label))
            {
                continue;
            }

            try
            {
                entries.Add(new(label, gathered.Contains(label), AssertionCodec.Read<ActionsAssertion>(box)));
            }
            catch (ProvenanceFormatException ex)
            {
                // c2pa-rs cannot decode such an assertion and stops checking actions there.
                log.AddFailure(StatusCodes.AssertionActionMalformed, AssertionUrl(manifest, label), ex.Reason);
                return;
            }
        }

        // Each ingredient assertion is decoded once, however many actions name it.
        var relationships = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string label, JumbfSuperBox box) in assertions)
        {
            if (IngredientValidator.IsIngredient(label)
                && IngredientValidator.Decode(box)?.GetValueOrDefault("relationship") is CborTextString { Value: "parentOf" or "componentOf" or "inputTo" } relationship)
            {
                relationships[label] = relationship.Value;
            }
        }

        string? RelationshipOf(string url) => LabelOf(manifest, url) is { } label ? relationships.GetValueOrDefault(label) : null;

        foreach (ActionRules.Violation violation in ActionRules.Check(entries, claim.Version, manifest.Kind == ManifestKind.Update, RelationshipOf))
        {
            string url = violation.Label is null
                ? JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label)
                : AssertionUrl(manifest, violation.Label);
            log.AddFailure(violation.Code, url, violation.Explanation);
        }
    }

    private static bool IsActions(string label) => C2paLabels.StripInstance(label) is C2paLabels.ActionsV2 or C2paLabels.Actions;

    private static string AssertionUrl(Manifest manifest, string label)
        => JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label, C2paLabels.AssertionStore, label);

    /// <summary>
    /// The label of the assertion of this manifest that a JUMBF URI names (relative, or absolute through this manifest);
    /// null for any other URI. c2pa-rs compares only the last label, so it would also accept an absolute URI into
    /// another manifest; C2PA 2.2 §15.10.3.2.2 asks for an ingredient of the current manifest.
    /// </summary>
    private static string? LabelOf(Manifest manifest, string url)
    {
        if (!JumbfUri.TryParse(url, out bool isAbsolute, out IReadOnlyList<string> labels))
        {
            return null;
        }

        return isAbsolute
            ? labels is [C2paLabels.ManifestStore, var owner, C2paLabels.AssertionStore, var label] && owner == manifest.Label ? label : null
            : labels is [C2paLabels.AssertionStore, var relative] ? relative : null;
    }
}
