using System.Buffers.Binary;
using Provenance.Formats;
using Provenance.Formats.Tiff;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats.Tiff;

public class TiffHandlerTests
{
    public static TheoryData<string> Inputs() => TiffMedia.All();

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Detect_ByContent_Tiff(string source)
    {
        using FileStream stream = File.OpenRead(TiffMedia.Resolve(source));

        Assert.Same(TiffFormat.Instance, AssetFormats.Detect(stream, out string mimeType));
        Assert.Equal("image/tiff", mimeType);
    }

    [Fact]
    public void Detect_OtherMagic_NotTiff()
    {
        Assert.Null(AssetFormats.Detect("II\u002C\0\u0008\0\0\0"u8));
        Assert.Null(AssetFormats.Detect("II\u002B\0\u0004\0\0\0"u8)); // BigTIFF must say 8-byte offsets
        Assert.Same(TiffFormat.Instance, AssetFormats.FromMimeType("image/x-adobe-dng"));
        Assert.Same(TiffFormat.Instance, AssetFormats.FromExtension("dng"));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Read_Unsigned_NoStore(string source)
    {
        using FileStream stream = File.OpenRead(TiffMedia.Resolve(source));

        Assert.Null(new TiffHandler().ReadManifestStore(stream, AssetReadOptions.Default));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Embed_Store_ReadsBackWhereTheVersionPutsItAndKeepsTheInput(string source)
    {
        byte[] input = File.ReadAllBytes(TiffMedia.Resolve(source));
        var handler = new TiffHandler();
        TiffLayout before = Layout(input);
        byte[] store = FakeStore(3001);

        (byte[] signed, EmbeddingPlan plan) = await EmbedAsync(handler, input, store);

        EmbeddedManifestStore found = handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
        Assert.Equal(store, found.Store);
        Assert.Equal(plan.StoreRange, found.Range);
        Assert.Equal(signed.Length, found.Range.End); // the store ends the file, as in c2pa-rs
        TiffLayout after = Layout(signed);
        if (before.Ifds.Count == 1)
        {
            // C2PA 2.4 §A.3.5: a single page carries the tag in IFD0 (rewritten after the input, with every other entry as it was).
            Assert.Single(after.Ifds);
            Assert.Equal(before.Ifds[0].Entries.Select(e => (e.Tag, e.Type, e.Count, e.Field)), after.Ifds[0].Entries.Where(e => e.Tag != TiffEntry.C2paTag).Select(e => (e.Tag, e.Type, e.Count, e.Field)), EntryComparer.Instance);
            Assert.True(after.Ifds[0].Offset >= input.Length);
        }
        else
        {
            // Several pages: the pages stay where they are, and an IFD holding only the C2PA tag ends the chain.
            Assert.Equal(before.Ifds.Count + 1, after.Ifds.Count);
            Assert.Equal(before.Ifds.Select(i => i.Offset), after.Ifds.Take(before.Ifds.Count).Select(i => i.Offset));
            Assert.True(after.Ifds[^1].IsC2paOnly);
        }

        // Only IFD offsets of the input change (the header's or the last page's next-IFD offset, 4 or 8 bytes).
        int changed = Enumerable.Range(0, input.Length).Count(i => input[i] != signed[i]);
        Assert.InRange(changed, 1, before.Header.OffsetSize);

        byte[] removed = await RemoveAsync(handler, signed);
        Assert.Null(handler.ReadManifestStore(new MemoryStream(removed), AssetReadOptions.Default));
        Assert.Equal(before.Ifds.Count, Layout(removed).Ifds.Count);
    }

    [Theory]
    [InlineData("fixture:formats/test.tiff")]
    [InlineData("built:MM-2")]
    [InlineData("built:II-big-1")]
    public async Task Embed_AlreadyEmbedded_ReplacesTheStoreWithoutGrowing(string source)
    {
        byte[] input = File.ReadAllBytes(TiffMedia.Resolve(source));
        var handler = new TiffHandler();
        (byte[] once, _) = await EmbedAsync(handler, input, FakeStore(5000));

        (byte[] twice, _) = await EmbedAsync(handler, once, FakeStore(4000));

        // The old store and the IFD that held it ended the file: both are cut off before the new ones are appended.
        Assert.Equal(once.Length - 1000, twice.Length);
        Assert.Equal(FakeStore(4000), handler.ReadManifestStore(new MemoryStream(twice), AssetReadOptions.Default)!.Store);
        Assert.Equal(Layout(once).Ifds.Count, Layout(twice).Ifds.Count);
    }

    [Fact]
    public void Read_TiffPoc_RefusedAtTheFirstSubIfdList()
    {
        // c2pa-rs fixture tiff_poc.tiff: 1,000 IFDs, each with 5,000 SubIFDs pointers (0, then 524,288 in a 38 KB file).
        byte[] poc = File.ReadAllBytes(TestPaths.Fixture("formats/tiff_poc.tiff"));
        var handler = new TiffHandler();

        ProvenanceFormatException read = Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(poc), AssetReadOptions.Default));
        ProvenanceFormatException plan = Assert.Throws<ProvenanceFormatException>(() => handler.PlanEmbedding(new MemoryStream(poc), 100, AssetReadOptions.Default));

        Assert.Equal(FormatLayer.Tiff, read.Layer);
        Assert.Equal(14, read.Offset);
        Assert.Contains("points to more than 1000 sub-IFDs", read.Message, StringComparison.Ordinal); // 5,000 in the first IFD alone
        Assert.Equal(read.Message, plan.Message);
    }

    [Fact]
    public void Read_ExifPointerOutsideTheFile_Refused()
    {
        // IFD0's first entry (NewSubfileType, LONG 0) turned into an Exif IFD pointer: offset 0 is the header, not an IFD.
        byte[] file = TiffMedia.Build(littleEndian: true, big: false, pages: 1);
        long entry = Layout(file).Ifds[0].Offset + 2;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan((int)entry), 34665);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new TiffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));

        Assert.Equal(entry + 8, ex.Offset);
        Assert.Contains("tag 34665 points to an IFD at 0, outside the file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_IfdChainLoop_Refused(bool selfLoop)
    {
        // Like c2pa-rs's cyclic_ifd_self_loop / two_node_cycle tests: the last next-IFD offset points back into the chain.
        byte[] file = TiffMedia.Build(littleEndian: true, big: false, pages: selfLoop ? 1 : 2);
        TiffLayout layout = Layout(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)layout.Ifds[^1].NextPointer), (uint)layout.Ifds[0].Offset);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new TiffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));

        Assert.Equal(layout.Ifds[^1].NextPointer, ex.Offset);
        Assert.Contains($"loops back to the IFD at {layout.Ifds[0].Offset}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ForgedCounts_RefusedBeforeAllocating()
    {
        byte[] file = TiffMedia.Build(littleEndian: true, big: true, pages: 1);
        TiffLayout layout = Layout(file);
        var handler = new TiffHandler();

        // An entry count that could not fit in the file (BigTIFF counts are 64-bit).
        byte[] entries = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(entries.AsSpan((int)layout.Ifds[0].Offset), ulong.MaxValue / 2);
        Assert.Contains("entries runs past the end", Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(entries), AssetReadOptions.Default)).Message, StringComparison.Ordinal);

        // A value count of 2^60 (the Software tag, the last entry).
        byte[] values = (byte[])file.Clone();
        long software = layout.Ifds[0].Offset + 8 + (10 * 20);
        BinaryPrimitives.WriteUInt64LittleEndian(values.AsSpan((int)software + 4), 1UL << 60);
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(values), AssetReadOptions.Default));
        Assert.Equal(software, ex.Offset);
        Assert.Contains("tag 305 declares", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, "outside the file")]
    [InlineData(4u, "outside the file")]
    [InlineData(0x7FFF_FFF0u, "outside the file")]
    public void Read_FirstIfdOutsideTheFile_Refused(uint offset, string expected)
    {
        byte[] file = TiffMedia.Build(littleEndian: true, big: false, pages: 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), offset);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new TiffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));

        Assert.Equal(4, ex.Offset);
        Assert.Contains(offset == 0 ? "no IFD" : expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValuePastTheEnd_Refused()
    {
        byte[] file = TiffMedia.Build(littleEndian: false, big: false, pages: 1);
        TiffLayout layout = Layout(file);
        long software = layout.Ifds[0].Offset + 2 + (10 * 12);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan((int)software + 8), (uint)file.Length - 5);

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new TiffHandler().ReadManifestStore(new MemoryStream(file), AssetReadOptions.Default));

        Assert.Equal(software, ex.Offset);
        Assert.Contains("runs past the end of the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_C2paTagOfAnotherType_Refused()
    {
        byte[] input = TiffMedia.Build(littleEndian: true, big: false, pages: 1);
        (byte[] signed, _) = await EmbedAsync(new TiffHandler(), input, FakeStore(1000));
        TiffEntry c2pa = Layout(signed).Ifds[0].C2pa!;
        int entry = signed.AsSpan((int)Layout(signed).Ifds[0].Offset).IndexOf((byte[])[0x41, 0xCD, 7, 0]) + (int)Layout(signed).Ifds[0].Offset;
        signed[entry + 2] = 1; // BYTE instead of UNDEFINED

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new TiffHandler().ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default));

        Assert.Contains("must be UNDEFINED (7)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1000, c2pa.ValueLength);
    }

    [Theory]
    [InlineData("fixture:formats/test.tiff")]
    [InlineData("fixture:formats/TUSCANY.TIF")]
    [InlineData("built:MM-big-2")]
    public void Read_Truncated_OnlyFormatErrors(string source)
    {
        byte[] input = File.ReadAllBytes(TiffMedia.Resolve(source));
        var handler = new TiffHandler();
        for (int length = 0; length < input.Length; length += Math.Max(1, length / 3))
        {
            try
            {
                handler.ReadManifestStore(new MemoryStream(input[..length]), AssetReadOptions.Default);
                handler.PlanEmbedding(new MemoryStream(input[..length]), 100, AssetReadOptions.Default);
            }
            catch (ProvenanceFormatException)
            {
                // The only exception allowed: a cut that leaves the IFDs and their values whole reads as a TIFF.
            }
        }
    }

    private static TiffLayout Layout(byte[] file) => TiffLayout.Read(new MemoryStream(file), AssetReadOptions.Default, CancellationToken.None);

    private static async Task<(byte[] Output, EmbeddingPlan Plan)> EmbedAsync(TiffHandler handler, byte[] input, byte[] store)
    {
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        Assert.Equal(plan.OutputLength, output.Length);
        return (output.ToArray(), plan);
    }

    private static async Task<byte[]> RemoveAsync(TiffHandler handler, byte[] input)
    {
        EmbeddingPlan plan = handler.PlanRemoval(new MemoryStream(input), AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty);
        return output.ToArray();
    }

    private static byte[] FakeStore(int size)
    {
        // A manifest store superbox (jumb + jumd labelled "c2pa") around one free box: 46 bytes of boxes around the payload.
        byte[] payload = new byte[size - 46];
        new Random(size).NextBytes(payload);
        return new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
    }

    private sealed class EntryComparer : IEqualityComparer<(ushort, ushort, long, byte[])>
    {
        public static EntryComparer Instance { get; } = new();

        public bool Equals((ushort, ushort, long, byte[]) x, (ushort, ushort, long, byte[]) y)
            => x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3 == y.Item3 && x.Item4.AsSpan().SequenceEqual(y.Item4);

        public int GetHashCode((ushort, ushort, long, byte[]) obj) => obj.Item1;
    }
}
