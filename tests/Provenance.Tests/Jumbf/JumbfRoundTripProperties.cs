using CsCheck;
using Provenance.Jumbf;

namespace Provenance.Tests.Jumbf;

/// <summary>
/// Property-based checks (CsCheck) over generated JUMBF trees (issue 11, item 3): whatever the writer writes, the reader
/// reads back identically, every box with its description (type, label, ID, signature, salt) and content, and the bytes
/// it encodes again are the bytes it read.
/// </summary>
public class JumbfRoundTripProperties
{
    private static readonly JumbfUuid[] Types = [C2paBoxTypes.ManifestStore, C2paBoxTypes.Manifest, C2paBoxTypes.AssertionStore, C2paBoxTypes.CborAssertion, C2paBoxTypes.JsonAssertion, C2paBoxTypes.Claim, C2paBoxTypes.ClaimSignature];

    private static readonly FourCC[] ContentTypes = [FourCC.Cbor, FourCC.Json, FourCC.Uuid, FourCC.Bidb, FourCC.Free];

    // Labels as C2PA allows them (§11.1.4.1.1): printable, no '/', ';', '?' or '#'. Every C2PA box is requestable and
    // labelled (§11.1.4.1.2), which the reader requires; ID, signature and salt are optional.
    private static readonly Gen<string> Labels = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789.:-_ éü漢"], 1, 24];

    private static readonly Gen<JumbfDescription> Descriptions = Gen.Select(
        Gen.Int[0, Types.Length - 1], Labels, Gen.Frequency((1, Gen.Const((uint?)null)), (2, Gen.UInt.Select(id => (uint?)id))), Gen.Frequency((1, Gen.Const((byte[]?)null)), (1, Gen.Int.Select(seed => (byte[]?)Hash(seed)))), Gen.Frequency((1, Gen.Const((byte[]?)null)), (1, Gen.Byte.Array[0, 32].Select(b => (byte[]?)b))))
        .Select((type, label, id, signature, salt) => new JumbfDescription(Types[type], label)
        {
            Id = id,
            // (ReadOnlyMemory<byte>?)null: a bare null would convert through byte[] into an empty, present value.
            Signature = signature is null ? (ReadOnlyMemory<byte>?)null : signature,
            Salt = salt is null ? (ReadOnlyMemory<byte>?)null : salt,
        });

    private static readonly Gen<JumbfBox> Contents = Gen.Select(Gen.Int[0, ContentTypes.Length - 1], Gen.Byte.Array[0, 64])
        .Select((type, data) => (JumbfBox)new JumbfContentBox(ContentTypes[type], data));

    private static readonly Gen<JumbfSuperBox> Trees = Gen.Recursive<JumbfSuperBox>((depth, tree) => Gen.Select(
        Descriptions,
        (depth >= 3 ? Contents : Gen.Frequency((3, Contents), (1, tree.Select(t => (JumbfBox)t)))).Array[0, 4])
        .Select((description, children) => new JumbfSuperBox(description, children)));

    // A 32-byte value (a JUMBF signature is a SHA-256 hash, ISO/IEC 19566-5 §A.3).
    private static byte[] Hash(int seed) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed));

    [Fact]
    public void ReadOfWrite_SameTree_SameBytes()
    {
        Trees.Sample(tree =>
        {
            byte[] written = tree.Encode();

            JumbfSuperBox read = JumbfReader.ReadSuperBox(written);

            AssertSameTree(tree, read);
            Assert.Equal(written, read.Encode());
        }, iter: 1000);
    }

    private static void AssertSameTree(JumbfSuperBox expected, JumbfSuperBox actual)
    {
        JumbfDescription want = expected.Description, got = actual.Description;
        Assert.Equal(want.Type, got.Type);
        Assert.Equal(want.Label, got.Label);
        Assert.Equal(want.Requestable, got.Requestable);
        Assert.Equal(want.Id, got.Id);
        Assert.Equal(want.Signature?.ToArray(), got.Signature?.ToArray());
        Assert.Equal(want.Salt?.ToArray(), got.Salt?.ToArray());
        Assert.Equal(expected.Children.Count, actual.Children.Count);
        for (int i = 0; i < expected.Children.Count; i++)
        {
            switch (expected.Children[i])
            {
                case JumbfSuperBox superBox:
                    AssertSameTree(superBox, Assert.IsType<JumbfSuperBox>(actual.Children[i]));
                    break;
                case JumbfContentBox content:
                    var read = Assert.IsType<JumbfContentBox>(actual.Children[i]);
                    Assert.Equal(content.BoxType, read.BoxType);
                    Assert.Equal(content.Data.ToArray(), read.Data.ToArray());
                    break;
            }
        }
    }
}
