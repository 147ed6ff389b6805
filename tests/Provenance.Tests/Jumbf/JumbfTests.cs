using System.Buffers.Binary;
using Provenance.Formats.Jpeg;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Tests.Jumbf;

public class JumbfTests
{
    [Fact]
    public void Encode_StoreDescription_Is30Bytes()
    {
        // C2PA-NOTES §1.1 (from c2pa-rs jumbf/boxes.rs): the store's jumd with label "c2pa" has LBox 0x1E.
        byte[] jumd = new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa").Encode();

        Assert.Equal(0x1Eu, BinaryPrimitives.ReadUInt32BigEndian(jumd));
        Assert.Equal(0x03, jumd[24]);
    }

    [Fact]
    public void Encode_SaltedDescription_TogglesAndPrivateBox()
    {
        byte[] jumd = new JumbfDescription(C2paBoxTypes.CborAssertion, "x") { Salt = new byte[16] }.Encode();

        Assert.Equal(0x13, jumd[24]); // C2PA 2.2 §11.1.4.1.2: requestable, label, private
        Assert.Equal("c2sh"u8.ToArray(), jumd[(jumd.Length - 20)..(jumd.Length - 16)]);
    }

    [Fact]
    public void Read_BuiltStore_RoundTripsByteForByte()
    {
        var assertion = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.CborAssertion, "c2pa.actions.v2") { Salt = new byte[16] }, [new JumbfContentBox(FourCC.Cbor, new byte[] { 0xA0 })]);
        var manifest = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.Manifest, "urn:c2pa:1234"), [new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.AssertionStore, "c2pa.assertions"), [assertion])]);
        byte[] store = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [manifest]).Encode();

        JumbfSuperBox read = JumbfReader.ReadSuperBox(store);

        Assert.Equal(store, read.Encode());
        JumbfSuperBox? found = JumbfUri.Resolve(read, read.FindChild("urn:c2pa:1234")!, "self#jumbf=c2pa.assertions/c2pa.actions.v2");
        Assert.NotNull(found);
        Assert.Equal(16, found.Description.Salt!.Value.Length);
        Assert.Equal(assertion.Payload.ToArray(), found.Payload.ToArray());
    }

    [Theory]
    [InlineData("C.jpg")]
    [InlineData("CA.jpg")]
    public void Read_C2paRsStore_ManifestsHaveTheirBoxesAndReEncodeIdentically(string file)
    {
        using FileStream stream = File.OpenRead(TestPaths.Fixture(file));
        byte[] storeBytes = new JpegHandler().ReadManifestStore(stream, Provenance.Formats.AssetReadOptions.Default)!.Store;

        ManifestStore store = ManifestStore.Parse(storeBytes);

        Assert.Equal("c2pa", store.Root.Label);
        Assert.NotEmpty(store.Manifests);
        foreach (Manifest manifest in store.Manifests)
        {
            Assert.Contains("urn:", manifest.Label, StringComparison.Ordinal);
            Assert.NotNull(manifest.AssertionStore);
            Assert.NotNull(manifest.ClaimBox);
            Assert.NotNull(manifest.Box.FindChild("c2pa.signature"));
        }

        Assert.Equal(storeBytes, store.Root.Encode());
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsJumbfError()
    {
        byte[] store = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Json, "{}"u8.ToArray())]).Encode();
        for (int length = 0; length < store.Length; length++)
        {
            ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => JumbfReader.ReadSuperBox(store.AsMemory(0, length)));
            Assert.Equal(FormatLayer.Jumbf, ex.Layer);
        }
    }

    [Theory]
    [InlineData(4)]            // LBox smaller than the header
    [InlineData(0x7FFFFFFF)]   // LBox past the end
    public void Read_BadChildLength_ThrowsJumbfError(uint childLength)
    {
        byte[] store = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Json, "{}"u8.ToArray())]).Encode();
        BinaryPrimitives.WriteUInt32BigEndian(store.AsSpan(38), childLength); // the json box follows the 30-byte jumd

        Assert.Throws<ProvenanceFormatException>(() => JumbfReader.ReadSuperBox(store));
    }

    [Fact]
    public void Read_BadLengthInANestedBox_ReportsItsAbsoluteOffset()
    {
        var assertion = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.CborAssertion, "c2pa.actions.v2"), [new JumbfContentBox(FourCC.Cbor, new byte[] { 0xA0 })]);
        var manifest = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.Manifest, "urn:c2pa:1234"), [new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.AssertionStore, "c2pa.assertions"), [assertion])]);
        byte[] store = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [manifest]).Encode();
        JumbfSuperBox read = JumbfReader.ReadSuperBox(store);
        JumbfSuperBox readAssertion = JumbfUri.Resolve(read, read.FindChild("urn:c2pa:1234")!, "self#jumbf=c2pa.assertions/c2pa.actions.v2")!;
        long cbor = Assert.IsType<JumbfContentBox>(Assert.Single(readAssertion.Children)).Offset;
        BinaryPrimitives.WriteUInt32BigEndian(store.AsSpan((int)cbor), 0x7FFFFFFF); // the cbor box now claims to run far past its superbox

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => JumbfReader.ReadSuperBox(store));

        // Four superboxes deep, the offset is still the box's place in the store, not within its parent.
        Assert.Equal(cbor, ex.Offset);
        Assert.Contains("runs past its container", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeXlBox_ThrowsJumbfError()
    {
        byte[] box = [0, 0, 0, 1, .. "jumb"u8, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Throws<ProvenanceFormatException>(() => JumbfReader.ReadSuperBox(box));
    }

    [Fact]
    public void Read_DescriptionWithoutC2paToggles_ThrowsJumbfError()
    {
        byte[] store = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), []).Encode();
        store[8 + 8 + 16] = 0x02; // label only, not requestable

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => JumbfReader.ReadSuperBox(store));
        Assert.Contains("toggles", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThousandNestedSuperboxes_StopsAtDepthLimit()
    {
        JumbfSuperBox box = new(new JumbfDescription(C2paBoxTypes.ManifestStore, "x"), []);
        for (int i = 0; i < 1000; i++)
        {
            box = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "x"), [box]);
        }

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => JumbfReader.ReadSuperBox(box.Encode()));
        Assert.Contains("deeper", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("self#jumbf=/c2pa/urn:c2pa:x/c2pa.assertions/c2pa.actions.v2", true, 4)]
    [InlineData("self#jumbf=c2pa.assertions/c2pa.hash.data", false, 2)]
    public void TryParse_ValidUri_Labels(string uri, bool isAbsolute, int count)
    {
        Assert.True(JumbfUri.TryParse(uri, out bool absolute, out IReadOnlyList<string> labels));
        Assert.Equal(isAbsolute, absolute);
        Assert.Equal(count, labels.Count);
    }

    [Theory]
    [InlineData("http://example.com/x")]
    [InlineData("self#jumbf=c2pa.assertions/../x")]
    [InlineData("self#jumbf=a//b")]
    public void TryParse_InvalidUri_False(string uri) => Assert.False(JumbfUri.TryParse(uri, out _, out _));
}
