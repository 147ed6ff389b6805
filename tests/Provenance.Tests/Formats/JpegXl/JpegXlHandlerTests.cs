using Provenance.Formats;
using Provenance.Formats.JpegXl;
using Provenance.Hashing;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats.JpegXl;

/// <summary>
/// The JPEG XL handler (C2PA 2.3 §A.3.9, placement as c2pa-rs's jpegxl_io.rs): one top-level <c>jumb</c> box labelled
/// c2pa, after ftyp, replaced where it stands; other <c>jumb</c> boxes left alone; a bare codestream refused for signing.
/// </summary>
public class JpegXlHandlerTests
{
    public static TheoryData<string> Containers() => ["fixture:formats/sample1.jxl", "ffmpeg:container"];

    [Theory]
    [MemberData(nameof(Containers))]
    public void Detect_ContainerAndBareCodestream_ImageJxl(string source)
    {
        Assert.Same(JpegXlFormat.Instance, AssetFormats.Detect(new MemoryStream(JpegXlFiles.Read(source)), out string mime));
        Assert.Equal("image/jxl", mime);
        Assert.Same(JpegXlFormat.Instance, AssetFormats.Detect(new MemoryStream(File.ReadAllBytes(Media.TestMedia.JxlCodestream()))));
        Assert.Same(JpegXlFormat.Instance, AssetFormats.FromExtension(".jxl"));
        Assert.False(JpegXlFormat.Instance.TryDetect([0, 0, 0, 12, .. "JXL "u8, 0x0D, 0x0A, 0x87, 0x0B], out _));
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void Read_Unsigned_None(string source)
        => Assert.Null(new JpegXlHandler().ReadManifestStore(new MemoryStream(JpegXlFiles.Read(source)), AssetReadOptions.Default));

    [Fact]
    public void Read_BareCodestream_None()
        => Assert.Null(new JpegXlHandler().ReadManifestStore(new MemoryStream(File.ReadAllBytes(Media.TestMedia.JxlCodestream())), AssetReadOptions.Default));

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task Embed_Store_AfterFtypReadsBackAndRemovalRestoresTheFile(string source)
    {
        byte[] input = JpegXlFiles.Read(source);
        byte[] store = JpegXlFiles.Store(4000);

        (byte[] signed, EmbeddingPlan plan) = await EmbedAsync(input, store);
        byte[] removed = await RemoveAsync(signed);

        EmbeddedManifestStore found = new JpegXlHandler().ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
        Assert.Equal(store, found.Store);
        Assert.Equal(new ExclusionRange(32, store.Length), found.Range);
        Assert.Equal(plan.StoreRange, found.Range);
        // Everything else is the input, in order: signature and ftyp before the store, the rest after it.
        Assert.Equal(input[..32], signed[..32]);
        Assert.Equal(input[32..], signed[(32 + store.Length)..]);
        Assert.Equal(input, removed);
    }

    [Fact]
    public async Task Embed_IntoSignedFile_ReplacesTheStoreWhereItStands()
    {
        // A store placed after an Exif box (by another writer): the new one takes its place, not a place after ftyp.
        byte[] exif = JpegXlFiles.Box("Exif", [0, 0, 0, 0, .. "MM"u8, 0, 42, 0, 0, 0, 8]);
        byte[] codestream = JpegXlFiles.Box("jxlc", File.ReadAllBytes(Media.TestMedia.JxlCodestream()));
        byte[] old = JpegXlFiles.Store(900);
        byte[] input = [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, .. exif, .. old, .. codestream];
        byte[] store = JpegXlFiles.Store(300);

        (byte[] signed, _) = await EmbedAsync(input, store);

        Assert.Equal([.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, .. exif, .. store, .. codestream], signed);
    }

    [Fact]
    public async Task Embed_OtherJumbBoxes_KeptAndNotTakenForTheStore()
    {
        // A jumb box labelled other than c2pa (Exif or XMP in JUMBF) is not the manifest store.
        byte[] other = JpegXlFiles.Store(500, "exif");
        byte[] codestream = JpegXlFiles.Box("jxlc", File.ReadAllBytes(Media.TestMedia.JxlCodestream()));
        byte[] input = [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, .. other, .. codestream];
        Assert.Null(new JpegXlHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
        byte[] store = JpegXlFiles.Store(300);

        (byte[] signed, _) = await EmbedAsync(input, store);

        Assert.Equal([.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, .. store, .. other, .. codestream], signed);
        Assert.Equal(store, new JpegXlHandler().ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!.Store);
    }

    [Fact]
    public async Task Embed_CodestreamBeforeFtyp_StoreGoesBeforeTheCodestream()
    {
        // c2pa-rs's rule is "after ftyp or before the first jxlc/jxlp, whichever comes first".
        byte[] codestream = JpegXlFiles.Box("jxlc", File.ReadAllBytes(Media.TestMedia.JxlCodestream()));
        byte[] level = JpegXlFiles.Box("jxll", [5]);
        byte[] input = [.. JpegXlFiles.Signature, .. level, .. codestream, .. JpegXlFiles.Ftyp];
        byte[] store = JpegXlFiles.Store(300);

        (byte[] signed, _) = await EmbedAsync(input, store);

        Assert.Equal([.. JpegXlFiles.Signature, .. level, .. store, .. codestream, .. JpegXlFiles.Ftyp], signed);
    }

    [Fact]
    public void Read_TwoStores_FormatError()
    {
        byte[] input = [.. JpegXlFiles.Read("ffmpeg:container"), .. JpegXlFiles.Store(300), .. JpegXlFiles.Store(400)];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new JpegXlHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));

        Assert.Equal(FormatLayer.JpegXl, ex.Layer);
        Assert.Contains("more than one", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ProvenanceFormatException>(() => new JpegXlHandler().PlanEmbedding(new MemoryStream(input), 100, AssetReadOptions.Default));
    }

    [Fact]
    public void Read_StoreLargerThanTheLimit_FormatError()
    {
        byte[] input = [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, .. JpegXlFiles.Store(5000)];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new JpegXlHandler().ReadManifestStore(new MemoryStream(input), new AssetReadOptions { MaxManifestStoreSize = 4096 }));

        Assert.Equal((FormatLayer.JpegXl, 32L), (ex.Layer, ex.Offset));
    }

    [Fact]
    public void PlanEmbedding_BareCodestream_UnsupportedNamingTheContainer()
    {
        byte[] input = File.ReadAllBytes(Media.TestMedia.JxlCodestream());

        UnsupportedFormatException ex = Assert.Throws<UnsupportedFormatException>(() => new JpegXlHandler().PlanEmbedding(new MemoryStream(input), 100, AssetReadOptions.Default));

        Assert.Equal(FormatLayer.JpegXl, ex.Layer);
        Assert.Contains("bare JPEG XL codestream", ex.Message, StringComparison.Ordinal);
        Assert.Contains("container", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> Hostile() => new()
    {
        // A box whose size runs past the end of the file.
        { "past the end", [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, 0xFF, 0xFF, 0xFF, 0x00, .. "jxlc"u8, 1, 2, 3], "runs past the end" },
        // A 64-bit size past any file.
        { "huge 64-bit size", [.. JpegXlFiles.Signature, 0, 0, 0, 1, .. "jxlc"u8, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "runs past the end" },
        // A size smaller than the header.
        { "size 4", [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, 0, 0, 0, 4, .. "jxlc"u8], "less than its 8-byte header" },
        // A header cut off after 5 bytes.
        { "cut-off header", [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, 0, 0, 0, 9, 0x6A], "cut off" },
        // A 64-bit size field cut off.
        { "cut-off 64-bit size", [.. JpegXlFiles.Signature, 0, 0, 0, 1, .. "jxlc"u8, 0, 0], "cut-off 64-bit size" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Plan_HostileBoxes_FormatErrorNamingWhatAndWhere(string name, byte[] input, string expected)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new JpegXlHandler().PlanEmbedding(new MemoryStream(input), 100, AssetReadOptions.Default));

        Assert.Equal(FormatLayer.JpegXl, ex.Layer);
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{name}: {ex.Message}");
        Assert.StartsWith("JPEG XL: ", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Offset, 12, input.Length);
        Assert.Throws<ProvenanceFormatException>(() => new JpegXlHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
    }

    [Fact]
    public void Read_DamageAfterTheStore_StoreStillRead()
    {
        byte[] store = JpegXlFiles.Store(300);
        byte[] input = [.. JpegXlFiles.Signature, .. JpegXlFiles.Ftyp, .. store, 0, 0, 0, 0xFF, .. "jxlc"u8, 1, 2];

        Assert.Equal(store, new JpegXlHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default)!.Store);
    }

    private static async Task<(byte[] Output, EmbeddingPlan Plan)> EmbedAsync(byte[] input, byte[] store)
    {
        var handler = new JpegXlHandler();
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        return (output.ToArray(), plan);
    }

    private static async Task<byte[]> RemoveAsync(byte[] input)
    {
        var handler = new JpegXlHandler();
        EmbeddingPlan plan = handler.PlanRemoval(new MemoryStream(input), AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty);
        return output.ToArray();
    }
}
