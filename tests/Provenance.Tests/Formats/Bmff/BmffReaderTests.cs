using System.Security.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;

namespace Provenance.Tests.Formats.Bmff;

public class BmffReaderTests
{
    // ftyp (16 bytes), moov (8 + trak (8 + tkhd (8 + 4))), then mdat (8 + 4).
    private static readonly byte[] File =
    [
        0, 0, 0, 16, .. "ftyp"u8, .. "isom"u8, 0, 0, 0, 0,
        0, 0, 0, 28, .. "moov"u8, 0, 0, 0, 20, .. "trak"u8, 0, 0, 0, 12, .. "tkhd"u8, 1, 0, 0, 0,
        0, 0, 0, 12, .. "mdat"u8, 9, 9, 9, 9,
    ];

    [Fact]
    public void ReadBox_Container_ChildReaderIsBoundedWithAbsoluteOffsets()
    {
        BmffReader top = BmffReader.Open(new MemoryStream(File), AssetReadOptions.Default);

        top.Skip();
        BmffReader moov = top.ReadBox(out BmffBoxHeader moovHeader);
        BmffReader trak = moov.ReadBox(out BmffBoxHeader trakHeader);
        BmffBoxHeader tkhd = trak.Skip();

        Assert.Equal((BmffBoxTypes.Moov, 16L), (moovHeader.Type, moovHeader.Offset));
        Assert.Equal((BmffBoxTypes.Trak, 24L), (trakHeader.Type, trakHeader.Offset));
        Assert.Equal((BmffBoxTypes.Tkhd, 32L, (byte)1), (tkhd.Type, tkhd.Offset, tkhd.FullBox!.Value.Version));
        Assert.False(trak.HasData);
        Assert.False(moov.HasData);
        Assert.Equal(BmffBoxTypes.Mdat, top.Skip().Type);
        Assert.False(top.HasData);
    }

    [Fact]
    public void PeekHeader_ChildLongerThanItsParent_ThrowsAtTheChildsOffset()
    {
        byte[] file = [.. File];
        file[27] = 21; // trak now claims one byte more than moov holds

        BmffReader top = BmffReader.Open(new MemoryStream(file), AssetReadOptions.Default);
        top.Skip();
        BmffReader moov = top.ReadBox(out _);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => moov.PeekHeader());
        Assert.Equal((FormatLayer.Bmff, 24L), (ex.Layer, ex.Offset));
        Assert.Contains("'trak' of 21 bytes runs past its container (20 bytes remain)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boxes_TrailingZeroPadding_EndsTheLevel()
    {
        byte[] file = [.. File, 0, 0, 0];

        Assert.Equal([BmffBoxTypes.Ftyp, BmffBoxTypes.Moov, BmffBoxTypes.Mdat], BmffReader.Open(new MemoryStream(file), AssetReadOptions.Default).Boxes(default).Select(b => b.Type));
    }

    [Fact]
    public void Boxes_TrailingNonZeroBytes_ThrowsCutOffHeader()
    {
        byte[] file = [.. File, 0, 7, 0];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => BmffReader.Open(new MemoryStream(file), AssetReadOptions.Default).Boxes(default).ToList());
        Assert.Equal(File.Length, ex.Offset);
        Assert.Contains("cut off", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Children_NotAContainer_IsEmpty()
    {
        BmffReader top = BmffReader.Open(new MemoryStream(File), AssetReadOptions.Default);
        BmffBoxHeader ftyp = top.Skip();

        Assert.False(top.Children(ftyp).HasData);
    }

    [Fact]
    public async Task BmffHandler_OneVerificationsSteps_WalkTheTopLevelOnce()
    {
        // The steps of verifying an MP4 (store, hash, Merkle layout) on one handler and one stream.
        var handler = new BmffHandler();
        using var asset = new MemoryStream(System.IO.File.ReadAllBytes(TestPaths.Fixture("video1.mp4")));

        Assert.NotNull(handler.ReadManifestStore(asset, AssetReadOptions.Default));
        await handler.HashAsync(asset, HashAlgorithmName.SHA256, BmffExclusions.Default, hashBoxOffsets: true, AssetReadOptions.Default, null, default);
        handler.ReadMediaData(asset, 1, AssetReadOptions.Default, default);

        Assert.Equal(1, handler.TopLevelWalks);
    }

    [Fact]
    public async Task BmffHandler_RememberedWalk_HashesAsAFreshWalk()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(TestPaths.Fixture("video1.mp4"));
        var remembering = new BmffHandler();
        using var asset = new MemoryStream(bytes);
        remembering.ReadManifestStore(asset, AssetReadOptions.Default);

        byte[] remembered = await remembering.HashAsync(asset, HashAlgorithmName.SHA256, BmffExclusions.Default, true, AssetReadOptions.Default, null, default);
        byte[] fresh = await new BmffHandler().HashAsync(new MemoryStream(bytes), HashAlgorithmName.SHA256, BmffExclusions.Default, true, AssetReadOptions.Default, null, default);

        Assert.Equal(fresh, remembered);
    }
}
