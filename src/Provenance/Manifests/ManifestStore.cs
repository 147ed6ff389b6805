using Provenance.Jumbf;

namespace Provenance.Manifests;

/// <summary>A parsed C2PA manifest store: the outermost <c>c2pa</c> superbox and its manifests (C2PA 2.2 §11.1.4).</summary>
internal sealed class ManifestStore
{
    private ManifestStore(JumbfSuperBox root, IReadOnlyList<Manifest> manifests)
    {
        Root = root;
        Manifests = manifests;
    }

    /// <summary>The store superbox.</summary>
    public JumbfSuperBox Root { get; }

    /// <summary>The manifests in store order.</summary>
    public IReadOnlyList<Manifest> Manifests { get; }

    /// <summary>The active manifest: the last manifest superbox in the store (C2PA 2.2 §10.4.3).</summary>
    public Manifest? ActiveManifest => Manifests.Count > 0 ? Manifests[^1] : null;

    /// <summary>Finds a manifest by label.</summary>
    public Manifest? FindManifest(string label) => Manifests.FirstOrDefault(m => m.Label == label);

    /// <summary>Parses a manifest store.</summary>
    /// <exception cref="ProvenanceFormatException">Not a JUMBF superbox, or not a C2PA manifest store.</exception>
    public static ManifestStore Parse(ReadOnlyMemory<byte> bytes, JumbfReaderOptions? options = null)
    {
        JumbfSuperBox root = JumbfReader.ReadSuperBox(bytes, options);
        if (root.Description.Type != C2paBoxTypes.ManifestStore)
        {
            throw new ProvenanceFormatException(FormatLayer.Jumbf, 0, $"the outermost box has type {root.Description.Type}, not the C2PA manifest store type");
        }

        var manifests = new List<Manifest>();
        foreach (JumbfSuperBox child in root.Children.OfType<JumbfSuperBox>())
        {
            JumbfUuid type = child.Description.Type;
            if (type == C2paBoxTypes.Manifest || type == C2paBoxTypes.LegacyManifest)
            {
                manifests.Add(new Manifest(child, ManifestKind.Standard));
            }
            else if (type == C2paBoxTypes.UpdateManifest)
            {
                manifests.Add(new Manifest(child, ManifestKind.Update));
            }
            else if (type == C2paBoxTypes.CompressedManifest)
            {
                manifests.Add(new Manifest(child, ManifestKind.Compressed));
            }

            // Other box types are skipped, as C2PA 2.2 §11.1.2 asks of consumers.
        }

        return new ManifestStore(root, manifests);
    }
}
