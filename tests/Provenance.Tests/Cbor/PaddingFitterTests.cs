using Provenance.Cbor;

namespace Provenance.Tests.Cbor;

public class PaddingFitterTests
{
    // Sizes around the byte-string header boundaries (RFC 8949 §3.1: lengths 24, 256 and 65,536 widen the header),
    // where a single pad cannot reach every total and pad2 is needed (C2PA 2.2 §10.4.4).
    public static TheoryData<int> Growths => [0, 1, 22, 23, 24, 25, 26, 254, 255, 256, 257, 258, 65533, 65534, 65535, 65536, 65537, 65538, 70000];

    [Theory]
    [MemberData(nameof(Growths))]
    public void Fit_AnyReachableSize_ProducesExactlyThatSize(int growth)
    {
        static byte[] Encode(int pad, int pad2)
        {
            var map = new CborMap { { "hash", new CborByteString(new byte[32]) }, { "pad", new CborByteString(new byte[pad]) } };
            if (pad2 >= 0)
            {
                map.Add("pad2", new CborByteString(new byte[pad2]));
            }

            return map.Encode();
        }

        int target = Encode(0, -1).Length + growth;
        byte[]? encoded = PaddingFitter.Fit(Encode, target);

        Assert.NotNull(encoded);
        Assert.Equal(target, encoded.Length);
        CborMap decoded = CborValue.Decode(encoded).AsMap();
        Assert.Equal(32, decoded["hash"].AsBytes().Length);
    }

    [Fact]
    public void Fit_TargetSmallerThanContent_ReturnsNull()
    {
        byte[]? encoded = PaddingFitter.Fit((pad, _) => new CborByteString(new byte[10 + pad]).Encode(), 5);

        Assert.Null(encoded);
    }
}
