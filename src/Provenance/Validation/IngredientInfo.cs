namespace Provenance.Validation;

/// <summary>An ingredient of a manifest: an earlier work this one was made from.</summary>
/// <param name="Label">The ingredient assertion's label.</param>
/// <param name="Title">Its title.</param>
/// <param name="Format">Its media type.</param>
/// <param name="Relationship"><c>parentOf</c>, <c>componentOf</c> or <c>inputTo</c>.</param>
/// <param name="ActiveManifest">The label of its manifest in this store, if it had one.</param>
public sealed record IngredientInfo(string Label, string? Title, string? Format, string? Relationship, string? ActiveManifest);
