using System.Buffers.Binary;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats.Bmff;

public class BmffHandlerTests
{
    public static TheoryData<string> Inputs() => ["fixture:video1_no_manifest.mp4", "fixture:c.mov", "fixture:sample1.m4a", "ffmpeg:mp4", "ffmpeg:mov", "ffmpeg:m4a"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Embed_FakeStore_ReadsBackAndEveryChunkOffsetStillPointsAtItsSamples(string source)
    {
        byte[] input = File.ReadAllBytes(Resolve(source));
        var handler = new BmffHandler();
        byte[] store = FakeStore(5000);

        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        byte[] signed = output.ToArray();

        EmbeddedManifestStore found = handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
        Assert.Equal(store, found.Store);
        Assert.Equal(plan.StoreRange, found.Range);
        List<(long Offset, int Length)> before = ChunkSamples(input);
        List<(long Offset, int Length)> after = ChunkSamples(signed);
        Assert.NotEmpty(before);
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(input.AsSpan((int)before[i].Offset, 16).ToArray(), signed.AsSpan((int)after[i].Offset, 16).ToArray());
        }
    }

    [Fact]
    public async Task Embed_IntoSignedFile_ReplacesTheStore()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("video1.mp4"));
        var handler = new BmffHandler();
        byte[] store = FakeStore(100);
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));

        List<BmffBox> boxes = BmffReader.Open(new MemoryStream(output.ToArray()), AssetReadOptions.Default).ReadTree(32, default);

        Assert.Single(boxes, C2paUuidBox.IsC2pa);
        Assert.Equal("ftyp", boxes[0].Type.ToString());
        Assert.True(C2paUuidBox.IsC2pa(boxes[1]));
    }

    [Fact]
    public void Detect_Brands_GiveMimeTypes()
    {
        Assert.True(BmffFormat.Instance.TryDetect(File.ReadAllBytes(TestPaths.Fixture("c.mov")).AsSpan(0, 32), out string mov));
        Assert.True(BmffFormat.Instance.TryDetect(File.ReadAllBytes(TestPaths.Fixture("sample1.m4a")).AsSpan(0, 32), out string m4a));
        Assert.True(BmffFormat.Instance.TryDetect(File.ReadAllBytes(TestPaths.Fixture("video1.mp4")).AsSpan(0, 32), out string mp4));
        Assert.Equal(("video/quicktime", "audio/mp4", "video/mp4"), (mov, m4a, mp4));
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]  // a box past the end of the file
    [InlineData(3u)]           // a box smaller than its header
    public void Read_BadTopLevelSize_FormatError(uint size)
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4"));
        int second = (int)BinaryPrimitives.ReadUInt32BigEndian(input);
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(second), size);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
        Assert.Equal(FormatLayer.Bmff, ex.Layer);
    }

    [Fact]
    public void Read_OverflowingLargeSize_FormatError()
    {
        byte[] input = [0, 0, 0, 12, .. "ftyp"u8, .. "isom"u8, 0, 0, 0, 1, .. "mdat"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0];

        Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
    }

    [Fact]
    public void ReadAndPlan_ThousandNestedBoxes_StopAtDepthLimit()
    {
        byte[] nested = [];
        for (int i = 0; i < 1000; i++)
        {
            nested = [.. BigEndian(8 + nested.Length), .. "moov"u8, .. nested];
        }

        byte[] input = [0, 0, 0, 12, .. "ftyp"u8, .. "isom"u8, .. nested];

        // Reading (c2pa-rs refuses such a file as InvalidAsset) and signing both stop at the depth limit.
        ProvenanceFormatException read = Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
        Assert.Contains("deeper", read.Message, StringComparison.Ordinal);
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().PlanEmbedding(new MemoryStream(input), 100, AssetReadOptions.Default));
        Assert.Contains("deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TwoC2paBoxes_FormatError()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4"));
        byte[] store = FakeStore(100);
        byte[] extra = new BmffHandler().EncodeStore(store);
        EmbeddingPlan plan = new BmffHandler().PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, extra);
        byte[] doubled = [.. output.ToArray(), .. extra];

        Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadManifestStore(new MemoryStream(doubled), AssetReadOptions.Default));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Read_C2paBoxTooShortForVersionAndFlags_FormatError(int payload)
    {
        // Found by CI's fuzzing run: a C2PA uuid box with fewer than four bytes after its 16-byte id gave a negative length
        // (OverflowException) to the store reader and to the fragment Merkle reader.
        byte[] ftyp = [0, 0, 0, 16, .. "ftypisom"u8, 0, 0, 0, 0];
        byte[] uuid = new byte[24 + payload];
        BinaryPrimitives.WriteUInt32BigEndian(uuid, (uint)uuid.Length);
        "uuid"u8.CopyTo(uuid.AsSpan(4));
        C2paUuidBox.Id.CopyTo(uuid.AsSpan(8));
        byte[] file = [.. ftyp, .. uuid];

        ProvenanceFormatException store = Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));
        ProvenanceFormatException merkle = Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadMerkleBoxes(new MemoryStream(file), AssetReadOptions.Default, default).ToList());
        Assert.All([store, merkle], ex => Assert.Contains("too short", ex.Message, StringComparison.Ordinal));
        Assert.Equal(16, store.Offset);
    }

    [Fact]
    public void Read_TruncatedInsideMdat_StoreStillFound()
    {
        // Issue 6: a cut-off file whose store is intact is read, so the verdict can name the damage (assertion.bmffHash.mismatch).
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("video1.mp4"));

        Assert.NotNull(new BmffHandler().ReadManifestStore(new MemoryStream(input[..(input.Length - 1000)]), AssetReadOptions.Default));
    }

    [Fact]
    public void Read_TruncatedBeforeStore_FormatError()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("video1.mp4"));
        long store = BmffReader.Open(new MemoryStream(input), AssetReadOptions.Default).Boxes(default).First(b => b.IsC2pa).Offset;

        Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().ReadManifestStore(new MemoryStream(input[..(int)(store + 100)]), AssetReadOptions.Default));
    }

    [Fact]
    public void Plan_StcoWithAbsurdEntryCount_FormatError()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4"));
        BmffBox stco = Descendants(BmffReader.Open(new MemoryStream(input), AssetReadOptions.Default).ReadTree(32, default)).First(b => b.Type == BmffBoxTypes.Stco);
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan((int)stco.PayloadOffset + 4), 0x7FFFFFFF);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new BmffHandler().PlanEmbedding(new MemoryStream(input), 100, AssetReadOptions.Default));
        Assert.Contains("entries", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The first chunk offset of every track (stco/co64), and the chunk bytes they point to.</summary>
    private static List<(long Offset, int Length)> ChunkSamples(byte[] file)
    {
        var result = new List<(long, int)>();
        List<BmffBox> boxes = BmffReader.Open(new MemoryStream(file), AssetReadOptions.Default).ReadTree(32, default);
        foreach (BmffBox table in Descendants(boxes).Where(b => b.Type == BmffBoxTypes.Stco || b.Type == BmffBoxTypes.Co64))
        {
            int payload = (int)table.PayloadOffset;
            uint count = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(payload + 4));
            for (int i = 0; i < count; i++)
            {
                long offset = table.Type == BmffBoxTypes.Stco
                    ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(payload + 8 + (4 * i)))
                    : (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(payload + 8 + (8 * i)));
                result.Add((offset, 16));
            }
        }

        return result;
    }

    private static IEnumerable<BmffBox> Descendants(IEnumerable<BmffBox> boxes) => boxes.SelectMany(b => (IEnumerable<BmffBox>)[b, .. Descendants(b.Children)]);

    private static byte[] BigEndian(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static string Resolve(string source) => source switch
    {
        "ffmpeg:mp4" => Media.TestMedia.Mp4WithAudio(),
        "ffmpeg:mov" => Media.TestMedia.Mov(),
        "ffmpeg:m4a" => Media.TestMedia.M4a(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };

    private static byte[] FakeStore(int size)
    {
        byte[] payload = new byte[Math.Max(0, size - 38)];
        new Random(size).NextBytes(payload);
        return new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
    }
}
