using Provenance.Assertions;

namespace Provenance.Signing;

/// <summary>
/// An ingredient as added to a <see cref="ManifestBuilder"/>: a media file (read, and its manifests carried), or data
/// (<see cref="Data"/> set: a prompt, a data-set card) that is embedded and hashed as bytes, never parsed as media.
/// </summary>
/// <param name="Path">The file, or for data given in memory its title.</param>
/// <param name="Relationship">How it relates to the new asset.</param>
/// <param name="Title">Its title; the file name by default.</param>
/// <param name="Data">For a data ingredient, its bytes; null for a media file.</param>
/// <param name="MediaType">For a data ingredient, its media type (<c>text/plain</c>, <c>application/json</c>).</param>
/// <param name="DataType">For a data ingredient, its asset type (<see cref="AssetTypes"/>), or null.</param>
internal sealed record IngredientSource(
    string Path,
    IngredientRelationship Relationship,
    string? Title,
    ReadOnlyMemory<byte>? Data = null,
    string? MediaType = null,
    string? DataType = null);
