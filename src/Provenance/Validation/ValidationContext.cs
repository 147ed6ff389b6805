using Provenance.Formats;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>What every validation step needs: the options, the store, and the asset it was found in.</summary>
internal sealed class ValidationContext
{
    public ValidationContext(VerificationOptions options, ManifestStore store, Stream? asset, IAssetHandler? handler, EmbeddedManifestStore? embedded)
    {
        Options = options;
        Store = store;
        Asset = asset;
        Handler = handler;
        Embedded = embedded;
    }

    public VerificationOptions Options { get; }

    /// <summary>A media segment verified with the init segment (<see cref="Asset"/>), or null.</summary>
    public Stream? Fragment { get; init; }

    public ManifestStore Store { get; }

    /// <summary>Whether the active manifest's hard binding is checked against the asset's bytes (false only when signing in place, whose media was just hashed).</summary>
    public bool CheckContent { get; init; } = true;

    /// <summary>The asset, for the hard binding; null when validating a detached store.</summary>
    public Stream? Asset { get; }

    public IAssetHandler? Handler { get; }

    /// <summary>Where the store was found in the asset.</summary>
    public EmbeddedManifestStore? Embedded { get; }

    /// <summary>Manifests being validated on the current path, to stop ingredient cycles.</summary>
    public HashSet<string> InProgress { get; } = new(StringComparer.Ordinal);
}
