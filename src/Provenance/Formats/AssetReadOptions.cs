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
        init => field = Positive(value);
    } = 64 * 1024 * 1024;

    /// <summary>
    /// Most JUMBF boxes accepted in one manifest store (default 100,000): every manifest, assertion, ingredient and
    /// credential is at least one, so this bounds their number and the work of validating them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxManifestStoreBoxes
    {
        get;
        init => field = Positive(value);
    } = 100_000;

    /// <summary>Deepest box nesting accepted in box-structured containers (default 32).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxBoxDepth
    {
        get;
        init => field = Positive(value);
    } = 32;

    /// <summary>
    /// Most entries one container may hold (default 4 Mi): JPEG segments, PNG chunks, RIFF chunks (<c>LIST</c>s and their
    /// children), ID3 frames, GIF blocks before the first image, TIFF IFD entries over all IFDs, BMFF boxes at any depth
    /// and JPEG XL boxes, counted per walk over the file. Real files hold hundreds to a few hundred thousand (a ten-hour
    /// AVI has about one chunk per frame and stream); a flood of tiny entries is refused, naming this option, before it
    /// costs time or memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxContainerEntries
    {
        get;
        init => field = Positive(value);
    } = 1 << 22;

    /// <summary>
    /// Deepest nesting of CBOR arrays, maps and tags accepted in a claim, an assertion, a COSE header or a CAWG identity
    /// (default 64; C2PA's own structures nest fewer than ten deep).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxCborDepth
    {
        get;
        init => field = Positive(value);
    } = 64;

    /// <summary>
    /// Most CBOR items decoded from one claim, assertion, COSE header or CAWG identity (default 1 Mi), every array
    /// element, map key and map value at any depth counted: a decoded item costs tens of bytes of memory for one byte of
    /// input, so this bounds the memory one structure can take. A declared array or map length is also checked against
    /// the bytes that remain before anything is allocated.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int MaxCborItems
    {
        get;
        init => field = Positive(value);
    } = 1 << 20;

    /// <summary>
    /// Most bytes one verification reads from the asset, walking its structure and hashing it (Merkle leaves and every
    /// hard binding included); past it, verification stops with an error naming this option. It stops a manifest that
    /// makes the verifier read the same bytes many times (many bindings, Merkle trees or exclusions). Default null:
    /// <see cref="DefaultBytesReadFactor"/> times the asset's length plus <see cref="DefaultBytesReadAllowance"/>, well
    /// above what an honest file of any size needs (its structure walked a few times, its content hashed once or twice).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public long? MaxBytesRead
    {
        get;
        init => field = value is { } given ? Positive(given) : null;
    }

    /// <summary>How many times its length an asset may be read when <see cref="MaxBytesRead"/> is not set (8).</summary>
    public const int DefaultBytesReadFactor = 8;

    /// <summary>Bytes read beyond <see cref="DefaultBytesReadFactor"/> times the asset's length when <see cref="MaxBytesRead"/> is not set (256 MiB).</summary>
    public const long DefaultBytesReadAllowance = 256L << 20;

    /// <summary>The bytes a verification of an asset of <paramref name="assetLength"/> bytes may read under these options.</summary>
    internal long BytesReadLimit(long assetLength)
        => MaxBytesRead ?? (assetLength > (long.MaxValue - DefaultBytesReadAllowance) / DefaultBytesReadFactor
            ? long.MaxValue
            : (assetLength * DefaultBytesReadFactor) + DefaultBytesReadAllowance);

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
        init => field = Positive(value);
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
        init => field = Positive(value);
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

    // The check of every limit that must be positive; the exception names the value set, as each did on its own.
    private static T Positive<T>(T value)
        where T : System.Numerics.INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
