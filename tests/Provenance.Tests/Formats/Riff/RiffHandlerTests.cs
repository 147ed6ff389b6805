using System.Buffers.Binary;
using Provenance.Formats;
using Provenance.Formats.Riff;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats.Riff;

public class RiffHandlerTests
{
    public static TheoryData<string, string> Inputs() => RiffMedia.All();

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Detect_ByContent_NamesTheForm(string source, string mimeType)
    {
        using FileStream stream = File.OpenRead(RiffMedia.Resolve(source));

        Assert.Same(RiffFormat.Instance, AssetFormats.Detect(stream, out string detected));
        Assert.Equal(mimeType, detected);
        Assert.Contains(mimeType, RiffFormat.Instance.MimeTypes);
    }

    [Fact]
    public void Detect_OtherRiffForms_NotRecognised()
    {
        Assert.Null(AssetFormats.Detect("RIFF\u0004\0\0\0RMID"u8));
        Assert.Null(AssetFormats.Detect("RIFX\u0004\0\0\0WAVE"u8));
        Assert.Same(RiffFormat.Instance, AssetFormats.FromMimeType("audio/x-wav"));
        Assert.Same(RiffFormat.Instance, AssetFormats.FromMimeType("video/x-msvideo"));
        Assert.Same(RiffFormat.Instance, AssetFormats.FromExtension(".avi"));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Read_Unsigned_NoStore(string source, string mimeType)
    {
        _ = mimeType;
        using FileStream stream = File.OpenRead(RiffMedia.Resolve(source));

        Assert.Null(new RiffHandler().ReadManifestStore(stream, AssetReadOptions.Default));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Embed_OddAndEvenStores_ReadBackAndRemoveToTheInput(string source, string mimeType)
    {
        _ = mimeType;
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve(source));
        var handler = new RiffHandler();
        bool simpleWebp = input.AsSpan(12, 4).SequenceEqual("VP8 "u8) || input.AsSpan(12, 4).SequenceEqual("VP8L"u8);
        foreach (int size in new[] { 1001, 1000 })
        {
            byte[] store = FakeStore(size);

            byte[] signed = await EmbedAsync(handler, input, store);

            EmbeddedManifestStore found = handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
            Assert.Equal(store, found.Store);
            Assert.Equal(handler.PlanEmbedding(new MemoryStream(input), size, AssetReadOptions.Default).StoreRange, found.Range);
            Assert.Equal(8 + size, found.Range.Length);
            Assert.Equal(signed.Length - (size & 1), found.Range.End); // the store (and its pad byte) closes the RIFF chunk
            Assert.Equal((uint)(signed.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(signed.AsSpan(4)));
            if ((size & 1) != 0)
            {
                Assert.Equal(0, signed[^1]);
            }

            byte[] removed = await RemoveAsync(handler, signed);
            Assert.Equal(simpleWebp ? WithVp8x(input, signed[12..30]) : input, removed);
        }
    }

    [Theory]
    [InlineData("fixture:formats/test.webp", false)]
    [InlineData("fixture:sample1.webp", false)]
    [InlineData("fixture:formats/test_lossless.webp", false)]
    [InlineData("ffmpeg:webp", false)]
    [InlineData("ffmpeg:webp-alpha", true)]
    public async Task Embed_SimpleWebp_GainsVp8xWithTheImageCanvas(string source, bool alpha)
    {
        string path = RiffMedia.Resolve(source);
        byte[] input = File.ReadAllBytes(path);

        byte[] signed = await EmbedAsync(new RiffHandler(), input, FakeStore(500));

        Assert.Equal("VP8X"u8.ToArray(), signed[12..16]);
        Assert.Equal(10u, BinaryPrimitives.ReadUInt32LittleEndian(signed.AsSpan(16)));
        Assert.Equal(alpha ? 0x10 : 0, signed[20]);
        (int width, int height) = FfmpegMedia.Dimensions(path);
        Assert.Equal(width - 1, signed[24] | (signed[25] << 8) | (signed[26] << 16));
        Assert.Equal(height - 1, signed[27] | (signed[28] << 8) | (signed[29] << 16));
        Assert.Equal(input[12..], signed[30..(30 + input.Length - 12)]); // the image chunk follows unchanged
    }

    [Theory]
    [InlineData("fixture:formats/test_xmp.webp")]
    [InlineData("fixture:mars.webp")]
    public async Task Embed_ExtendedWebp_KeepsItsVp8x(string source)
    {
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve(source));

        byte[] signed = await EmbedAsync(new RiffHandler(), input, FakeStore(500));

        Assert.Equal(input[8..], signed[8..input.Length]);
        Assert.Equal(input.Length + 8 + 500, signed.Length);
    }

    [Fact]
    public async Task Embed_AlreadyEmbedded_ReplacesTheStore()
    {
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve("fixture:formats/sample1.wav"));
        var handler = new RiffHandler();
        byte[] once = await EmbedAsync(handler, input, FakeStore(3001));

        byte[] twice = await EmbedAsync(handler, once, FakeStore(2000));

        Assert.Equal(input.Length + 8 + 2000, twice.Length);
        Assert.Equal(FakeStore(2000), handler.ReadManifestStore(new MemoryStream(twice), AssetReadOptions.Default)!.Store);
        Assert.Equal(input[8..], twice[8..input.Length]);
    }

    [Fact]
    public async Task Embed_StoreBeforeOtherChunks_MovesToTheEnd()
    {
        // A C2PA chunk that is not last (another writer's choice) is dropped where it is; the new one closes the RIFF chunk.
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve("fixture:formats/sample1.wav"));
        byte[] chunk = new RiffHandler().EncodeStore(FakeStore(100));
        byte[] early = [.. input[..12], .. chunk, .. input[12..]];
        BinaryPrimitives.WriteUInt32LittleEndian(early.AsSpan(4), (uint)(early.Length - 8));

        byte[] signed = await EmbedAsync(new RiffHandler(), early, FakeStore(200));

        Assert.Equal(input[12..], signed[12..input.Length]);
        Assert.Equal(input.Length + 208, signed.Length);
    }

    [Fact]
    public void Read_NestingBomb_RefusedNamingTheDepth()
    {
        // c2pa-rs fixture riff_bomb_1000.wav: 1,000 LIST chunks, each inside the previous one.
        byte[] bomb = File.ReadAllBytes(TestPaths.Fixture("formats/riff_bomb_1000.wav"));
        var handler = new RiffHandler();

        ProvenanceFormatException read = Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(bomb), AssetReadOptions.Default));
        ProvenanceFormatException plan = Assert.Throws<ProvenanceFormatException>(() => handler.PlanEmbedding(new MemoryStream(bomb), 100, AssetReadOptions.Default));

        Assert.Equal(FormatLayer.Riff, read.Layer);
        Assert.Contains("nested deeper than 32", read.Message, StringComparison.Ordinal);
        Assert.Equal(read.Message, plan.Message);
        Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(bomb), new AssetReadOptions { MaxBoxDepth = 1000 })); // 1,001 with the RIFF chunk
        Assert.Null(handler.ReadManifestStore(new MemoryStream(bomb), new AssetReadOptions { MaxBoxDepth = 1001 }));
    }

    [Fact]
    public void Read_ForgedStoreSize_RefusedBeforeAllocating()
    {
        // c2pa-rs riff_io.rs test_read_cai_forged_c2pa_chunk_size_returns_error: a C2PA chunk that claims 4 GiB in a 20-byte file.
        byte[] forged = [.. "RIFF"u8, 12, 0, 0, 0, .. "WAVE"u8, .. "C2PA"u8, 0xFF, 0xFF, 0xFF, 0xFF];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().ReadManifestStore(new MemoryStream(forged), AssetReadOptions.Default));

        Assert.Equal(12, ex.Offset);
        Assert.Contains("'C2PA' declares 4294967295 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChildPastItsList_RefusedAtTheChild()
    {
        // A LIST of 16 bytes holding a chunk that claims 100: the RIFF size is right, the nesting is not.
        byte[] file = [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVE"u8, .. "LIST"u8, 16, 0, 0, 0, .. "INFO"u8, .. "ISFT"u8, 100, 0, 0, 0, .. "abcd"u8, .. "pad!"u8, .. "junk"u8];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().PlanEmbedding(new MemoryStream(file), 10, AssetReadOptions.Default));

        Assert.Equal(24, ex.Offset);
        Assert.Contains("only 4 are left", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooManyChunks_Refused()
    {
        int count = AssetReadOptions.Default.MaxContainerEntries + 1;
        byte[] file = new byte[12 + (8L * count)];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        "WAVE"u8.CopyTo(file.AsSpan(8));
        for (int i = 0; i < count; i++)
        {
            "JUNK"u8.CopyTo(file.AsSpan(12 + (8 * i)));
        }

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));

        Assert.Contains($"more than {AssetReadOptions.Default.MaxContainerEntries} chunks", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(AssetReadOptions.MaxContainerEntries), ex.Message, StringComparison.Ordinal);
        Assert.Equal(12 + (8L * AssetReadOptions.Default.MaxContainerEntries), ex.Offset);
    }

    [Fact]
    public async Task Read_TwoStores_Refused()
    {
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve("fixture:formats/test.avi"));
        byte[] signed = await EmbedAsync(new RiffHandler(), input, FakeStore(100));
        byte[] second = new RiffHandler().EncodeStore(FakeStore(100));
        byte[] doubled = [.. signed, .. second];
        BinaryPrimitives.WriteUInt32LittleEndian(doubled.AsSpan(4), (uint)(doubled.Length - 8));

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().ReadManifestStore(new MemoryStream(doubled), AssetReadOptions.Default));

        Assert.Equal(signed.Length, ex.Offset);
        Assert.Contains("more than one C2PA chunk", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StoreOverTheLimit_Refused()
    {
        byte[] file = [.. "RIFF"u8, 24, 0, 0, 0, .. "WAVE"u8, .. "C2PA"u8, 12, 0, 0, 0, .. new byte[12]];

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().ReadManifestStore(new MemoryStream(file), new AssetReadOptions { MaxManifestStoreSize = 11 }));

        Assert.Contains("11-byte limit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13u, "odd")]
    [InlineData(2u, "too small")]
    [InlineData(1000u, "truncated")]
    public void Read_BadRiffSize_Refused(uint size, string expected)
    {
        byte[] file = [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "JUNK"u8, 1, 0, 0, 0, 7, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), size);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));

        Assert.Equal(4, ex.Offset);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CorruptVp8Header_Refused()
    {
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve("fixture:formats/test.webp"));
        input[20 + 3] = 0; // the start code 9D 01 2A

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new RiffHandler().PlanEmbedding(new MemoryStream(input), 100, AssetReadOptions.Default));

        Assert.Equal(20, ex.Offset);
        Assert.Contains("key frame", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixture:formats/sample1.wav")]
    [InlineData("fixture:formats/test.avi")]
    [InlineData("fixture:formats/test.webp")]
    public void Read_Truncated_OnlyFormatErrors(string source)
    {
        byte[] input = File.ReadAllBytes(RiffMedia.Resolve(source));
        var handler = new RiffHandler();
        for (int length = 0; length < input.Length; length += Math.Max(1, length / 3))
        {
            Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(input[..length]), AssetReadOptions.Default));
            Assert.Throws<ProvenanceFormatException>(() => handler.PlanEmbedding(new MemoryStream(input[..length]), 100, AssetReadOptions.Default));
        }
    }

    private static async Task<byte[]> EmbedAsync(RiffHandler handler, byte[] input, byte[] store)
    {
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        Assert.Equal(plan.OutputLength, output.Length);
        return output.ToArray();
    }

    private static async Task<byte[]> RemoveAsync(RiffHandler handler, byte[] input)
    {
        EmbeddingPlan plan = handler.PlanRemoval(new MemoryStream(input), AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty);
        return output.ToArray();
    }

    // The input as a simple WebP becomes: its header with the size grown by the VP8X chunk, the chunk, then the rest.
    private static byte[] WithVp8x(byte[] input, byte[] vp8x)
    {
        byte[] expected = [.. input[..12], .. vp8x, .. input[12..]];
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(4), (uint)(expected.Length - 8));
        return expected;
    }

    private static byte[] FakeStore(int size)
    {
        // A manifest store superbox (jumb + jumd labelled "c2pa") around one free box: 46 bytes of boxes around the payload.
        byte[] payload = new byte[size - 46];
        new Random(size).NextBytes(payload);
        byte[] store = new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
        Assert.Equal(size, store.Length);
        return store;
    }
}
