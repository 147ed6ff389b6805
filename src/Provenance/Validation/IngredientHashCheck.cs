namespace Provenance.Validation;

/// <summary>
/// How an ingredient's reference to its manifest checked out (C2PA 2.2 §15.11.3): the hash the ingredient recorded
/// against the manifest found in the store.
/// </summary>
public enum IngredientHashCheck
{
    /// <summary>Not checked: the manifest that holds the ingredient was not validated as far as its ingredients.</summary>
    NotChecked,

    /// <summary>The ingredient references no manifest (an asset without content credentials, or an input).</summary>
    NoManifest,

    /// <summary>
    /// The manifest in the store is the one the ingredient was made from: its hash matched (or, for a C2PA 1.0–1.2
    /// ingredient, the claim's hash; for a redacted manifest, the claim signature's).
    /// </summary>
    Matched,

    /// <summary>The manifest in the store does not match what the ingredient recorded, or the reference is malformed.</summary>
    Mismatch,

    /// <summary>The referenced manifest is not in the store (<c>ingredient.manifest.missing</c>).</summary>
    Missing,
}
