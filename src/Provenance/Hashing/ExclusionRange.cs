namespace Provenance.Hashing;

/// <summary>A byte range of an asset that is left out of a hash (C2PA 2.2 §18.5: data-hash exclusions).</summary>
/// <param name="Start">Offset of the first excluded byte.</param>
/// <param name="Length">Number of excluded bytes.</param>
internal readonly record struct ExclusionRange(long Start, long Length)
{
    /// <summary>Offset one past the last excluded byte.</summary>
    public long End => Start + Length;
}
