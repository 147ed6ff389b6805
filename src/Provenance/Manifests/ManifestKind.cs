namespace Provenance.Manifests;

/// <summary>The kind of a manifest, from its JUMBF type (C2PA 2.2 §11.1.4).</summary>
internal enum ManifestKind
{
    /// <summary>A standard manifest (<c>c2ma</c>, or the legacy <c>c2md</c>).</summary>
    Standard,

    /// <summary>An update manifest (<c>c2um</c>).</summary>
    Update,

    /// <summary>A compressed manifest (<c>c2cm</c>), not yet expanded.</summary>
    Compressed,
}
