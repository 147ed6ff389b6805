namespace Provenance.Formats;

/// <summary>Limits applied while reading untrusted assets.</summary>
public sealed record AssetReadOptions
{
    /// <summary>The default limits.</summary>
    public static AssetReadOptions Default { get; } = new();

    /// <summary>Largest manifest store accepted, in bytes (default 64 MiB).</summary>
    public int MaxManifestStoreSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Deepest box nesting accepted in box-structured containers (default 32).</summary>
    public int MaxBoxDepth { get; init; } = 32;

    /// <summary>
    /// Smallest fixed block size accepted in a BMFF hash's Merkle tree when it splits an <c>mdat</c> into more than one
    /// leaf (default 1 KiB). Smaller blocks make a verifier hash once per few bytes; such a tree is reported as
    /// <c>assertion.bmffHash.malformed</c> before anything is hashed. (A single-leaf tree over a small mdat may state its
    /// own size as the block size, as c2pa-rs writes it.)
    /// </summary>
    public long MinMerkleBlockSize { get; init; } = 1024;

    /// <summary>
    /// Most leaves accepted in one Merkle tree of a BMFF hash (default 16 Mi, 16 GiB of mdat at 1 KiB blocks); a tree
    /// with more is reported as <c>assertion.bmffHash.malformed</c> before anything is hashed.
    /// </summary>
    public long MaxMerkleLeaves { get; init; } = Hashing.MerkleTree.MaxLeaves;
}
