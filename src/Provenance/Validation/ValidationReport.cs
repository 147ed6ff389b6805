namespace Provenance.Validation;

/// <summary>
/// The result of verifying an asset, in the shape of c2pa-rs's report: the active manifest, every manifest, the
/// state, the status codes, and Provenance's own summary.
/// </summary>
public sealed class ValidationReport
{
    /// <summary>Whether the asset carries a manifest store at all. When false, nothing else is meaningful.</summary>
    public bool HasManifest { get; init; }

    /// <summary>
    /// The validation state of the active manifest; null when the asset carries no manifest (<see cref="HasManifest"/>
    /// false): a file without content credentials is neither valid nor invalid, it has nothing to validate. A manifest
    /// that cannot be read, or one that is only referenced remotely, is Invalid.
    /// </summary>
    public ValidationState? State { get; init; }

    /// <summary>
    /// Whether the hard binding of the active manifest matched the asset's bytes (<c>assertion.dataHash.match</c> or
    /// <c>assertion.bmffHash.match</c> among the active manifest's results): the content is the content that was signed.
    /// </summary>
    public bool ContentIntact { get; init; }

    /// <summary>The active manifest's label.</summary>
    public string? ActiveManifest { get; init; }

    /// <summary>Every manifest of the store, by label, in store order.</summary>
    public IReadOnlyList<ManifestReport> Manifests { get; init; } = [];

    /// <summary>Status codes for the active manifest (<c>validation_results.activeManifest</c>).</summary>
    public StatusLog ActiveManifestResults { get; init; } = new();

    /// <summary>Status codes for ingredient manifests, keyed by the ingredient assertion's URI (<c>ingredientDeltas</c>).</summary>
    public IReadOnlyList<IngredientDelta> IngredientDeltas { get; init; } = [];

    /// <summary>AI disclosure, signer, authors, AI-training consent.</summary>
    public ContentSummary Summary { get; init; } = new();

    /// <summary>
    /// The URL of the remote manifest the asset references in its XMP (<c>dcterms:provenance</c>, C2PA 2.2 §11.3), when it
    /// carries no embedded store. It is fetched only from hosts <see cref="VerificationOptions.RemoteManifests"/> allows;
    /// otherwise, or when the fetch fails, the report is Invalid with <c>manifest.inaccessible</c>.
    /// </summary>
    public string? RemoteManifestUrl { get; init; }

    /// <summary>Where the validated manifest store came from; null when there is none.</summary>
    public ManifestSource? ManifestSource { get; init; }

    /// <summary>The media type of the asset, as detected.</summary>
    public string? MimeType { get; init; }

    /// <summary>The active manifest's report, if any.</summary>
    public ManifestReport? Active => Manifests.FirstOrDefault(m => m.Label == ActiveManifest);
}

/// <summary>Where a validated manifest store was found (C2PA 2.2 §11).</summary>
public enum ManifestSource
{
    /// <summary>Embedded in the asset (APP11 segments, a <c>caBX</c> chunk, a <c>uuid</c> box, ...).</summary>
    Embedded,

    /// <summary>A separate <c>.c2pa</c> file: beside the asset, or verified on its own.</summary>
    Sidecar,

    /// <summary>Fetched from the URL the asset's XMP names (<c>dcterms:provenance</c>).</summary>
    Remote,
}

/// <summary>Validation results of one ingredient's manifest (C2PA 2.2 §15.2.1 <c>ingredientDeltas</c>).</summary>
/// <param name="IngredientAssertionUri">The JUMBF URI of the ingredient assertion.</param>
/// <param name="ValidationDeltas">The status codes of the ingredient's manifest.</param>
public sealed record IngredientDelta(string IngredientAssertionUri, StatusLog ValidationDeltas);
