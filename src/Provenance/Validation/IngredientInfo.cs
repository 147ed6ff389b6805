namespace Provenance.Validation;

/// <summary>An ingredient of a manifest: an earlier work this one was made from.</summary>
/// <param name="Label">The ingredient assertion's label.</param>
/// <param name="Title">Its title.</param>
/// <param name="Format">Its media type.</param>
/// <param name="Relationship"><c>parentOf</c>, <c>componentOf</c> or <c>inputTo</c>.</param>
/// <param name="ActiveManifest">The label of its manifest in this store, if it had one.</param>
public sealed record IngredientInfo(string Label, string? Title, string? Format, string? Relationship, string? ActiveManifest)
{
    /// <summary>How the ingredient's reference to its manifest checked out.</summary>
    public IngredientHashCheck HashCheck { get; init; }

    /// <summary>
    /// How the ingredient's manifest validated: Invalid when its hash did not match, it is missing, or its own checks
    /// (claim signature, assertions, actions) failed; Trusted or Valid by its signer otherwise; null when the ingredient
    /// has no manifest or was not checked.
    /// </summary>
    public ValidationState? State { get; init; }

    /// <summary>
    /// What validating the ingredient found that it had not recorded when it was added (its <c>ingredientDeltas</c>
    /// entry); null when nothing.
    /// </summary>
    public StatusLog? ValidationDeltas { get; init; }
}
