using Provenance.Cbor;
using Provenance.Formats;
using Provenance.Manifests;

namespace Provenance.Assertions;

/// <summary>A Merkle tree over one <c>mdat</c> box or one track's fragments (<c>merkle-map</c>, C2PA 2.2 §18.6.1).</summary>
internal sealed record BmffMerkleMap
{
    /// <summary><c>uniqueId</c>.</summary>
    public long UniqueId { get; init; }

    /// <summary><c>localId</c>: the mdat's index (non-fragmented) or the track ID (fragmented).</summary>
    public long LocalId { get; init; }

    /// <summary><c>count</c>: the number of leaves.</summary>
    public long Count { get; init; }

    /// <summary><c>alg</c>, or null for the assertion's.</summary>
    public string? Algorithm { get; init; }

    /// <summary><c>initHash</c> (fragmented files).</summary>
    public byte[]? InitHash { get; init; }

    /// <summary><c>hashes</c>: one row of the tree (the root alone, or more).</summary>
    public IReadOnlyList<byte[]> Hashes { get; init; } = [];

    /// <summary><c>fixedBlockSize</c> (v3).</summary>
    public long? FixedBlockSize { get; init; }

    /// <summary><c>variableBlockSizes</c> (v3).</summary>
    public IReadOnlyList<long>? VariableBlockSizes { get; init; }

    internal CborMap ToCbor()
    {
        var map = new CborMap { { "uniqueId", UniqueId }, { "localId", LocalId }, { "count", Count } };
        if (Algorithm is not null)
        {
            map.Add("alg", Algorithm);
        }

        if (InitHash is not null)
        {
            map.Add("initHash", new CborByteString(InitHash));
        }

        map.Add("hashes", new CborArray(Hashes.Select(h => (CborValue)new CborByteString(h))));
        if (FixedBlockSize is long fixedSize)
        {
            map.Add("fixedBlockSize", fixedSize);
        }

        if (VariableBlockSizes is not null)
        {
            map.Add("variableBlockSizes", new CborArray(VariableBlockSizes.Select(v => (CborValue)v)));
        }

        return map;
    }

    /// <summary>Reads a <c>merkle-map</c>; ids, counts and sizes are integers from 0 to 2^63−1.</summary>
    /// <exception cref="ProvenanceFormatException">A missing or mistyped field, or a number out of range.</exception>
    internal static BmffMerkleMap FromCbor(CborValue value)
    {
        CborMap map = CborFields.Map(value, "a merkle map");
        CborArray hashes = CborFields.GetArray(map, "hashes") ?? throw CborFields.Malformed("a merkle map has no hashes");
        return new BmffMerkleMap
        {
            UniqueId = CborFields.GetNonNegativeInt64(map, "uniqueId") ?? 0,
            LocalId = CborFields.GetRequiredNonNegativeInt64(map, "localId"),
            Count = CborFields.GetRequiredNonNegativeInt64(map, "count"),
            Algorithm = CborFields.GetText(map, "alg"),
            InitHash = CborFields.GetBytes(map, "initHash")?.ToArray(),
            Hashes = [.. hashes.Select(h => CborFields.ToBytes(h, "hashes").ToArray())],
            FixedBlockSize = CborFields.GetNonNegativeInt64(map, "fixedBlockSize"),
            VariableBlockSizes = CborFields.GetArray(map, "variableBlockSizes") is { } sizes
                ? [.. sizes.Select(v => CborFields.ToNonNegativeInt64(v, "variableBlockSizes"))]
                : null,
        };
    }
}

/// <summary>The BMFF hard binding (<c>c2pa.hash.bmff.v2</c> / <c>.v3</c>, C2PA 2.2 §18.6).</summary>
internal sealed class BmffHashAssertion : ICborAssertion<BmffHashAssertion>
{
    /// <summary>Creates the assertion.</summary>
    public BmffHashAssertion(IReadOnlyList<BmffExclusion> exclusions, string? algorithm, ReadOnlyMemory<byte>? hash, string? name = "jumbf manifest", IReadOnlyList<BmffMerkleMap>? merkle = null)
    {
        Exclusions = exclusions;
        Algorithm = algorithm;
        Hash = hash;
        Name = name;
        Merkle = merkle ?? [];
    }

    /// <summary>The exclusions.</summary>
    public IReadOnlyList<BmffExclusion> Exclusions { get; }

    /// <summary>The hash algorithm, or null for the claim's.</summary>
    public string? Algorithm { get; }

    /// <summary>The flat hash of the file; null when only Merkle trees are given.</summary>
    public ReadOnlyMemory<byte>? Hash { get; }

    /// <summary>An optional name.</summary>
    public string? Name { get; }

    /// <summary>The Merkle trees (<c>merkle</c>), empty when there are none.</summary>
    public IReadOnlyList<BmffMerkleMap> Merkle { get; }

    /// <summary>The label written: version 3 (version 2 is read too; C2PA 2.2 §18.6).</summary>
    public static string Label => C2paLabels.BmffHashV3;

    /// <summary>Writes the map.</summary>
    public CborMap ToCbor()
    {
        var exclusions = new CborArray();
        foreach (BmffExclusion exclusion in Exclusions)
        {
            var map = new CborMap { { "xpath", exclusion.XPath } };
            if (exclusion.Length is long length)
            {
                map.Add("length", length);
            }

            if (exclusion.Data.Count > 0)
            {
                map.Add("data", new CborArray(exclusion.Data.Select(d => (CborValue)new CborMap { { "offset", d.Offset }, { "value", new CborByteString(d.Value) } })));
            }

            if (exclusion.Subset.Count > 0)
            {
                map.Add("subset", new CborArray(exclusion.Subset.Select(s => (CborValue)new CborMap { { "offset", s.Offset }, { "length", s.Length } })));
            }

            if (exclusion.Version is int version)
            {
                map.Add("version", version);
            }

            if (exclusion.Flags is { } flags)
            {
                map.Add("flags", new CborByteString(flags));
            }

            if (exclusion.Exact is bool exact)
            {
                map.Add("exact", exact);
            }

            exclusions.Add(map);
        }

        var assertion = new CborMap { { "exclusions", exclusions } };
        if (Algorithm is not null)
        {
            assertion.Add("alg", Algorithm);
        }

        if (Hash is { } hash)
        {
            assertion.Add("hash", new CborByteString(hash));
        }

        if (Merkle.Count > 0)
        {
            assertion.Add("merkle", new CborArray(Merkle.Select(m => (CborValue)m.ToCbor())));
        }

        if (Name is not null)
        {
            assertion.Add("name", Name);
        }

        return assertion;
    }

    /// <summary>Reads the map.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Missing or mistyped fields, no exclusion, a negative or overflowing offset or length, a version outside 0–255, or
    /// subsets out of order or overlapping (<c>assertion.bmffHash.malformed</c>, as c2pa-rs's <c>verify_self</c> reports).
    /// </exception>
    public static BmffHashAssertion FromCbor(CborValue value)
    {
        CborMap map = CborFields.Map(value, "the BMFF hash");
        CborArray array = CborFields.GetArray(map, "exclusions") ?? throw Malformed("the BMFF hash has no exclusions array");
        if (array.Count == 0)
        {
            // c2pa-rs's verify_self: a BMFF hash always excludes at least the C2PA box itself.
            throw Malformed("the BMFF hash has no exclusions");
        }

        var exclusions = new List<BmffExclusion>(array.Count);
        foreach (CborValue item in array)
        {
            CborMap exclusion = CborFields.Map(item, $"exclusion {exclusions.Count}");
            exclusions.Add(new BmffExclusion
            {
                XPath = CborFields.GetRequiredText(exclusion, "xpath"),
                Length = CborFields.GetNonNegativeInt64(exclusion, "length"),
                Data = CborFields.GetArray(exclusion, "data") is { } data ? [.. data.Select(ReadDataMatch)] : [],
                Subset = CborFields.GetArray(exclusion, "subset") is { } subset ? ReadSubsets(subset) : [],
                Version = CborFields.GetInt32(exclusion, "version", 0, byte.MaxValue),
                Flags = CborFields.GetBytes(exclusion, "flags")?.ToArray(),
                Exact = CborFields.GetBoolean(exclusion, "exact"),
            });
        }

        ReadOnlyMemory<byte>? hash = CborFields.GetBytes(map, "hash");
        List<BmffMerkleMap> merkle = map.GetValueOrDefault("merkle") switch
        {
            null or CborSimple => [],
            CborArray maps => [.. maps.Select(BmffMerkleMap.FromCbor)],
            _ => throw Malformed("merkle is not an array"),
        };
        if (hash is null && merkle.Count == 0)
        {
            throw Malformed("the BMFF hash has neither hash nor merkle");
        }

        return new BmffHashAssertion(exclusions, CborFields.GetText(map, "alg"), hash, CborFields.GetText(map, "name"), merkle);
    }

    // data-map: bytes to find at a box-relative offset; the end of the match must be a file position.
    private static (long Offset, byte[] Value) ReadDataMatch(CborValue item)
    {
        CborMap entry = CborFields.Map(item, "a data entry");
        long offset = CborFields.GetRequiredNonNegativeInt64(entry, "offset");
        ReadOnlyMemory<byte> bytes = CborFields.GetRequiredBytes(entry, "value");
        return bytes.Length <= long.MaxValue - offset
            ? (offset, bytes.ToArray())
            : throw Malformed($"a data entry at offset {offset} ends past any file");
    }

    // subset-map: box-relative ranges, ordered by offset and not overlapping (c2pa-rs's verify_self), whose ends fit.
    private static List<(long Offset, long Length)> ReadSubsets(CborArray subsets)
    {
        var ranges = new List<(long Offset, long Length)>(subsets.Count);
        long previousEnd = 0;
        foreach (CborValue item in subsets)
        {
            CborMap entry = CborFields.Map(item, "a subset entry");
            long offset = CborFields.GetRequiredNonNegativeInt64(entry, "offset");
            long length = CborFields.GetRequiredNonNegativeInt64(entry, "length");
            if (length > long.MaxValue - offset)
            {
                throw Malformed($"subset {offset}+{length} ends past any file (the end overflows 64 bits)");
            }

            if (offset < previousEnd)
            {
                throw Malformed($"subset at offset {offset} is out of order or overlaps the one before (it ends at {previousEnd})");
            }

            ranges.Add((offset, length));
            previousEnd = offset + length;
        }

        return ranges;
    }

    private static ProvenanceFormatException Malformed(string message) => CborFields.Malformed(message);
}
