using Provenance.Formats;
using Provenance.Manifests;
using Provenance.Validation.Identity;

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

    /// <summary>The active manifest's content hash or Merkle trees, started early on other cores, or null (<see cref="HashPrefetch"/>).</summary>
    public HashPrefetch? Prefetch { get; init; }

    /// <summary>The asset, for the hard binding; null when validating a detached store.</summary>
    public Stream? Asset { get; }

    public IAssetHandler? Handler { get; }

    /// <summary>Where the store was found in the asset.</summary>
    public EmbeddedManifestStore? Embedded { get; }

    /// <summary>
    /// Manifests whose ingredients have been followed: like c2pa-rs, a manifest referenced again is validated again but
    /// its own ingredients are followed once, which stops cycles and keeps shared subgraphs from costing more each time.
    /// </summary>
    public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

    /// <summary>Trusted times for manifests' signatures from <c>c2pa.time-stamp</c> assertions, by manifest label.</summary>
    public IReadOnlyDictionary<string, TimeStampResult> TimeStampAssertions { get; init; } = new Dictionary<string, TimeStampResult>();

    /// <summary>What the validated ingredients recorded about their manifests when they were added.</summary>
    public RecordedResults Recorded { get; } = new();

    /// <summary>The redacted assertion URIs of every claim in the store (C2PA 2.2 §6.8).</summary>
    public IReadOnlyList<string> Redactions { get; init; } = [];

    /// <summary>What validating each manifest found (its signer, whether it validated), by manifest label, for the report.</summary>
    public Dictionary<string, ManifestCheck> Checks { get; } = new(StringComparer.Ordinal);

    /// <summary>How each ingredient's reference to its manifest checked out, by the ingredient assertion's URI.</summary>
    public Dictionary<string, IngredientHashCheck> IngredientHashChecks { get; } = new(StringComparer.Ordinal);

    /// <summary>The CAWG identity assertions of each validated manifest, by manifest label, for the report.</summary>
    public Dictionary<string, IReadOnlyList<IdentityInfo>> Identities { get; } = new(StringComparer.Ordinal);
}
