namespace Provenance;

/// <summary>What signing did.</summary>
/// <param name="ManifestLabel">The label of the new (active) manifest.</param>
/// <param name="ThumbnailIncluded">Whether a claim thumbnail was embedded.</param>
/// <param name="Notes">Things the caller may want to tell a user (for example that no thumbnail was made, and why).</param>
public sealed record SigningResult(string ManifestLabel, bool ThumbnailIncluded, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The manifest store that was written (<c>application/c2pa</c>): to publish it at
    /// <see cref="SigningOptions.RemoteManifestUrl"/>, or to keep a copy.
    /// </summary>
    public ReadOnlyMemory<byte> ManifestStore { get; init; }
}
