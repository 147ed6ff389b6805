using System.Buffers.Binary;
using Provenance.Formats;
using Provenance.Formats.Jpeg;
using Provenance.Formats.Png;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats;

public class ImageHandlerTests
{
    public static TheoryData<string, int> InputsAndStoreSizes() => new()
    {
        { "no_manifest.jpg", 100 }, { "no_manifest.jpg", 200_000 }, { "earth_apollo17.jpg", 64_000 }, { "C.jpg", 150_000 },
        { "sample1.png", 100 }, { "sample1.png", 200_000 }, { "libpng-test.png", 5000 },
    };

    [Theory]
    [MemberData(nameof(InputsAndStoreSizes))]
    public async Task Embed_FakeStore_ReadsBackAndLeavesTheRestUnchanged(string file, int storeSize)
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture(file));
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();
        byte[] store = FakeStore(storeSize);

        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        byte[] signed = output.ToArray();

        Assert.Equal(plan.OutputLength, signed.Length);
        EmbeddedManifestStore found = handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
        Assert.Equal(store, found.Store);
        Assert.Equal(plan.StoreRange, found.Range);
        byte[] withoutStore = [.. signed[..(int)found.Range.Start], .. signed[(int)found.Range.End..]];
        Assert.Equal(Stripped(handler, input), withoutStore);
        handler.PlanRemoval(new MemoryStream(signed), AssetReadOptions.Default); // the output still parses to its end marker
    }

    [Fact]
    public async Task Read_JpegStoreNumberedAtTheLargestSequence_FormatError()
    {
        // The first APP11 segment numbered 0xFFFFFFFF (C2PA 2.2 §A.3.1's Z field): the next number used to overflow
        // (an OverflowException, found by fuzzing: fuzz/findings/verify); now the continuation is out of sequence.
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"));
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();
        byte[] store = FakeStore(200_000);
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        byte[] signed = output.ToArray();
        int first = (int)plan.StoreRange!.Value.Start;
        Assert.Equal([0xFF, 0xEB], signed[first..(first + 2)]);
        BinaryPrimitives.WriteUInt32BigEndian(signed.AsSpan(first + 8), uint.MaxValue); // marker, length, "JP", En, then Z

        var error = Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default));
        Assert.Contains("expected 4294967296", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no_manifest.jpg")]
    [InlineData("sample1.png")]
    public void Read_Unsigned_NoStore(string file)
    {
        using FileStream stream = File.OpenRead(TestPaths.Fixture(file));

        Assert.Null(AssetFormats.Detect(stream)!.CreateHandler().ReadManifestStore(stream, AssetReadOptions.Default));
    }

    [Fact]
    public void Detect_ByContent_IgnoresNames()
    {
        Assert.Same(PngFormat.Instance, AssetFormats.Detect(File.ReadAllBytes(TestPaths.Fixture("sample1.png"))));
        Assert.Same(JpegFormat.Instance, AssetFormats.Detect(File.ReadAllBytes(TestPaths.Fixture("C.jpg"))));
        Assert.Null(AssetFormats.Detect("not a media file"u8));
        Assert.Null(AssetFormats.Detect(File.ReadAllBytes(TestPaths.Fixture("test_cert_root_bundle.pem"))));
    }

    [Fact]
    public void Crc32_KnownChunks_MatchPngValues()
    {
        // The CRC of an IEND chunk is AE 42 60 82 in every PNG (PNG §11.2.5); IHDR's is stored in the fixture.
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
        byte[] png = File.ReadAllBytes(TestPaths.Fixture("sample1.png"));
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(29)), Crc32.Compute(png.AsSpan(12, 17)));
    }

    [Fact]
    public void EncodeStore_Png_ChunkCarriesItsCrc()
    {
        byte[] chunk = new PngHandler().EncodeStore(FakeStore(1000));

        Assert.Equal("caBX"u8.ToArray(), chunk[4..8]);
        Assert.Equal(Crc32.Compute(chunk.AsSpan(4, chunk.Length - 8)), BinaryPrimitives.ReadUInt32BigEndian(chunk.AsSpan(chunk.Length - 4)));
    }

    [Fact]
    public void EncodeStore_LargeJpegStore_SegmentsFitAndRepeatBoxHeader()
    {
        byte[] store = FakeStore(200_000);
        byte[] segments = App11Segments.Encode(store);
        int position = 0;
        uint sequence = 1;
        while (position < segments.Length)
        {
            Assert.Equal(0xFF, segments[position]);
            Assert.Equal(0xEB, segments[position + 1]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(segments.AsSpan(position + 2));
            Assert.Equal(sequence, BinaryPrimitives.ReadUInt32BigEndian(segments.AsSpan(position + 8)));
            Assert.Equal(store[..8], segments[(position + 12)..(position + 20)]);
            position += 2 + length;
            sequence++;
        }

        Assert.Equal(5u, sequence); // 200,000 bytes in 64,000-byte pieces: four segments
    }

    [Theory]
    [InlineData("C.jpg")]
    [InlineData("sample1.png")]
    public void Read_Truncated_OnlyFormatErrors(string file)
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture(file));
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();
        for (int length = 0; length < input.Length; length += Math.Max(1, length / 3))
        {
            try
            {
                handler.ReadManifestStore(new MemoryStream(input[..length]), AssetReadOptions.Default);
            }
            catch (ProvenanceFormatException)
            {
                // The only exception allowed.
            }

            Assert.Throws<ProvenanceFormatException>(() => handler.PlanEmbedding(new MemoryStream(input[..length]), 100, AssetReadOptions.Default));
        }
    }

    [Fact]
    public async Task Read_PngStoreWithBadCrc_FormatError()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("sample1.png"));
        var handler = new PngHandler();
        byte[] store = FakeStore(100);
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store));
        byte[] signed = output.ToArray();
        signed[(int)plan.StoreRange!.Value.Start + 50] ^= 1;

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default));
        Assert.Contains("CRC", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Stripped(IAssetHandler handler, byte[] input)
    {
        EmbeddingPlan plan = handler.PlanRemoval(new MemoryStream(input), AssetReadOptions.Default);
        using var output = new MemoryStream();
        EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static byte[] FakeStore(int size)
    {
        byte[] payload = new byte[Math.Max(0, size - 38)];
        new Random(size).NextBytes(payload);
        return new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
    }
}
