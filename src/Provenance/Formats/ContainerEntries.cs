namespace Provenance.Formats;

/// <summary>
/// Counts the entries of one walk over a container (JPEG segments, PNG chunks, RIFF chunks, ID3 frames, GIF blocks,
/// TIFF IFD entries, BMFF and JPEG XL boxes) against <see cref="AssetReadOptions.MaxContainerEntries"/>, so that a flood
/// of tiny entries is refused before the walk spends time or memory on it. One counter serves one walk.
/// </summary>
/// <param name="layer">The container's layer, for the error.</param>
/// <param name="maxEntries">The caller's limit.</param>
/// <param name="what">What the entries are called in this container ("segments", "chunks").</param>
internal sealed class ContainerEntries(FormatLayer layer, int maxEntries, string what)
{
    private long _count;

    /// <summary>A counter for <paramref name="options"/>' limit.</summary>
    public ContainerEntries(FormatLayer layer, AssetReadOptions options, string what)
        : this(layer, options.MaxContainerEntries, what)
    {
    }

    /// <summary>Counts <paramref name="entries"/> more entries, the first of them at <paramref name="offset"/>.</summary>
    /// <exception cref="ProvenanceFormatException">The walk has now met more than the limit.</exception>
    public void Add(long offset, long entries = 1)
    {
        _count += entries;
        if (_count > maxEntries)
        {
            FormatErrors.ThrowTooManyEntries(layer, offset, maxEntries, what);
        }
    }
}
