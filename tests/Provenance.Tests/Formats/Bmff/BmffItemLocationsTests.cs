using System.Buffers.Binary;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats.Bmff;

/// <summary>
/// HEIF, HEIC and AVIF locate their images with file offsets in <c>iloc</c> (ISO/IEC 14496-12 §8.11.3): embedding or
/// removing the C2PA box after <c>ftyp</c> rewrites them so every item still finds its bytes. The items are read back
/// here by a reader of the tests' own, not the one that rewrote them. Fixtures: c2pa-rs's sdk/tests/fixtures
/// sample1.heic (base_offset per item), sample1.heif (one base_offset, extent offsets) and sample1.avif; an AVIF made by
/// ffmpeg (no base_offset field, extent offsets alone); and files built here for the other field layouts.
/// </summary>
public class BmffItemLocationsTests
{
    public static TheoryData<string> Images() => ["fixture:formats/sample1.heic", "fixture:formats/sample1.heif", "fixture:formats/sample1.avif", "ffmpeg:avif"];

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Embed_Image_EveryItemKeepsItsBytesAndRemovalRestoresTheFile(string source)
    {
        byte[] input = File.ReadAllBytes(Resolve(source));

        byte[] signed = await EmbedAsync(input, FakeStore(3000));
        byte[] removed = await RemoveAsync(signed);

        Dictionary<ulong, byte[]> before = ItemBytes(input);
        Assert.NotEmpty(before);
        Assert.Equal(before, ItemBytes(signed));
        Assert.NotEqual(Iloc(input), Iloc(signed));
        Assert.Equal(input, removed);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Embed_IntoFileWithAStore_ReplacesItAndItemsStillFindTheirBytes(string source)
    {
        byte[] input = File.ReadAllBytes(Resolve(source));
        byte[] first = await EmbedAsync(input, FakeStore(5000));

        byte[] store = FakeStore(700);

        byte[] second = await EmbedAsync(first, store);

        Assert.Equal(ItemBytes(input), ItemBytes(second));
        List<BmffBox> boxes = BmffReader.Open(new MemoryStream(second), AssetReadOptions.Default).ReadTree(32, default);
        Assert.True(C2paUuidBox.IsC2pa(boxes[1]));
        Assert.Single(boxes, C2paUuidBox.IsC2pa);
        Assert.Equal(input.Length + C2paUuidBox.HeaderLength + store.Length, second.Length);
    }

    public static TheoryData<string, IlocLayout> Layouts() => new()
    {
        // Version 1 with 64-bit fields, an item_reference_index, and an item in idat (construction_method 1) that stays put.
        { "v1 base 8, offset 8, index 4, idat item", new IlocLayout(1, OffsetSize: 8, LengthSize: 8, BaseSize: 8, IndexSize: 4) },
        // Version 2 (32-bit item IDs) with a base_offset field holding 0: the extents alone move, once.
        { "v2 base 4 holding 0, offset 4", new IlocLayout(2, OffsetSize: 4, LengthSize: 4, BaseSize: 4, IndexSize: 0, ZeroBase: true) },
        // No extent_offset field: the base_offset alone locates the item.
        { "v0 base 4, no offset field", new IlocLayout(0, OffsetSize: 0, LengthSize: 4, BaseSize: 4, IndexSize: 0) },
        // No base_offset field: each extent_offset is a file offset.
        { "v1 no base, offset 4", new IlocLayout(1, OffsetSize: 4, LengthSize: 4, BaseSize: 0, IndexSize: 0) },
        // A base_offset inside ftyp, with one extent there and one in mdat: only the mdat extent moves.
        { "v0 base in ftyp, extents on both sides", new IlocLayout(0, OffsetSize: 4, LengthSize: 4, BaseSize: 4, IndexSize: 0, Straddle: true) },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Embed_FieldLayout_EveryItemKeepsItsBytesAndIdatItemsAreUntouched(string name, IlocLayout layout)
    {
        byte[] input = BuildHeif(layout);

        byte[] signed = await EmbedAsync(input, FakeStore(2000));

        Dictionary<ulong, byte[]> before = ItemBytes(input);
        Assert.True(before.Count >= 2, name);
        Assert.Equal(before, ItemBytes(signed));
        Assert.Equal(input, await RemoveAsync(signed));
        if (layout.Version > 0)
        {
            // The idat item's location (construction_method 1, the last entry) is relative to idat: it is unchanged.
            Assert.Equal(Iloc(input)[^layout.IdatEntrySize..], Iloc(signed)[^layout.IdatEntrySize..]);
        }
    }

    [Fact]
    public void Embed_OffsetPast32Bits_RefusedNamingTheRemedy()
    {
        // An item located at 0xFFFFFFF0 in a 32-bit base_offset: shifted by the C2PA box it would no longer fit.
        byte[] input = BuildHeif(new IlocLayout(0, OffsetSize: 0, LengthSize: 4, BaseSize: 4, IndexSize: 0));
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(IlocFirstItem(input) + 4), 0xFFFFFFF0);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => Plan(input));

        Assert.Equal(FormatLayer.Bmff, ex.Layer);
        Assert.Contains("32-bit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("64-bit iloc offsets", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embed_ItemThroughDataReference_RefusedAsUnsupported()
    {
        byte[] input = BuildHeif(new IlocLayout(0, OffsetSize: 0, LengthSize: 4, BaseSize: 4, IndexSize: 0));
        int item = IlocFirstItem(input);
        BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(item + 2), 1);

        UnsupportedFormatException ex = Assert.Throws<UnsupportedFormatException>(() => Plan(input));

        Assert.Equal(FormatLayer.Bmff, ex.Layer);
        Assert.Equal(item + 2, ex.Offset);
        Assert.Contains("data reference 1", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, byte[], string> Hostile() => new()
    {
        // Version 3 does not exist (ISO/IEC 14496-12 §8.11.3.2 defines 0 to 2).
        { "version", 0, [3], "version 3 is unknown" },
        // offset_size 3 (high nibble of the first size byte).
        { "offset_size", 4, [0x34], "offset_size is 3" },
        // 1,000 items declared where 2 are stored.
        { "item_count", 6, [0x03, 0xE8], "cut off" },
        // 65,535 extents declared for the first item.
        { "extent_count", 8 + 2 + 2 + 4, [0xFF, 0xFF], "cut off" },
        // A 32-bit base_offset cannot pass the end of a file, but a 64-bit one can: see below.
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Embed_HostileIloc_FormatErrorInTheBmffLayer(string field, int at, byte[] bytes, string expected)
    {
        byte[] input = BuildHeif(new IlocLayout(0, OffsetSize: 0, LengthSize: 4, BaseSize: 4, IndexSize: 0));
        bytes.CopyTo(input.AsSpan(IlocPayload(input) + at));

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => Plan(input));

        Assert.Equal(FormatLayer.Bmff, ex.Layer);
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{field}: {ex.Message}");
        Assert.InRange(ex.Offset, IlocBox(input).Offset, IlocBox(input).End);
    }

    [Fact]
    public void Embed_64BitBaseOffsetPastAnyFile_FormatError()
    {
        byte[] input = BuildHeif(new IlocLayout(1, OffsetSize: 8, LengthSize: 8, BaseSize: 8, IndexSize: 0));
        // Version 1: item_ID, construction_method, data_reference_index, then base_offset.
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(IlocFirstItem(input) + 2 + 2 + 2), ulong.MaxValue - 4);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => Plan(input));

        Assert.Equal(FormatLayer.Bmff, ex.Layer);
        Assert.Contains("past the end of any file", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The field layout of a built file's iloc (ISO/IEC 14496-12 §8.11.3.2).</summary>
    public sealed record IlocLayout(int Version, int OffsetSize, int LengthSize, int BaseSize, int IndexSize, bool ZeroBase = false, bool Straddle = false)
    {
        public int ExtentSize => (Version > 0 ? IndexSize : 0) + OffsetSize + LengthSize;

        /// <summary>item_ID, construction_method, data_reference_index, base_offset, extent_count, one extent.</summary>
        public int IdatEntrySize => (Version < 2 ? 2 : 4) + 2 + 2 + BaseSize + 2 + ExtentSize;
    }

    /// <summary>
    /// ftyp (heic), meta { iloc, idat }, mdat: two items in mdat located by file offset, and for version 1 and 2 a third
    /// item in idat (construction_method 1).
    /// </summary>
    private static byte[] BuildHeif(IlocLayout layout)
    {
        byte[] ftyp = Box("ftyp", [.. "heic"u8, 0, 0, 0, 0, .. "mif1"u8, .. "heic"u8]);
        byte[] idatPayload = [.. "idat item bytes!"u8];
        byte[] mdatPayload = new byte[4096];
        new Random(7).NextBytes(mdatPayload);
        int ilocLength = BuildIloc(layout, 0).Length;
        byte[] idat = Box("idat", idatPayload);
        int metaLength = 8 + 4 + 8 + ilocLength + idat.Length;
        long mdatPayloadStart = ftyp.Length + metaLength + 8;
        byte[] meta = Box("meta", [0, 0, 0, 0, .. Box("iloc", BuildIloc(layout, mdatPayloadStart)), .. idat]);
        return [.. ftyp, .. meta, .. Box("mdat", mdatPayload)];
    }

    // Items 1 and 2 cover mdat bytes [100, 1100) and [2000, 2500) (item 2 in two extents); item 3 is in idat.
    private static byte[] BuildIloc(IlocLayout layout, long mdat)
    {
        var bytes = new List<byte> { (byte)layout.Version, 0, 0, 0, (byte)((layout.OffsetSize << 4) | layout.LengthSize), (byte)((layout.BaseSize << 4) | (layout.Version > 0 ? layout.IndexSize : 0)) };
        int idWidth = layout.Version < 2 ? 2 : 4;
        bool idatItem = layout.Version > 0;
        bytes.AddRange(Field(idatItem ? 3 : 2, idWidth));
        (long Base, (long Offset, long Length)[] Extents)[] items = layout switch
        {
            { Straddle: true } => [(8, [(0, 4), (mdat + 100 - 8, 1000)]), (8, [(4, 4), (mdat + 2000 - 8, 500)])],
            { OffsetSize: 0 } => [(mdat + 100, [(0, 1000)]), (mdat + 2000, [(0, 500)])],
            { BaseSize: 0 } or { ZeroBase: true } => [(0, [(mdat + 100, 1000)]), (0, [(mdat + 2000, 200), (mdat + 2200, 300)])],
            _ => [(mdat + 100, [(0, 1000)]), (mdat, [(2000, 200), (2200, 300)])],
        };
        for (int i = 0; i < items.Length; i++)
        {
            bytes.AddRange(Field(i + 1, idWidth));
            if (layout.Version > 0)
            {
                bytes.AddRange(Field(0, 2));
            }

            bytes.AddRange(Field(0, 2));
            bytes.AddRange(Field(items[i].Base, layout.BaseSize));
            bytes.AddRange(Field(items[i].Extents.Length, 2));
            foreach ((long offset, long length) in items[i].Extents)
            {
                bytes.AddRange(Field(7, layout.Version > 0 ? layout.IndexSize : 0));
                bytes.AddRange(Field(offset, layout.OffsetSize));
                bytes.AddRange(Field(length, layout.LengthSize));
            }
        }

        if (idatItem)
        {
            // construction_method 1: 16 bytes at offset 0 of idat.
            bytes.AddRange([.. Field(3, idWidth), .. Field(1, 2), .. Field(0, 2), .. Field(0, layout.BaseSize), .. Field(1, 2)]);
            bytes.AddRange([.. Field(7, layout.IndexSize), .. Field(0, layout.OffsetSize), .. Field(16, layout.LengthSize)]);
        }

        return [.. bytes];
    }

    private static byte[] Field(long value, int width)
    {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++)
        {
            bytes[width - 1 - i] = (byte)(value >> (8 * i));
        }

        return bytes;
    }

    private static byte[] Box(string type, byte[] payload) => [.. Field(8 + payload.Length, 4), .. System.Text.Encoding.ASCII.GetBytes(type), .. payload];

    /// <summary>
    /// The bytes of every item located by file offset (construction_method 0), read with a parser of the tests' own
    /// (ISO/IEC 14496-12 §8.11.3): each item's extents, concatenated.
    /// </summary>
    private static Dictionary<ulong, byte[]> ItemBytes(byte[] file)
    {
        byte[] iloc = Iloc(file);
        int at = 0;
        int version = iloc[at];
        at += 4;
        int offsetSize = iloc[at] >> 4, lengthSize = iloc[at] & 0xF, baseSize = iloc[at + 1] >> 4, indexSize = version > 0 ? iloc[at + 1] & 0xF : 0;
        at += 2;
        int idWidth = version < 2 ? 2 : 4;
        ulong Read(int width)
        {
            ulong value = 0;
            for (int i = 0; i < width; i++)
            {
                value = (value << 8) | iloc[at++];
            }

            return value;
        }

        var items = new Dictionary<ulong, byte[]>();
        ulong count = Read(idWidth);
        for (ulong i = 0; i < count; i++)
        {
            ulong id = Read(idWidth);
            ulong construction = version > 0 ? Read(2) & 0xF : 0;
            Read(2);
            ulong baseOffset = Read(baseSize);
            ulong extents = Read(2);
            var bytes = new List<byte>();
            for (ulong e = 0; e < extents; e++)
            {
                Read(indexSize);
                ulong offset = Read(offsetSize);
                ulong length = Read(lengthSize);
                bytes.AddRange(file.AsSpan((int)(baseOffset + offset), (int)length).ToArray());
            }

            if (construction == 0)
            {
                items[id] = [.. bytes];
            }
        }

        return items;
    }

    /// <summary>The payload of the top-level meta box's iloc.</summary>
    private static byte[] Iloc(byte[] file) => file.AsSpan(IlocPayload(file), IlocLength(file)).ToArray();

    private static int IlocPayload(byte[] file) => (int)IlocBox(file).PayloadOffset;

    private static int IlocLength(byte[] file) => (int)(IlocBox(file).Size - IlocBox(file).HeaderSize);

    private static BmffBox IlocBox(byte[] file)
        => BmffReader.Open(new MemoryStream(file), AssetReadOptions.Default).ReadTree(32, default).First(b => b.Type == BmffBoxTypes.Meta).Children.First(c => c.Type == BmffBoxTypes.Iloc);

    // Versions 0 and 1 (16-bit IDs): the first item's entry follows version/flags (4), sizes (2) and item_count (2). In
    // version 0 it is item_ID (2), data_reference_index (2), then base_offset.
    private static int IlocFirstItem(byte[] file) => IlocPayload(file) + 4 + 2 + 2;

    private static EmbeddingPlan Plan(byte[] input) => new BmffHandler().PlanEmbedding(new MemoryStream(input), 1000, AssetReadOptions.Default);

    private static async Task<byte[]> EmbedAsync(byte[] input, byte[] store)
    {
        var handler = new BmffHandler();
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        return output.ToArray();
    }

    private static async Task<byte[]> RemoveAsync(byte[] input)
    {
        var handler = new BmffHandler();
        EmbeddingPlan plan = handler.PlanRemoval(new MemoryStream(input), AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty);
        return output.ToArray();
    }

    private static string Resolve(string source) => source == "ffmpeg:avif" ? Media.TestMedia.Avif() : TestPaths.Fixture(source["fixture:".Length..]);

    private static byte[] FakeStore(int size)
    {
        byte[] payload = new byte[Math.Max(0, size - 38)];
        new Random(size).NextBytes(payload);
        return new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
    }
}
