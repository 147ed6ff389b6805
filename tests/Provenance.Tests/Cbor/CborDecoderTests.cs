using System.Formats.Cbor;
using Provenance.Cbor;

namespace Provenance.Tests.Cbor;

/// <summary>What the model adds to the runtime's reader: limits, offsets, exact bytes, the modes' rules.</summary>
public class CborDecoderTests
{
    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Decode_NestedArrays_AcceptedUpToMaxDepth(int levels, bool accepted)
    {
        byte[] nested = [.. Enumerable.Repeat((byte)0x81, levels - 1), 0x80]; // [[[…[]…]]], `levels` arrays

        Exception? error = Record.Exception(() => CborValue.Decode(nested));

        Assert.Equal(accepted, error is null);
        if (!accepted)
        {
            Assert.Equal(64, Assert.IsType<ProvenanceFormatException>(error).Offset);
        }
    }

    [Fact]
    public async Task MapsNestedAsKeys_DecodeAndEncodeInLinearWork()
    {
        // {{{…{10: 10}…: 10}: 10}: 10}, 60 maps each the key of the next: encoding a map used to encode each key twice
        // (once to sort, once to write), 2^60 steps here; the fuzzer found it (fuzz/findings/cbor, hang-*).
        byte[] nested = [.. Enumerable.Repeat((byte)0xA1, 60), .. Enumerable.Repeat((byte)0x0A, 61)];

        Task<byte[]> run = Task.Run(() => CborValue.Decode(nested).Encode());
        Task first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(run, first);
        Assert.Equal(nested, await run);
    }

    [Fact]
    public void Decode_TagsCountAsNesting()
    {
        byte[] tagged = [.. Enumerable.Repeat((byte)0xC1, 4), 0x00]; // 1(1(1(1(0))))

        CborValue.Decode(tagged, new CborDecodeOptions { MaxDepth = 4 });
        Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(tagged, new CborDecodeOptions { MaxDepth = 3 }));
    }

    [Theory]
    [InlineData("a2616101616102", 4)]        // {"a": 1, "a": 2}: the second key
    [InlineData("83010203ff", 4)]           // trailing break after the array
    [InlineData("8301025a00010000", 3)]     // a byte string of 65,536 bytes in the last five bytes
    [InlineData("a1616162c328", 3)]         // invalid UTF-8 in a value
    [InlineData("8301fc03", 2)]             // reserved additional information 28 in major type 7
    [InlineData("830102", 0)]               // an array of three items with two bytes left: refused at its head
    [InlineData("82011901", 2)]             // the second item's two-byte argument is cut short
    public void Decode_Malformed_ErrorNamesLayerAndOffsetOfTheItem(string hex, int offset)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(Convert.FromHexString(hex)));

        Assert.Equal(FormatLayer.Cbor, ex.Layer);
        Assert.Equal(offset, ex.Offset);
    }

    [Fact]
    public void Decode_MapOfMoreEntriesThanBytes_RefusedBeforeReading()
    {
        // A map of three pairs with four bytes after its head: each pair takes at least two bytes, so it is refused at
        // its head (offset 0), not when the bytes run out (offset 5).
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(Convert.FromHexString("a301020304")));

        Assert.Equal(0, ex.Offset);
    }

    // RFC 8949 §3.2.3: each chunk of an indefinite-length text string is a definite text string, so a code point cannot
    // be split across chunks. Strict refuses it (the runtime checks each chunk); Lax checks only the joined text.
    [Fact]
    public void Decode_CodePointSplitAcrossTextChunks_RefusedWhenStrict()
    {
        byte[] encoded = Convert.FromHexString("7f61c361a9ff"); // "é" as (_ "\xc3", "\xa9")

        Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(encoded));
        Assert.Equal("\"é\"", CborValue.Decode(encoded, new CborDecodeOptions { Conformance = CborConformance.Lax }).ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Decode_InvalidUtf8_RefusedInEveryMode(int conformance)
    {
        var options = new CborDecodeOptions { Conformance = (CborConformance)conformance };

        Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(Convert.FromHexString("62c328"), options));
    }

    [Fact]
    public void Decode_SameKeyInTwoEncodings_DuplicateWhenStrict()
    {
        byte[] encoded = Convert.FromHexString("a201021801" + "03"); // {1: 2, 1 (two bytes): 3}

        Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(encoded));
        Assert.Equal(3, CborValue.Decode(encoded, new CborDecodeOptions { Conformance = CborConformance.Lax }).AsMap()[1].AsInt64());
    }

    [Fact]
    public void Decode_MixedKeyTypesInBytewiseOrder_CanonicalAccepts()
    {
        // RFC 8949 §4.2.1 puts 100 (18 64) before -1 (20); RFC 7049 §3.9 (the runtime's Canonical mode) would not.
        byte[] encoded = Convert.FromHexString("a21864012002");

        CborValue value = CborValue.Decode(encoded, new CborDecodeOptions { Conformance = CborConformance.Canonical });

        Assert.Equal(encoded, value.Encode());
    }

    [Fact]
    public void Decode_NestedItems_EachKeepsItsOriginalBytes()
    {
        byte[] encoded = Convert.FromHexString("a2616218176161190001"); // {"b": 23 (two bytes), "a": 1 (three bytes)}

        CborMap map = CborValue.Decode(encoded).AsMap();

        Assert.Equal("1817", Convert.ToHexStringLower(map["b"].EncodedBytes.Span));
        Assert.Equal("190001", Convert.ToHexStringLower(map["a"].EncodedBytes.Span));
    }

    [Fact]
    public void Read_ItemInsideALargerStructure_KeepsExactBytesAndAdvances()
    {
        byte[] encoded = Convert.FromHexString("83" + "a1011901f4" + "bf6161f5ff" + "40"); // [{1: 500 (non-shortest)}, {_ "a": true}, h'']
        var reader = new CborReader(encoded);
        reader.ReadStartArray();

        CborValue first = CborValue.Read(reader);
        CborValue second = CborValue.Read(reader);

        Assert.Equal("a1011901f4", Convert.ToHexStringLower(first.EncodedBytes.Span));
        Assert.Equal("bf6161f5ff", Convert.ToHexStringLower(second.EncodedBytes.Span));
        Assert.Equal(CborReaderState.ByteString, reader.PeekState());
    }

    [Fact]
    public void Read_MalformedItem_FormatErrorNotRuntimeException()
    {
        var reader = new CborReader(Convert.FromHexString("82a2010203"), CborConformanceMode.Lax); // [{1: 2, 3: ?}
        reader.ReadStartArray();

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CborValue.Read(reader));
        Assert.Equal(FormatLayer.Cbor, ex.Layer);
    }

    // RFC 8949 §4.2.2: "if NaN is an allowed value ... 0xf97e00" is the one deterministic NaN.
    [Theory]
    [InlineData(unchecked((long)0xFFF8000000000000))]
    [InlineData(0x7FF8000000000001)]
    public void Encode_AnyNaN_WrittenAsF97E00(long bits)
    {
        Assert.Equal("f97e00", Convert.ToHexStringLower(new CborFloat(BitConverter.Int64BitsToDouble(bits)).Encode()));
    }

    [Fact]
    public void Encode_FullIntegerRange_ShortestHeads()
    {
        // RFC 8949 §3.1: −2^64 is major type 1 with argument 2^64 − 1.
        Assert.Equal("3bffffffffffffffff", Convert.ToHexStringLower(new CborInteger(-(Int128)ulong.MaxValue - 1).Encode()));
        Assert.Equal("1bffffffffffffffff", Convert.ToHexStringLower(new CborInteger(ulong.MaxValue).Encode()));
        Assert.Equal("3818", Convert.ToHexStringLower(new CborInteger(-25).Encode()));
    }

    [Fact]
    public void Encode_SimpleValues_OneOrTwoBytes()
    {
        Assert.Equal("f7", Convert.ToHexStringLower(CborSimple.Undefined.Encode()));
        Assert.Equal("f0", Convert.ToHexStringLower(new CborSimple(16).Encode()));
        Assert.Equal("f8ff", Convert.ToHexStringLower(new CborSimple(255).Encode()));
    }
}
