using System.Text;
using Provenance.Formats;
using Provenance.Formats.Id3;
using Provenance.Tests.Media;
using static Provenance.Tests.Formats.FormatTestKit;

namespace Provenance.Tests.Formats.Id3;

/// <summary>MP3 and FLAC, whose stores both travel in an ID3v2 GEOB frame (C2PA 2.2 §A.3.9, as c2pa-rs writes FLAC).</summary>
public class Id3AudioHandlerTests
{
    public static TheoryData<string, int> InputsAndStoreSizes() => new()
    {
        { "fixture:formats/sample1.mp3", 100 }, { "fixture:formats/sample1.mp3", 300_000 }, { "ffmpeg:mp3", 5000 },
        { "ffmpeg:mp3-v23", 5000 }, { "ffmpeg:mp3-notag", 5000 }, { "fixture:formats/sample1.flac", 5000 }, { "ffmpeg:flac", 200_000 },
    };

    [Theory]
    [MemberData(nameof(InputsAndStoreSizes))]
    public void Embed_FakeStore_ReadsBackReplacesAndRemoves(string source, int storeSize)
    {
        byte[] input = File.ReadAllBytes(Resolve(source));
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();

        Assert.IsType(source.Contains("flac", StringComparison.Ordinal) ? typeof(FlacHandler) : typeof(Mp3Handler), handler);
        byte[] signed = AssertEmbedReplaceRemove(handler, input, storeSize, FramesAndAudio);
        Assert.Same(handler.Format, AssetFormats.Detect(signed));
    }

    [Fact]
    public void Detect_FlacAfterAnId3Tag_IsFlac()
    {
        byte[] flac = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.flac"));
        (byte[] tagged, _) = Embed(new FlacHandler(), flac, FakeStore(1000));

        Assert.Equal("ID3"u8.ToArray(), tagged[..3]);
        Assert.Same(FlacFormat.Instance, AssetFormats.Detect(tagged));
        Assert.Same(Mp3Format.Instance, AssetFormats.Detect(File.ReadAllBytes(MiscMedia.Mp3WithoutTag())));
        Assert.Null(AssetFormats.Detect([0xFF, 0xF1, 0x50, 0x80])); // ADTS AAC: layer bits 00
    }

    [Fact]
    public void Embed_KeepsOtherFramesAndVersion_AppendsGeobAsC2paRsWritesIt()
    {
        byte[] input = File.ReadAllBytes(MiscMedia.Mp3Id3v23());
        Id3Tag before = Id3Tag.Read(new MemoryStream(input), AssetReadOptions.Default, default)!;
        Assert.Equal(3, before.Major);
        byte[] store = FakeStore(1000);

        (byte[] output, EmbeddingPlan plan) = Embed(new Mp3Handler(), input, store);

        Id3Tag after = Id3Tag.Read(new MemoryStream(output), AssetReadOptions.Default, default)!;
        Assert.Equal(3, after.Major);
        Assert.Equal([.. before.Frames.Select(f => f.Id), "GEOB"], after.Frames.Select(f => f.Id));
        foreach ((Id3Frame old, Id3Frame kept) in before.Frames.Zip(after.Frames))
        {
            Assert.Equal(input[(int)old.Offset..(int)old.End], output[(int)kept.Offset..(int)kept.End]);
        }

        Id3Frame geob = after.Frames[^1];
        byte[] content = output[(int)geob.DataOffset..(int)geob.End];
        Assert.Equal(Encoding.Latin1.GetBytes("\u0003application/c2pa\0c2pa\0c2pa manifest store\0"), content[..(content.Length - store.Length)]);
        Assert.Equal(plan.StoreRange!.Value.Start, geob.End - store.Length);
        Assert.Equal(input[(int)before.End..], output[(int)after.End..]);
    }

    [Fact]
    public void Embed_NoTag_NewId3v24TagWithSyncsafeSizes()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.flac"));
        byte[] store = FakeStore(300);

        (byte[] output, _) = Embed(new FlacHandler(), input, store);

        // Tag size 10 + 43 + store, frame size 43 + store (encoding, three strings), seven bits a byte (ID3v2.4 structure §6.2).
        int frame = 43 + store.Length;
        Assert.Equal([(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, (byte)((frame + 10) >> 7), (byte)((frame + 10) & 0x7F)], output[..10]);
        Assert.Equal([(byte)'G', (byte)'E', (byte)'O', (byte)'B', 0, 0, (byte)(frame >> 7), (byte)(frame & 0x7F), 0, 0], output[10..20]);
        Assert.Equal(input, output[(20 + frame)..]);
    }

    [Fact]
    public void Read_DeprecatedMimeType_Found()
    {
        byte[] store = FakeStore(200);
        byte[] content = [3, .. "application/x-c2pa-manifest-store\0c2pa\0\0"u8, .. store];
        byte[] input = File.ReadAllBytes(MiscMedia.Mp3WithoutTag());
        byte[] tagged = [.. Tag(4, Frame("GEOB", content)), .. input];

        EmbeddedManifestStore found = new Mp3Handler().ReadManifestStore(new MemoryStream(tagged), AssetReadOptions.Default)!;

        Assert.Equal(store, found.Store);
        Assert.Equal(tagged.Length - input.Length - store.Length, found.Range.Start);
    }

    [Fact]
    public void Read_CompressionUnderflowFixture_NoStoreAndSignsSafely()
    {
        // c2pa-rs fixture: an ID3v2.3 TIT2 frame flagged compressed whose body is shorter than its 4-byte size prefix.
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/id3v23_compression_underflow.mp3"));

        Assert.Null(new Mp3Handler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
        byte[] signed = AssertEmbedReplaceRemove(new Mp3Handler(), input, 500, FramesAndAudio);
        Assert.Equal(input[10..20], signed[10..20]); // the odd frame is kept as it was
    }

    [Fact]
    public void Read_Hostile_RefusedWithLayerAndOffset()
    {
        byte[] audio = File.ReadAllBytes(MiscMedia.Mp3WithoutTag());
        (byte[] signed, _) = Embed(new Mp3Handler(), File.ReadAllBytes(MiscMedia.Mp3()), FakeStore(3000));
        AssertPrefixesFailCleanly(new Mp3Handler(), signed);
        AssertPrefixesFailCleanly(new FlacHandler(), Embed(new FlacHandler(), File.ReadAllBytes(TestPaths.Fixture("formats/sample1.flac"))[..5000], FakeStore(3000)).Output);

        byte[] tagPastEnd = [.. "ID3"u8, 4, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F, .. audio[..100]];
        AssertRefused(tagPastEnd, 6);
        byte[] notSyncsafe = [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0x80, .. audio];
        AssertRefused(notSyncsafe, 6);
        byte[] version5 = [.. "ID3"u8, 5, 0, 0, 0, 0, 0, 0, .. audio];
        AssertRefused(version5, 3);
        byte[] framePastTag = [.. Tag(3, [.. "TIT2"u8, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, .. "x"u8]), .. audio];
        AssertRefused(framePastTag, 10);
        byte[] badId = [.. Tag(3, [.. "ti t"u8, 0, 0, 0, 1, 0, 0, 0]), .. audio];
        AssertRefused(badId, 10);
        byte[] unterminated = [.. Tag(4, Frame("GEOB", [3, .. "application/c2pa\0c2pa"u8])), .. audio];
        AssertRefused(unterminated, 20);
        byte[] twoStores = [.. Tag(4, [.. Frame("GEOB", [3, .. "application/c2pa\0\0\0"u8, 1]), .. Frame("GEOB", [3, .. "application/c2pa\0\0\0"u8, 2])]), .. audio];
        AssertRefused(twoStores, 10 + 10 + 21);
        AssertRefused([.. "RIFF"u8, .. audio], 0);
    }

    [Fact]
    public void Plan_UnsupportedTagsForRewriting_Refused()
    {
        byte[] audio = File.ReadAllBytes(MiscMedia.Mp3WithoutTag());
        byte[] v22 = [.. Tag(2, [.. "TT2"u8, 0, 0, 2, 0, (byte)'x']), .. audio];
        byte[] unsynchronised = [.. "ID3"u8, 3, 0, 0x80, 0, 0, 0, 11, .. "TIT2"u8, 0, 0, 0, 1, 0, 0, 0, .. audio];

        Assert.Null(new Mp3Handler().ReadManifestStore(new MemoryStream(v22), AssetReadOptions.Default));
        Assert.Equal(FormatLayer.Id3, Assert.Throws<ProvenanceFormatException>(() => new Mp3Handler().PlanEmbedding(new MemoryStream(v22), 100, AssetReadOptions.Default)).Layer);
        Assert.Equal(FormatLayer.Id3, Assert.Throws<ProvenanceFormatException>(() => new Mp3Handler().PlanEmbedding(new MemoryStream(unsynchronised), 100, AssetReadOptions.Default)).Layer);
        Assert.Equal(v22, Strip(new Mp3Handler(), v22)); // nothing to remove: left as it is
    }

    [Fact]
    public void Read_StoreOverTheLimit_Refused()
    {
        (byte[] signed, _) = Embed(new Mp3Handler(), File.ReadAllBytes(MiscMedia.Mp3()), FakeStore(5000));

        Assert.Equal(FormatLayer.Id3, Assert.Throws<ProvenanceFormatException>(() => new Mp3Handler().ReadManifestStore(new MemoryStream(signed), new AssetReadOptions { MaxManifestStoreSize = 4096 })).Layer);
    }

    [Theory]
    [InlineData("fixture:formats/sample1.mp3")]
    [InlineData("ffmpeg:mp3-v23")]
    [InlineData("fixture:formats/sample1.flac")]
    public async Task Sign_ProvenanceVerifiesAndCatchesAChangedAudioByte(string source)
        => await AssertSignVerifyTamper(Resolve(source));

    [Theory]
    [InlineData("fixture:formats/sample1.mp3")]
    [InlineData("ffmpeg:mp3-notag")]
    [InlineData("fixture:formats/sample1.flac")]
    [InlineData("ffmpeg:flac")]
    public async Task Sign_OutputDecodesToTheSameAudio(string source)
        => await AssertSignedDecodesLikeInput(Resolve(source));

    internal static string Resolve(string source) => source switch
    {
        "ffmpeg:mp3" => MiscMedia.Mp3(),
        "ffmpeg:mp3-v23" => MiscMedia.Mp3Id3v23(),
        "ffmpeg:mp3-notag" => MiscMedia.Mp3WithoutTag(),
        "ffmpeg:flac" => MiscMedia.Flac(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };

    // What removal keeps: the tag's frames, byte for byte, and the audio after the tag.
    private static byte[] FramesAndAudio(byte[] asset)
    {
        Id3Tag? tag = Id3Tag.Read(new MemoryStream(asset), AssetReadOptions.Default, default);
        return [.. (tag?.Frames ?? []).SelectMany(f => asset[(int)f.Offset..(int)f.End]), .. asset[(int)(tag?.End ?? 0)..]];
    }

    private static void AssertRefused(byte[] asset, long offset)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new Mp3Handler().ReadManifestStore(new MemoryStream(asset), AssetReadOptions.Default));
        Assert.Equal(FormatLayer.Id3, ex.Layer);
        Assert.Equal(offset, ex.Offset);
    }

    private static byte[] Frame(string id, byte[] content)
    {
        byte[] header = [.. Encoding.ASCII.GetBytes(id), 0, 0, 0, 0, 0, 0];
        Id3Tag.WriteSyncsafe(header.AsSpan(4), content.Length);
        return [.. header, .. content];
    }

    private static byte[] Tag(byte major, byte[] frames)
    {
        byte[] header = [.. "ID3"u8, major, 0, 0, 0, 0, 0, 0];
        Id3Tag.WriteSyncsafe(header.AsSpan(6), frames.Length);
        return [.. header, .. frames];
    }
}
