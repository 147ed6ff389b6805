using Provenance.Cbor;

namespace Provenance.Assertions;

/// <summary>One exclusion of a BMFF hash (<c>exclusions-map</c>, C2PA 2.2 §18.6.1).</summary>
internal sealed record BmffExclusion
{
    /// <summary>The box path, for example <c>/uuid</c> or <c>/moov[1]/trak</c>.</summary>
    public required string XPath { get; init; }

    /// <summary>Only boxes of exactly this size match.</summary>
    public long? Length { get; init; }

    /// <summary>Only boxes with these bytes at these box-relative offsets match.</summary>
    public IReadOnlyList<(long Offset, byte[] Value)> Data { get; init; } = [];

    /// <summary>Only these box-relative ranges are excluded (length 0: to the end of the box); empty excludes the whole box.</summary>
    public IReadOnlyList<(long Offset, long Length)> Subset { get; init; } = [];

    /// <summary>Only full boxes of this version match.</summary>
    public int? Version { get; init; }

    /// <summary>Only full boxes with these flags match (three bytes).</summary>
    public byte[]? Flags { get; init; }

    /// <summary>Flags must match exactly (default) or only as a subset.</summary>
    public bool? Exact { get; init; }
}

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

    internal static BmffMerkleMap FromCbor(CborValue value)
    {
        if (value is not CborMap map || map.GetValueOrDefault("hashes") is not CborArray hashes)
        {
            throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "a merkle map has no hashes");
        }

        static long? Number(CborMap m, string key) => m.GetValueOrDefault(key) is CborInteger i && i.Value >= 0 && i.Value <= long.MaxValue ? (long)i.Value : null;
        return new BmffMerkleMap
        {
            UniqueId = Number(map, "uniqueId") ?? 0,
            LocalId = Number(map, "localId") ?? throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "a merkle map has no localId"),
            Count = Number(map, "count") ?? throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "a merkle map has no count"),
            Algorithm = (map.GetValueOrDefault("alg") as CborTextString)?.Value,
            InitHash = (map.GetValueOrDefault("initHash") as CborByteString)?.Value.ToArray(),
            Hashes = [.. hashes.Select(h => h is CborByteString b ? b.Value.ToArray() : throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "a merkle hash is not a byte string"))],
            FixedBlockSize = Number(map, "fixedBlockSize"),
            VariableBlockSizes = map.GetValueOrDefault("variableBlockSizes") is CborArray sizes ? [.. sizes.Select(v => v is CborInteger i ? (long)i.Value : throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "a variable block size is not an integer"))] : null,
        };
    }
}

/// <summary>The BMFF hard binding (<c>c2pa.hash.bmff.v2</c> / <c>.v3</c>, C2PA 2.2 §18.6).</summary>
internal sealed class BmffHashAssertion
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

    /// <summary>The <c>/mdat</c> exclusion that leaves each mdat's payload (after its first 16 bytes) to Merkle trees (C2PA 2.2 §A.5.6).</summary>
    public static BmffExclusion MdatPayloadExclusion { get; } = new() { XPath = "/mdat", Subset = [(16, 0)] };

    /// <summary>
    /// The exclusions c2pa-rs writes, which Provenance writes too: the C2PA manifest box (matched by its extended type),
    /// <c>ftyp</c>, <c>mfra</c>, and the free-space boxes <c>free</c> and <c>skip</c> (C2PA 2.2 §A.5.6).
    /// </summary>
    public static IReadOnlyList<BmffExclusion> DefaultExclusions { get; } =
    [
        new() { XPath = "/uuid", Data = [(8, Formats.Bmff.C2paUuidBoxId.Value)] },
        new() { XPath = "/ftyp" },
        new() { XPath = "/mfra" },
        new() { XPath = "/free" },
        new() { XPath = "/skip" },
    ];

    /// <summary>Writes the map.</summary>
    public byte[] Encode()
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

        return assertion.Encode();
    }

    /// <summary>Reads the map.</summary>
    /// <exception cref="ProvenanceFormatException">Missing or mistyped fields (<c>assertion.bmffHash.malformed</c>).</exception>
    internal static BmffHashAssertion FromCbor(CborValue value)
    {
        if (value is not CborMap map || map.GetValueOrDefault("exclusions") is not CborArray array)
        {
            throw Malformed("the BMFF hash has no exclusions array");
        }

        var exclusions = new List<BmffExclusion>();
        foreach (CborValue item in array)
        {
            if (item is not CborMap exclusion || exclusion.GetValueOrDefault("xpath") is not CborTextString xpath)
            {
                throw Malformed("an exclusion has no xpath");
            }

            exclusions.Add(new BmffExclusion
            {
                XPath = xpath.Value,
                Length = exclusion.GetValueOrDefault("length") is CborInteger l ? (long)l.Value : null,
                Data = exclusion.GetValueOrDefault("data") is CborArray data
                    ? [.. data.Select(d => d is CborMap m && m.GetValueOrDefault("offset") is CborInteger o && m.GetValueOrDefault("value") is CborByteString v ? ((long)o.Value, v.Value.ToArray()) : throw Malformed("a data entry is not {offset, value}"))]
                    : [],
                Subset = exclusion.GetValueOrDefault("subset") is CborArray subset
                    ? [.. subset.Select(s => s is CborMap m && m.GetValueOrDefault("offset") is CborInteger o && m.GetValueOrDefault("length") is CborInteger n ? ((long)o.Value, (long)n.Value) : throw Malformed("a subset entry is not {offset, length}"))]
                    : [],
                Version = exclusion.GetValueOrDefault("version") is CborInteger ver ? (int)ver.Value : null,
                Flags = exclusion.GetValueOrDefault("flags") is CborByteString f ? f.Value.ToArray() : null,
                Exact = exclusion.GetValueOrDefault("exact") is CborSimple { IsBoolean: true } e ? e == CborSimple.True : null,
            });
        }

        ReadOnlyMemory<byte>? hash = map.GetValueOrDefault("hash") switch
        {
            null => null,
            CborByteString bytes => bytes.Value,
            _ => throw Malformed("hash is not a byte string"),
        };
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

        return new BmffHashAssertion(exclusions, (map.GetValueOrDefault("alg") as CborTextString)?.Value, hash, (map.GetValueOrDefault("name") as CborTextString)?.Value, merkle);
    }

    private static ProvenanceFormatException Malformed(string message) => new(FormatLayer.Assertion, -1, message);
}
