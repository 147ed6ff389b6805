namespace Provenance.Formats;

/// <summary>Limits applied while reading untrusted assets. Each limit must be positive.</summary>
public sealed record AssetReadOptions
{
    /// <summary>The default limits.</summary>
    public static AssetReadOptions Default { get; } = new();

    /// <summary>Largest manifest store accepted, in bytes (default 64 MiB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxManifestStoreSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 64 * 1024 * 1024;

    /// <summary>
    /// Most JUMBF boxes accepted in one manifest store (default 100,000): every manifest, assertion, ingredient and
    /// credential is at least one, so this bounds their number and the work of validating them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxManifestStoreBoxes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 100_000;

    /// <summary>Deepest box nesting accepted in box-structured containers (default 32).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxBoxDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 32;

    /// <summary>
    /// Smallest fixed block size accepted in a BMFF hash's Merkle tree when it splits an <c>mdat</c> into more than one
    /// leaf (default 1 KiB). Smaller blocks make a verifier hash once per few bytes; such a tree is reported as
    /// <c>assertion.bmffHash.malformed</c> before anything is hashed. (A single-leaf tree over a small mdat may state its
    /// own size as the block size, as c2pa-rs writes it.)
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public long MinMerkleBlockSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 1024;

    /// <summary>
    /// Most leaves accepted in one Merkle tree of a BMFF hash (default and largest 16 Mi, 16 GiB of mdat at 1 KiB
    /// blocks); a tree with more is reported as <c>assertion.bmffHash.malformed</c> before anything is hashed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less, or above the default (the most the hasher takes at once).</exception>
    public long MaxMerkleLeaves
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Hashing.MerkleTree.MaxLeaves);
            field = value;
        }
    } = Hashing.MerkleTree.MaxLeaves;

    /// <summary>
    /// Largest input read from a stream that cannot be sought (a network body, a pipe), which is buffered before it is
    /// read (default 16 GiB); a longer one is refused with an error naming this limit, and nothing is kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public long MaxBufferedInputSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 16L << 30;

    /// <summary>
    /// Up to how many bytes a stream that cannot be sought is buffered in memory (default 16 MiB); beyond it, in a
    /// temporary file in <see cref="TemporaryDirectory"/>, deleted when done, failed or cancelled.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than zero.</exception>
    public int InMemoryBufferThreshold
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = 16 << 20;

    /// <summary>
    /// Where temporary files go (buffered input, and signing's staging of an output that cannot be sought); null for
    /// the system's temporary folder. A server may point it at a volume with a quota.
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public string? TemporaryDirectory
    {
        get;
        init
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            field = value;
        }
    }
}
