using Provenance.Cbor;

namespace Provenance.Tests.Cbor;

public class CborStrictnessTests
{
    [Theory]
    [InlineData("1c")]               // reserved additional information 28
    [InlineData("5e")]               // reserved additional information 30 on a byte string
    [InlineData("1a0000")]           // truncated argument
    [InlineData("5affffffff00")]     // a 4 GiB byte string in six bytes
    [InlineData("9bffffffffffffffff")] // an array of 2^64-1 items
    [InlineData("62c328")]           // invalid UTF-8
    [InlineData("a2616101616102")]   // duplicate key "a"
    [InlineData("0000")]             // trailing data
    [InlineData("ff")]               // a lone break
    [InlineData("5f01ff")]           // a non-string chunk inside an indefinite byte string
    [InlineData("f818")]             // two-byte simple value below 32
    public void Decode_Malformed_ThrowsCborFormatError(string hex)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(Convert.FromHexString(hex)));

        Assert.Equal(FormatLayer.Cbor, ex.Layer);
    }

    [Fact]
    public void Decode_DuplicateKeyInLaxMode_LastWins()
    {
        CborValue value = CborValue.Decode(Convert.FromHexString("a2616101616102"), new CborDecodeOptions { Conformance = CborConformance.Lax });

        Assert.Equal(2, value.AsMap()["a"].AsInt64());
    }

    [Fact]
    public void Decode_DeepNesting_StopsAtDepthLimitWithoutStackOverflow()
    {
        byte[] nested = [.. Enumerable.Repeat((byte)0x81, 10_000), 0x00];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(nested));

        Assert.Contains("deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryTruncationOfAnItem_ThrowsFormatError()
    {
        var map = new CborMap { { "url", "self#jumbf=c2pa.assertions/c2pa.actions.v2" }, { "hash", new CborByteString(new byte[32]) }, { "n", -500 } };
        byte[] encoded = map.Encode();
        for (int length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(encoded.AsMemory(0, length)));
        }
    }

    [Fact]
    public void Decode_RandomBytes_OnlyFormatErrorsOrValues()
    {
        var random = new Random(8949);
        for (int i = 0; i < 5000; i++)
        {
            byte[] data = new byte[random.Next(1, 40)];
            random.NextBytes(data);
            try
            {
                CborValue.Decode(data);
            }
            catch (ProvenanceFormatException)
            {
                // Expected for most inputs; any other exception type fails the test.
            }
        }
    }

    [Fact]
    public void Encode_MapKeys_SortedBytewiseByEncodedKey()
    {
        // RFC 8949 §4.2.1: keys sort by their encoded bytes: 10, 100, -1, "z", "aa", [100], [-1], false.
        var map = new CborMap
        {
            { CborSimple.False, 1 }, { "aa", 2 }, { new CborArray([new CborInteger(-1)]), 3 }, { 100, 4 },
            { "z", 5 }, { -1, 6 }, { new CborArray([new CborInteger(100)]), 7 }, { 10, 8 },
        };

        CborValue decoded = CborValue.Decode(map.Encode(), new CborDecodeOptions { Conformance = CborConformance.Canonical });

        Assert.Equal("{10: 8, 100: 4, -1: 6, \"z\": 5, \"aa\": 2, [100]: 7, [-1]: 3, false: 1}", decoded.ToString());
    }

    [Fact]
    public void EncodedBytes_NonCanonicalInput_KeptExactly()
    {
        byte[] encoded = Convert.FromHexString("a2616218176161190001"); // {"b": 23 (two bytes), "a": 1 (three bytes)}

        CborMap map = CborValue.Decode(encoded).AsMap();

        Assert.Equal(encoded, map.EncodedBytes.ToArray());
        Assert.Equal("a2616101616217", Convert.ToHexStringLower(map.Encode()));
    }

    [Fact]
    public void Decode_Containers_ReadOnlyAndKeepTheirBytes()
    {
        byte[] encoded = Convert.FromHexString("a2616182010261620a"); // {"a": [1, 2], "b": 10}, wire order kept
        CborMap outer = CborValue.Decode(encoded).AsMap();
        CborArray nested = outer["a"].AsArray();

        Assert.True(outer.IsReadOnly);
        Assert.True(nested.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => outer.Add("c", 1));
        Assert.Throws<InvalidOperationException>(() => outer["b"] = 11);
        Assert.Throws<InvalidOperationException>(() => outer.Remove("b"));
        Assert.Throws<InvalidOperationException>(() => nested.Add(3));
        Assert.Equal(encoded, outer.EncodedBytes.ToArray());
    }

    [Fact]
    public void EncodedBytes_BuiltMapAroundDecodedValue_ReflectLaterChanges()
    {
        CborMap decoded = CborValue.Decode(Convert.FromHexString("a161610a")).AsMap(); // {"a": 10}
        CborMap inner = new() { { "x", 1 } };
        var outer = new CborMap { { "d", decoded }, { "i", inner } };
        _ = outer.EncodedBytes;
        inner.Add("y", 2);

        Assert.False(outer.IsReadOnly);
        Assert.Equal("{\"d\": {\"a\": 10}, \"i\": {\"x\": 1, \"y\": 2}}", CborValue.Decode(outer.EncodedBytes).ToString());
    }

    [Fact]
    public void Json_RoundTrip_ActionsMap()
    {
        const string json = """{"actions":[{"action":"c2pa.created","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture","parameters":{"n":3,"ok":true,"x":1.5}}]}""";
        using var document = System.Text.Json.JsonDocument.Parse(json);

        CborValue value = CborValue.FromJson(document.RootElement);

        Assert.Equal(json, value.ToJsonString());
        Assert.Equal(3, value.AsMap()["actions"].AsArray()[0].AsMap()["parameters"].AsMap()["n"].AsInt64());
    }
}
