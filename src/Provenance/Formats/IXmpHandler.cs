namespace Provenance.Formats;

/// <summary>
/// A handler whose format carries an XMP packet (ISO 16684-1) that Provenance reads and rewrites: where the remote
/// manifest reference (<c>dcterms:provenance</c>, C2PA 2.2 §11.3) is found and written.
/// </summary>
internal interface IXmpHandler
{
    /// <summary>The XMP packet with where it lies, or null when the asset has none.</summary>
    /// <exception cref="ProvenanceFormatException">The container is malformed where the packet is looked for.</exception>
    XmpPacket? ReadXmp(Stream asset, AssetReadOptions options, CancellationToken cancellationToken);

    /// <summary>Plans a copy of the asset whose XMP packet is <paramref name="packet"/> (replacing any it has).</summary>
    /// <exception cref="ProvenanceFormatException">The container is malformed, or the packet does not fit where this format keeps it.</exception>
    EmbeddingPlan PlanXmp(Stream asset, string packet, AssetReadOptions options, CancellationToken cancellationToken);
}

/// <summary>An asset's XMP packet.</summary>
/// <param name="Text">The packet.</param>
/// <param name="Offset">Where the segment, chunk or box that holds it starts.</param>
internal sealed record XmpPacket(string Text, long Offset);
