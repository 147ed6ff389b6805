using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Formats;

namespace Provenance.Tests.Assertions;

/// <summary>
/// Hard-binding assertions with numbers that do not fit what they describe (negative offsets, lengths past 2^63,
/// versions past a byte, ends that overflow) are malformed, as c2pa-rs's typed decoding and <c>verify_self</c> find them
/// (sdk/src/assertions/bmff_hash.rs, data_hash.rs): never wrapped into another number, never an OverflowException.
/// </summary>
/// <remarks>Values are given as CBOR in hex (RFC 8949 §3): <c>20</c> is −1, <c>1bffffffffffffffff</c> is 2^64−1.</remarks>
public class HashAssertionDecodingTests
{
    private const string MinusOne = "20";
    private const string Ten = "0a";
    private const string Max64 = "1bffffffffffffffff"; // 2^64−1: fits CBOR, not a long
    private static readonly CborInteger Huge = new(ulong.MaxValue);

    [Theory]
    [InlineData("negative start", MinusOne, Ten)]
    [InlineData("negative length", "00", "29")]
    [InlineData("start past 2^63", Max64, Ten)]
    [InlineData("length past 2^63", "00", Max64)]
    [InlineData("end overflows", "1b7ffffffffffffffa", Ten)] // 2^63−6 + 10
    [InlineData("start not an integer", "6130", Ten)] // the text "0"
    public void DataHashFromCbor_ExclusionOutOfRange_Malformed(string because, string start, string length)
    {
        var map = new CborMap
        {
            { "exclusions", new CborArray([new CborMap { { "start", Cbor(start) }, { "length", Cbor(length) } }]) },
            { "hash", new CborByteString(new byte[32]) },
        };

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => DataHashAssertion.FromCbor(map));

        Assert.Equal(FormatLayer.Assertion, ex.Layer);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Fact]
    public void DataHashFromCbor_NullOptionalFieldsAsC2paRsWritesThem_Read()
    {
        var map = new CborMap
        {
            { "exclusions", new CborArray([new CborMap { { "start", 100L }, { "length", long.MaxValue - 100 } }]) },
            { "name", CborSimple.Null },
            { "alg", CborSimple.Null },
            { "hash", new CborByteString(new byte[32]) },
        };

        DataHashAssertion read = DataHashAssertion.FromCbor(map);

        Assert.Equal(long.MaxValue, Assert.Single(read.Exclusions).End);
        Assert.Null(read.Name);
        Assert.Null(read.Algorithm);
    }

    [Theory]
    [InlineData("length", "negative", MinusOne)]
    [InlineData("length", "past 2^63", Max64)]
    [InlineData("version", "negative", MinusOne)]
    [InlineData("version", "past a byte", "190100")] // 256
    [InlineData("version", "−2^64, the most negative CBOR integer", "3bffffffffffffffff")]
    [InlineData("exact", "not a boolean", "01")]
    [InlineData("flags", "not bytes", "63303030")] // the text "000"
    public void BmffHashFromCbor_ExclusionFieldOutOfRange_Malformed(string field, string because, string value)
    {
        var exclusion = new CborMap { { "xpath", "/uuid" }, { field, Cbor(value) } };

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(BmffHash(exclusion)));

        Assert.Equal(FormatLayer.Assertion, ex.Layer);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Theory]
    [InlineData("negative offset (would exclude bytes before the box)", -8L, 8L, null, null)]
    [InlineData("negative length", 16L, -1L, null, null)]
    [InlineData("end overflows", 16L, long.MaxValue, null, null)]
    [InlineData("out of order", 100L, 10L, 16L, 10L)]
    [InlineData("overlapping", 16L, 100L, 50L, 10L)]
    public void BmffHashFromCbor_BadSubsets_Malformed(string because, long offset, long length, long? nextOffset, long? nextLength)
    {
        CborMap[] subsets = nextOffset is long next ? [Subset(offset, length), Subset(next, nextLength!.Value)] : [Subset(offset, length)];
        var exclusion = new CborMap { { "xpath", "/mdat" }, { "subset", new CborArray(subsets) } };

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(BmffHash(exclusion)));

        Assert.Equal(FormatLayer.Assertion, ex.Layer);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Fact]
    public void BmffHashFromCbor_SubsetOffsetPast2To63_Malformed()
    {
        var exclusion = new CborMap { { "xpath", "/mdat" }, { "subset", new CborArray([Subset(Huge, 0L)]) } };

        Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(BmffHash(exclusion)));
    }

    [Fact]
    public void BmffHashFromCbor_OrderedSubsetsAndNullFields_Read()
    {
        var exclusion = new CborMap
        {
            { "xpath", "/mdat" },
            { "length", CborSimple.Null },
            { "subset", new CborArray([Subset(16, 8), Subset(24, 0)]) },
            { "version", 255L },
        };

        BmffExclusion read = Assert.Single(BmffHashAssertion.FromCbor(BmffHash(exclusion)).Exclusions);

        Assert.Equal([(16L, 8L), (24L, 0L)], read.Subset);
        Assert.Equal(255, read.Version);
        Assert.Null(read.Length);
    }

    [Theory]
    [InlineData("offset")]
    [InlineData("value")]
    public void BmffHashFromCbor_DataEntryMissingField_Malformed(string missing)
    {
        var entry = new CborMap { { "offset", 8L }, { "value", new CborByteString(new byte[16]) } };
        entry.Remove(missing);
        var exclusion = new CborMap { { "xpath", "/uuid" }, { "data", new CborArray([entry]) } };

        Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(BmffHash(exclusion)));
    }

    [Fact]
    public void BmffHashFromCbor_NegativeDataOffset_Malformed()
    {
        var entry = new CborMap { { "offset", -8L }, { "value", new CborByteString(new byte[16]) } };
        var exclusion = new CborMap { { "xpath", "/uuid" }, { "data", new CborArray([entry]) } };

        Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(BmffHash(exclusion)));
    }

    [Fact]
    public void BmffHashFromCbor_NoExclusions_Malformed()
    {
        var map = new CborMap { { "exclusions", new CborArray() }, { "hash", new CborByteString(new byte[32]) } };

        Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(map));
    }

    [Theory]
    [InlineData("count", MinusOne)]
    [InlineData("count", Max64)]
    [InlineData("localId", MinusOne)]
    [InlineData("uniqueId", MinusOne)]
    [InlineData("fixedBlockSize", "390400")] // −1025
    [InlineData("variableBlockSizes", "82190400" + MinusOne)] // [1024, −1]
    public void BmffHashFromCbor_MerkleFieldOutOfRange_Malformed(string field, string value)
    {
        var merkle = new CborMap { { "uniqueId", 0L }, { "localId", 0L }, { "count", 1L }, { "hashes", new CborArray([new CborByteString(new byte[32])]) } };
        merkle.Remove(field);
        merkle.Add(field, Cbor(value));
        var map = new CborMap
        {
            { "exclusions", new CborArray([new CborMap { { "xpath", "/uuid" } }]) },
            { "merkle", new CborArray([merkle]) },
        };

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => BmffHashAssertion.FromCbor(map));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    private static CborValue Cbor(string hex) => CborValue.Decode(Convert.FromHexString(hex));

    private static CborMap Subset(CborValue offset, CborValue length) => new() { { "offset", offset }, { "length", length } };

    private static CborMap Subset(long offset, long length) => Subset((CborValue)offset, (CborValue)length);

    private static CborMap BmffHash(CborMap exclusion) => new()
    {
        { "exclusions", new CborArray([exclusion]) },
        { "hash", new CborByteString(new byte[32]) },
    };
}
