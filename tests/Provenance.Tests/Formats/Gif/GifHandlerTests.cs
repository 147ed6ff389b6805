using Provenance.Formats;
using Provenance.Formats.Gif;
using Provenance.Tests.Media;
using static Provenance.Tests.Formats.FormatTestKit;

namespace Provenance.Tests.Formats.Gif;

public class GifHandlerTests
{
    public static TheoryData<string, int> InputsAndStoreSizes() => new()
    {
        { "fixture:formats/sample1.gif", 100 }, { "fixture:formats/sample1.gif", 70_000 }, { "ffmpeg:animated", 5000 }, { "ffmpeg:animated", 255 * 3 },
    };

    [Theory]
    [MemberData(nameof(InputsAndStoreSizes))]
    public void Embed_FakeStore_ReadsBackReplacesAndRemoves(string source, int storeSize)
    {
        byte[] input = File.ReadAllBytes(Resolve(source));
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();

        Assert.IsType<GifHandler>(handler);
        AssertEmbedReplaceRemove(handler, input, storeSize);
    }

    [Fact]
    public void Embed_NoStore_GoesRightAfterTheGlobalColorTable()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.gif"));
        int colorTable = (input[10] & 0x80) != 0 ? 3 << ((input[10] & 7) + 1) : 0;

        (byte[] output, EmbeddingPlan plan) = Embed(new GifHandler(), input, FakeStore(600));

        Assert.Equal(13 + colorTable, plan.StoreRange!.Value.Start);
        Assert.Equal(input[..(13 + colorTable)], output[..(13 + colorTable)]);
        Assert.Equal(input[(13 + colorTable)..], output[(int)plan.StoreRange.Value.End..]);
    }

    [Fact]
    public void EncodeStore_SplitsIntoSubBlocksOfAtMost255()
    {
        byte[] store = new byte[600];
        new Random(600).NextBytes(store);

        byte[] block = new GifHandler().EncodeStore(store);

        // 21 FF 0B "C2PA_GIF" 01 00 00, then 255 + 255 + 90 bytes in sub-blocks, then the terminator (C2PA 2.2 §A.3.7).
        Assert.Equal([0x21, 0xFF, 0x0B, .. "C2PA_GIF"u8, 0x01, 0x00, 0x00], block[..14]);
        Assert.Equal(255, block[14]);
        Assert.Equal(255, block[14 + 256]);
        Assert.Equal(90, block[14 + 512]);
        Assert.Equal(0, block[^1]);
        Assert.Equal(14 + 3 + 600 + 1, block.Length);
        Assert.Equal(store[..255], block[15..270]);
    }

    [Fact]
    public void Embed_Gif87a_BecomesGif89a()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.gif"));
        "GIF87a"u8.CopyTo(input);

        (byte[] output, _) = Embed(new GifHandler(), input, FakeStore(100));

        Assert.Equal("GIF89a"u8.ToArray(), output[..6]);
        Assert.NotNull(new GifHandler().ReadManifestStore(new MemoryStream(output), AssetReadOptions.Default));
    }

    [Fact]
    public void Read_StoreAfterTheFirstImage_NotTheAssetsStore()
    {
        byte[] input = File.ReadAllBytes(MiscMedia.AnimatedGif());
        byte[] block = new GifHandler().EncodeStore(FakeStore(100));
        byte[] late = [.. input[..^1], .. block, 0x3B];

        Assert.Null(new GifHandler().ReadManifestStore(new MemoryStream(late), AssetReadOptions.Default));
    }

    [Fact]
    public void Read_TwoStores_Refused()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.gif"));
        (byte[] signed, EmbeddingPlan plan) = Embed(new GifHandler(), input, FakeStore(100));
        int end = (int)plan.StoreRange!.Value.End;
        byte[] twice = [.. signed[..end], .. signed[(int)plan.StoreRange.Value.Start..end], .. signed[end..]];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new GifHandler().ReadManifestStore(new MemoryStream(twice), AssetReadOptions.Default));
        Assert.Equal(FormatLayer.Gif, ex.Layer);
    }

    [Fact]
    public void Read_DamageAfterTheStore_StoreStillReadButNotRewritten()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.gif"));
        byte[] store = FakeStore(500);
        (byte[] signed, EmbeddingPlan plan) = Embed(new GifHandler(), input, store);
        signed[(int)plan.StoreRange!.Value.End] = 0x99; // not a block introducer

        Assert.Equal(store, new GifHandler().ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!.Store);
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new GifHandler().PlanEmbedding(new MemoryStream(signed), 100, AssetReadOptions.Default));
        Assert.Equal(plan.StoreRange.Value.End, ex.Offset);
    }

    [Fact]
    public void Read_StoreOverTheLimit_Refused()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.gif"));
        (byte[] signed, _) = Embed(new GifHandler(), input, FakeStore(5000));

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new GifHandler().ReadManifestStore(new MemoryStream(signed), new AssetReadOptions { MaxManifestStoreSize = 4096 }));
        Assert.Equal(FormatLayer.Gif, ex.Layer);
    }

    [Fact]
    public void Read_Hostile_RefusedWithLayerAndOffset()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.gif"));
        (byte[] signed, EmbeddingPlan plan) = Embed(new GifHandler(), input, FakeStore(3000));
        AssertPrefixesFailCleanly(new GifHandler(), signed);

        // A global color table bigger than the file, and a block introducer that is not one.
        byte[] header = [.. "GIF89a"u8, 1, 0, 1, 0, 0x87, 0, 0];
        ProvenanceFormatException table = Assert.Throws<ProvenanceFormatException>(() => new GifHandler().ReadManifestStore(new MemoryStream(header), AssetReadOptions.Default));
        Assert.Equal(FormatLayer.Gif, table.Layer);
        byte[] bad = [.. header[..10], 0, 0, 0, 0x99];
        ProvenanceFormatException intro = Assert.Throws<ProvenanceFormatException>(() => new GifHandler().ReadManifestStore(new MemoryStream(bad), AssetReadOptions.Default));
        Assert.Equal(13, intro.Offset);
        Assert.Throws<ProvenanceFormatException>(() => new GifHandler().ReadManifestStore(new MemoryStream(signed[..(int)(plan.StoreRange!.Value.End - 1)]), AssetReadOptions.Default));
    }

    [Theory]
    [InlineData("fixture:formats/sample1.gif")]
    [InlineData("ffmpeg:animated")]
    public async Task Sign_ProvenanceVerifiesAndCatchesAChangedPixelByte(string source)
        => await AssertSignVerifyTamper(Resolve(source));

    [Theory]
    [InlineData("fixture:formats/sample1.gif")]
    [InlineData("ffmpeg:animated")]
    public async Task Sign_OutputDecodesToTheSameFrames(string source)
        => await AssertSignedDecodesLikeInput(Resolve(source));

    internal static string Resolve(string source) => source switch
    {
        "ffmpeg:animated" => MiscMedia.AnimatedGif(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };
}
