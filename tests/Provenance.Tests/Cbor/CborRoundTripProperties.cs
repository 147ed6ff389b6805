using System.Formats.Cbor;
using System.Text;
using CsCheck;
using Provenance.Cbor;
using CborTag = Provenance.Cbor.CborTag;

namespace Provenance.Tests.Cbor;

/// <summary>
/// Property-based checks (CsCheck) over generated <see cref="CborValue"/> trees: what the model writes it reads back,
/// and what the runtime's <see cref="CborWriter"/> writes in other ways (indefinite lengths, chunked strings, keys in
/// insertion order) the model reads back value for value, with each item's exact bytes.
/// </summary>
public class CborRoundTripProperties
{
    private static readonly Gen<CborValue> Integers = Gen.Frequency(
        (3, Gen.Long.Select(i => (CborValue)new CborInteger(i))),
        (2, Gen.Int[-300, 70_000].Select(i => (CborValue)new CborInteger(i))),
        (1, Gen.Int128[-(Int128)ulong.MaxValue - 1, ulong.MaxValue].Select(i => (CborValue)new CborInteger(i))));

    // Text goes through UTF-8 and back so that it holds no lone surrogates (which UTF-8 cannot carry).
    private static readonly Gen<CborValue> Texts = Gen.String.Select(s => (CborValue)new CborTextString(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s))));

    private static readonly Gen<CborValue> Floats = Gen.Frequency(
        (2, Gen.Double.Special.Select(d => (CborValue)new CborFloat(d))),
        (1, Gen.Double.Select(d => (CborValue)new CborFloat((float)d))),
        (1, Gen.UShort.Select(bits => (CborValue)new CborFloat((double)BitConverter.UInt16BitsToHalf(bits)))));

    // Simple values 0–19, 23 and 32–255 (24–31 are reserved, RFC 8949 §3.3), besides false, true and null.
    private static readonly Gen<CborValue> Simples = Gen.Frequency(
        (3, Gen.OneOf<CborValue>(CborSimple.False, CborSimple.True, CborSimple.Null, CborSimple.Undefined)),
        (1, Gen.Byte.Select(b => (CborValue)new CborSimple(b is >= 24 and < 32 ? (byte)(b - 8) : b))));

    private static readonly Gen<CborValue> Leaves = Gen.Frequency(
        (4, Integers),
        (2, Gen.Byte.Array[0, 40].Select(b => (CborValue)new CborByteString(b))),
        (4, Texts),
        (2, Floats),
        (1, Simples));

    private static readonly Gen<CborValue> Trees = Gen.Recursive<CborValue>((depth, tree) => depth >= 4 ? Leaves : Gen.Frequency(
        (5, Leaves),
        (1, tree.Array[0, 5].Select(items => (CborValue)new CborArray(items))),
        (1, Gen.Select(tree, tree).Array[0, 5].Select(Map)),
        (1, Gen.Select(Gen.ULong, tree).Select((number, content) => (CborValue)new CborTag(number, content)))));

    // Keys that collide often: small integers, short texts from a small alphabet (lone surrogates included, which are
    // written as U+FFFD), and the other leaves.
    private static readonly Gen<CborValue> Keys = Gen.Frequency(
        (3, Gen.Int[-3, 3].Select(i => (CborValue)new CborInteger(i))),
        (3, Gen.String[Gen.Char['\uD7FF', '\uE000'], 0, 2].Select(t => (CborValue)new CborTextString(t))),
        (1, Gen.Char['\uD7FF', '\uE000'].Select(c => (CborValue)new CborTextString(c.ToString()))),
        (1, Leaves));

    [Fact]
    public void Equality_AgreesWithTheEncoding_AndEqualValuesHashAlike()
    {
        // Texts and integers are compared by value, the rest by encoding: both must say what the encoding says.
        Gen.Select(Keys, Keys).Sample((a, b) =>
        {
            bool sameBytes = a.Encode().AsSpan().SequenceEqual(b.Encode());
            return a.Equals(b) == sameBytes && b.Equals(a) == sameBytes && (!sameBytes || a.GetHashCode() == b.GetHashCode());
        }, iter: 20_000);
    }

    [Fact]
    public void Equality_LoneSurrogate_EqualsItsReplacement()
    {
        var lone = new CborTextString("a\uD800");
        var replaced = new CborTextString("a\uFFFD");

        Assert.Equal(lone.Encode(), replaced.Encode());
        Assert.True(lone.Equals(replaced));
        Assert.Equal(lone.GetHashCode(), replaced.GetHashCode());
        Assert.False(new CborTextString("1").Equals(new CborInteger(1)));
    }

    [Fact]
    public void DecodeOfEncode_SameValue_EveryItemKeepsItsBytes()
    {
        Trees.Sample(value =>
        {
            byte[] encoded = value.Encode();

            CborValue decoded = CborValue.Decode(encoded, new CborDecodeOptions { Conformance = CborConformance.Canonical });

            AssertSameValue(value, decoded, mapsInOrder: false);
            Assert.Equal(encoded, decoded.EncodedBytes.ToArray());
            AssertOriginalBytes(decoded, new CborReader(encoded), encoded);
        }, iter: 2000);
    }

    [Fact]
    public void Decode_WrittenByRuntimeWriterInWireOrder_SameValueOrderAndBytes()
    {
        Gen.Select(Trees, Gen.Int).Sample((value, seed) =>
        {
            var writer = new CborWriter(CborConformanceMode.Lax);
            WriteWire(writer, value, new Random(seed));
            byte[] written = writer.Encode();

            CborValue decoded = CborValue.Decode(written);

            AssertSameValue(value, decoded, mapsInOrder: true);
            Assert.Equal(written, decoded.EncodedBytes.ToArray());
            AssertOriginalBytes(decoded, new CborReader(written), written);
            Assert.Equal(value.Encode(), decoded.Encode());
        }, iter: 2000);
    }

    private static CborValue Map((CborValue Key, CborValue Value)[] entries)
    {
        var map = new CborMap();
        foreach ((CborValue key, CborValue value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    /// <summary>Writes as another signer might: entries in insertion order, lengths and strings definite or not.</summary>
    private static void WriteWire(CborWriter writer, CborValue value, Random random)
    {
        bool indefinite = random.Next(3) == 0;
        switch (value)
        {
            case CborArray array:
                writer.WriteStartArray(indefinite ? null : array.Count);
                foreach (CborValue item in array)
                {
                    WriteWire(writer, item, random);
                }

                writer.WriteEndArray();
                break;
            case CborMap map:
                writer.WriteStartMap(indefinite ? null : map.Count);
                foreach ((CborValue key, CborValue item) in map)
                {
                    WriteWire(writer, key, random);
                    WriteWire(writer, item, random);
                }

                writer.WriteEndMap();
                break;
            case CborTag tag:
                writer.WriteTag(tag.Tag);
                WriteWire(writer, tag.Content, random);
                break;
            case CborByteString bytes when indefinite:
                writer.WriteStartIndefiniteLengthByteString();
                int cut = random.Next(bytes.Value.Length + 1);
                writer.WriteByteString(bytes.Value.Span[..cut]);
                writer.WriteByteString(bytes.Value.Span[cut..]);
                writer.WriteEndIndefiniteLengthByteString();
                break;
            case CborTextString text when indefinite:
                // Chunks split between code points (RFC 8949 §3.2.3), never inside a surrogate pair.
                int split = random.Next(text.Value.Length + 1);
                while (split < text.Value.Length && char.IsLowSurrogate(text.Value[split]))
                {
                    split++;
                }

                writer.WriteStartIndefiniteLengthTextString();
                writer.WriteTextString(text.Value.AsSpan(0, split));
                writer.WriteTextString(text.Value.AsSpan(split));
                writer.WriteEndIndefiniteLengthTextString();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// Compares two trees item by item, independently of any encoding. Maps agree entry by entry in order, or, when the
    /// encoding sorted them, key by key.
    /// </summary>
    private static void AssertSameValue(CborValue expected, CborValue actual, bool mapsInOrder)
    {
        switch (expected)
        {
            case CborInteger integer:
                Assert.Equal(integer.Value, Assert.IsType<CborInteger>(actual).Value);
                break;
            case CborByteString bytes:
                Assert.Equal(bytes.Value.ToArray(), Assert.IsType<CborByteString>(actual).Value.ToArray());
                break;
            case CborTextString text:
                Assert.Equal(text.Value, Assert.IsType<CborTextString>(actual).Value);
                break;
            case CborFloat number:
                double other = Assert.IsType<CborFloat>(actual).Value;
                Assert.True(double.IsNaN(number.Value) ? double.IsNaN(other) : BitConverter.DoubleToInt64Bits(number.Value) == BitConverter.DoubleToInt64Bits(other), $"{number.Value} read back as {other}");
                break;
            case CborSimple simple:
                Assert.Equal(simple.Value, Assert.IsType<CborSimple>(actual).Value);
                break;
            case CborTag tag:
                CborTag actualTag = Assert.IsType<CborTag>(actual);
                Assert.Equal(tag.Tag, actualTag.Tag);
                AssertSameValue(tag.Content, actualTag.Content, mapsInOrder);
                break;
            case CborArray array:
                CborArray actualArray = Assert.IsType<CborArray>(actual);
                Assert.Equal(array.Count, actualArray.Count);
                for (int i = 0; i < array.Count; i++)
                {
                    AssertSameValue(array[i], actualArray[i], mapsInOrder);
                }

                break;
            case CborMap map:
                CborMap actualMap = Assert.IsType<CborMap>(actual);
                Assert.Equal(map.Count, actualMap.Count);
                if (mapsInOrder)
                {
                    foreach (((CborValue key, CborValue item), (CborValue actualKey, CborValue actualItem)) in map.Zip(actualMap))
                    {
                        AssertSameValue(key, actualKey, mapsInOrder);
                        AssertSameValue(item, actualItem, mapsInOrder);
                    }
                }
                else
                {
                    foreach ((CborValue key, CborValue item) in map)
                    {
                        Assert.True(actualMap.TryGetValue(key, out CborValue? found), $"key {key} missing");
                        AssertSameValue(item, found, mapsInOrder);
                    }
                }

                break;
        }
    }

    /// <summary>Walks the bytes with the runtime reader beside the tree: every item's bytes are its slice of the input.</summary>
    private static void AssertOriginalBytes(CborValue value, CborReader reader, byte[] data)
    {
        int start = data.Length - reader.BytesRemaining;
        switch (value)
        {
            case CborArray array:
                reader.ReadStartArray();
                foreach (CborValue item in array)
                {
                    AssertOriginalBytes(item, reader, data);
                }

                reader.ReadEndArray();
                break;
            case CborMap map:
                reader.ReadStartMap();
                foreach ((CborValue key, CborValue item) in map)
                {
                    AssertOriginalBytes(key, reader, data);
                    AssertOriginalBytes(item, reader, data);
                }

                reader.ReadEndMap();
                break;
            case CborTag tag:
                reader.ReadTag();
                AssertOriginalBytes(tag.Content, reader, data);
                break;
            default:
                reader.SkipValue();
                break;
        }

        int end = data.Length - reader.BytesRemaining;
        Assert.Equal(data[start..end], value.EncodedBytes.ToArray());
    }
}
