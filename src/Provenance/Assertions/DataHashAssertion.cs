using Provenance.Cbor;
using Provenance.Hashing;
using Provenance.Manifests;

namespace Provenance.Assertions;

/// <summary>
/// The data hash hard binding (<c>c2pa.hash.data</c>, C2PA 2.2 §18.5): a hash of every asset byte outside the
/// exclusion ranges, which cover the embedded manifest store.
/// </summary>
internal sealed class DataHashAssertion : ICborAssertion<DataHashAssertion>
{
    /// <summary>The <c>name</c> c2pa-rs and Provenance give the exclusion of the store.</summary>
    public const string DefaultName = "jumbf manifest";

    /// <summary>Creates a data hash.</summary>
    public DataHashAssertion(IReadOnlyList<ExclusionRange> exclusions, string? algorithm, ReadOnlyMemory<byte> hash, string? name = DefaultName)
    {
        Exclusions = exclusions;
        Algorithm = algorithm;
        Hash = hash;
        Name = name;
    }

    /// <summary>The excluded ranges, ordered by start.</summary>
    public IReadOnlyList<ExclusionRange> Exclusions { get; }

    /// <summary>The hash algorithm (<c>sha256</c>...), or null to use the claim's.</summary>
    public string? Algorithm { get; }

    /// <summary>The hash.</summary>
    public ReadOnlyMemory<byte> Hash { get; }

    /// <summary>An optional name.</summary>
    public string? Name { get; }

    /// <inheritdoc />
    public static string Label => C2paLabels.DataHash;

    /// <summary>The map with an empty <c>pad</c>.</summary>
    public CborMap ToCbor() => ToCbor(0, -1);

    /// <summary>The map with a zero <c>pad</c> of <paramref name="padLength"/> bytes and, when not negative, a <c>pad2</c>.</summary>
    private CborMap ToCbor(int padLength, int pad2Length)
    {
        var exclusions = new CborArray();
        foreach (ExclusionRange range in Exclusions)
        {
            exclusions.Add(new CborMap { { "start", range.Start }, { "length", range.Length } });
        }

        var map = new CborMap { { "exclusions", exclusions } };
        if (Name is not null)
        {
            map.Add("name", Name);
        }

        if (Algorithm is not null)
        {
            map.Add("alg", Algorithm);
        }

        map.Add("hash", new CborByteString(Hash));
        map.Add("pad", new CborByteString(new byte[padLength]));
        if (pad2Length >= 0)
        {
            map.Add("pad2", new CborByteString(new byte[pad2Length]));
        }

        return map;
    }

    /// <summary>Encodes padded to exactly <paramref name="size"/> bytes (C2PA 2.2 §10.4.4).</summary>
    /// <exception cref="InvalidOperationException">The assertion does not fit.</exception>
    public byte[] EncodeToSize(int size)
        => PaddingFitter.Fit((pad, pad2) => ToCbor(pad, pad2).Encode(), size)
           ?? throw new InvalidOperationException($"The data hash assertion does not fit in {size} bytes.");

    /// <summary>Reads a data hash map.</summary>
    /// <exception cref="ProvenanceFormatException">
    /// Missing or mistyped fields, or an exclusion whose start or length is negative, above 2^63−1, or whose end
    /// overflows (<c>assertion.dataHash.malformed</c>).
    /// </exception>
    public static DataHashAssertion FromCbor(CborValue value)
    {
        CborMap map = CborFields.Map(value, "the data hash");
        var exclusions = new List<ExclusionRange>();
        if (CborFields.GetArray(map, "exclusions") is { } array)
        {
            foreach (CborValue item in array)
            {
                CborMap range = CborFields.Map(item, $"exclusion {exclusions.Count}");
                long start = CborFields.GetRequiredNonNegativeInt64(range, "start");
                long length = CborFields.GetRequiredNonNegativeInt64(range, "length");
                if (length > long.MaxValue - start)
                {
                    throw Malformed($"exclusion {start}+{length} ends past any file (the end overflows 64 bits)");
                }

                exclusions.Add(new ExclusionRange(start, length));
            }
        }

        return new DataHashAssertion(
            exclusions,
            CborFields.GetText(map, "alg"),
            CborFields.GetRequiredBytes(map, "hash"),
            CborFields.GetText(map, "name"));
    }

    private static ProvenanceFormatException Malformed(string message) => CborFields.Malformed(message);
}
