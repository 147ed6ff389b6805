using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.IO;
using Provenance.Validation;
using Xunit.Abstractions;

namespace Provenance.Tests.Validation;

/// <summary>
/// The limits a server sets (issue 11, item 1): <see cref="AssetReadOptions.MaxContainerEntries"/>,
/// <see cref="AssetReadOptions.MaxCborDepth"/>, <see cref="AssetReadOptions.MaxCborItems"/>,
/// <see cref="AssetReadOptions.MaxBytesRead"/> and <see cref="SigningOptions.Timeout"/>. Each is refused when set out of
/// range; an input just over it is refused with an error naming it, one at it passes.
/// </summary>
public class ServerLimitsTests(ITestOutputHelper output)
{
    private const string EntriesOption = "AssetReadOptions.MaxContainerEntries";

    [Fact]
    public void Options_NotPositive_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxContainerEntries = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxCborDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxCborItems = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxBytesRead = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigningOptions { Timeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigningOptions { Timeout = TimeSpan.FromSeconds(-1) });

        var set = new AssetReadOptions { MaxContainerEntries = 1, MaxCborDepth = 1, MaxCborItems = 1, MaxBytesRead = 1 };
        Assert.Equal((1, 1, 1, 1L), (set.MaxContainerEntries, set.MaxCborDepth, set.MaxCborItems, set.MaxBytesRead!.Value));
        Assert.Equal((1 << 22, 64, 1 << 20), (AssetReadOptions.Default.MaxContainerEntries, AssetReadOptions.Default.MaxCborDepth, AssetReadOptions.Default.MaxCborItems));
        Assert.Null(AssetReadOptions.Default.MaxBytesRead);
        Assert.Null(SigningOptions.Default.Timeout);
    }

    public static TheoryData<string, string> Containers() => new()
    {
        { "C.jpg", "segments" },
        { "sample1.png", "chunks" },
        { "formats/sample1.wav", "chunks" },
        { "formats/test.avi", "chunks" },
        { "formats/sample1.gif", "blocks" },
        { "formats/test.tiff", "IFD entries" },
        { "video1.mp4", "boxes" },
        { "formats/sample1.heic", "boxes" },
        { "formats/sample1.jxl", "boxes" },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void ReadManifestStore_OneEntryOverTheLimit_RefusedNamingTheOption(string fixture, string entries)
    {
        byte[] file = File.ReadAllBytes(TestPaths.Fixture(fixture));

        // The smallest limit the file passes is the number of entries its walk meets.
        int needed = SmallestPassing(1, AssetReadOptions.Default.MaxContainerEntries, limit => TryRead(file, limit) is null);
        output.WriteLine($"{fixture}: {needed} {entries}");

        Assert.True(needed > 1, $"{fixture} met {needed} entries");
        Assert.Null(TryRead(file, needed));
        ProvenanceFormatException refused = Assert.IsType<ProvenanceFormatException>(TryRead(file, needed - 1));
        Assert.Contains(EntriesOption, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"more than {needed - 1} {entries}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadId3Tag_OneFrameOverTheLimit_RefusedNamingTheOption()
    {
        // ID3v2.3 (ID3v2.3 §3.1, §3.3): a 10-byte header with a syncsafe size, then three TIT2 frames of one byte each.
        byte[] frame = [.. "TIT2"u8, 0, 0, 0, 1, 0, 0, (byte)'x'];
        byte[] tag = [.. "ID3"u8, 3, 0, 0, 0, 0, 0, (byte)(3 * frame.Length), .. frame, .. frame, .. frame];

        Assert.Equal(3, Provenance.Formats.Id3.Id3Tag.Read(new MemoryStream(tag), new AssetReadOptions { MaxContainerEntries = 3 }, default)!.Frames.Count);
        var refused = Assert.Throws<ProvenanceFormatException>(() => Provenance.Formats.Id3.Id3Tag.Read(new MemoryStream(tag), new AssetReadOptions { MaxContainerEntries = 2 }, default));
        Assert.Contains(EntriesOption, refused.Message, StringComparison.Ordinal);
        Assert.Contains("more than 2 frames", refused.Message, StringComparison.Ordinal);
        Assert.Equal(10 + (2 * frame.Length), refused.Offset);
    }

    [Theory]
    [InlineData("C.jpg")]
    [InlineData("sample1.png")]
    [InlineData("formats/test.tiff")]
    [InlineData("video1_no_manifest.mp4")]
    public void PlanEmbedding_MoreEntriesThanTheLimit_RefusedNamingTheOption(string fixture)
    {
        byte[] file = File.ReadAllBytes(TestPaths.Fixture(fixture));
        IAssetHandler handler = AssetFormats.Detect(new MemoryStream(file))!.CreateHandler();

        var refused = Assert.Throws<ProvenanceFormatException>(() => handler.PlanEmbedding(new MemoryStream(file), 1000, new AssetReadOptions { MaxContainerEntries = 2 }));

        Assert.Contains(EntriesOption, refused.Message, StringComparison.Ordinal);
        Assert.NotNull(AssetFormats.Detect(new MemoryStream(file))!.CreateHandler().PlanEmbedding(new MemoryStream(file), 1000, AssetReadOptions.Default));
    }

    [Fact]
    public void ReadManifestStore_FloodOfEmptyApp11Continuations_RefusedNamingTheOption()
    {
        // SOI, then 100 APP11 segments of 2 bytes each: none adds to the store, so only the segment count stops them.
        byte[] file = [0xFF, 0xD8, .. Enumerable.Repeat<byte[]>([0xFF, 0xEB, 0x00, 0x02], 100).SelectMany(b => b), 0xFF, 0xD9];
        IAssetHandler handler = AssetFormats.Detect(new MemoryStream(file))!.CreateHandler();

        var refused = Assert.Throws<ProvenanceFormatException>(() => handler.ReadManifestStore(new MemoryStream(file), new AssetReadOptions { MaxContainerEntries = 100 }));

        Assert.Contains(EntriesOption, refused.Message, StringComparison.Ordinal);
        Assert.Equal(2 + (4 * 100), refused.Offset);
        Assert.Null(handler.ReadManifestStore(new MemoryStream(file), new AssetReadOptions { MaxContainerEntries = 101 }));
    }

    [Fact]
    public void CborDecode_ArrayDeclaring2Pow32ElementsInTenBytes_RefusedWithoutAllocating()
    {
        // RFC 8949 §3.1: major type 4 with an 8-byte length of 2^32, then one element.
        byte[] hostile = [0x9B, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00];
        CborValue.Decode(new byte[] { 0x81, 0x00 }); // warm up, so the measure below sees only the refused decode
        long before = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(hostile));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the declared length was allocated");
        Assert.Equal(FormatLayer.Cbor, refused.Layer);
        Assert.Equal(0, refused.Offset);
    }

    [Theory]
    [InlineData(true, 0)] // a definite array of 1,000 zeros: refused from its declared length, before reading them
    [InlineData(false, 10)] // an indefinite-length array (RFC 8949 §3.2.2) of 10 zeros: refused at the first item over
    public void CborDecode_ArrayOneItemPastTheLimit_RefusedNamingTheOption(bool definite, int refusedAt)
    {
        int count = definite ? 1000 : 10;
        byte[] array = definite ? [0x99, 0x03, 0xE8, .. new byte[count]] : [0x9F, .. new byte[count], 0xFF];
        using (CborDecodeScope.Enter(64, count + 1)) // the array itself and its items
        {
            Assert.Equal(count, CborValue.Decode(array).AsArray().Count);
        }

        using (CborDecodeScope.Enter(64, count))
        {
            var refused = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(array));
            Assert.Contains("AssetReadOptions.MaxCborItems", refused.Message, StringComparison.Ordinal);
            Assert.Equal(refusedAt, refused.Offset);
        }
    }

    [Fact]
    public void CborDecode_NestedOneDeeperThanTheLimit_RefusedNamingTheOption()
    {
        static byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)0x81, depth), 0x00];
        using (CborDecodeScope.Enter(3, 1 << 20))
        {
            CborValue.Decode(Nested(3));
            var refused = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(Nested(4)));
            Assert.Contains("AssetReadOptions.MaxCborDepth", refused.Message, StringComparison.Ordinal);
            Assert.Equal(3, refused.Offset);
        }

        // Outside the scope the defaults apply again.
        CborValue.Decode(Nested(64));
        Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(Nested(65)));
    }

    [Fact]
    public async Task Verify_CborItemLimitBelowTheClaim_ReportNamesTheOption()
    {
        byte[] file = File.ReadAllBytes(TestPaths.Fixture("C.jpg"));
        var tight = new VerificationOptions { ReadOptions = new AssetReadOptions { MaxCborItems = 4 } };

        ValidationReport defaults = await ManifestVerifier.VerifyAsync(new MemoryStream(file));
        Exception? refused = await Record.ExceptionAsync(async () =>
        {
            ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(file), tight);
            Assert.NotEqual(defaults.State, report.State);
            Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation?.Contains("AssetReadOptions.MaxCborItems", StringComparison.Ordinal) == true);
        });

        Assert.True(refused is null || refused.Message.Contains("AssetReadOptions.MaxCborItems", StringComparison.Ordinal), refused?.ToString());
    }

    [Theory]
    [InlineData("C.jpg")]
    [InlineData("sample1.png")]
    [InlineData("video1.mp4")]
    public async Task Verify_OneByteUnderTheBytesNeeded_RefusedNamingTheOption(string fixture)
    {
        byte[] file = File.ReadAllBytes(TestPaths.Fixture(fixture));
        ValidationReport unlimited = await ManifestVerifier.VerifyAsync(new MemoryStream(file));

        long needed = SmallestPassing(1, AssetReadOptions.Default.BytesReadLimit(file.Length), budget => VerifyWithin(file, budget).Refused is null);
        output.WriteLine($"{fixture}: {file.Length} bytes, verification reads {needed} ({(double)needed / file.Length:0.00} times)");

        (ValidationReport? report, ProvenanceFormatException? _) = VerifyWithin(file, needed);
        Assert.Equal(unlimited.State, report!.State);
        Assert.True(needed >= file.Length, "the content was not read in full");
        Assert.True(needed <= (AssetReadOptions.DefaultBytesReadFactor * (long)file.Length) + AssetReadOptions.DefaultBytesReadAllowance, "the default budget would refuse an honest file");
        ProvenanceFormatException refused = VerifyWithin(file, needed - 1).Refused!;
        Assert.Contains("AssetReadOptions.MaxBytesRead", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashing_SameBytesAgainAndAgain_StopsAtTheBudget()
    {
        // What a manifest with many bindings over the same bytes makes a verifier do: hash them again and again, through
        // the sequential hasher and the Merkle leaves (positional reads on several threads) alike.
        byte[] content = new byte[3 << 20];
        Random.Shared.NextBytes(content);
        const long Budget = 20L << 20;
        var budget = new AssetReadOptions { MaxBytesRead = Budget }.ReadBudgetFor(content.Length);
        using var asset = new SubStream(new MemoryStream(content), 0, budget: budget);

        var refused = await Assert.ThrowsAsync<ProvenanceFormatException>(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                await StreamHasher.HashAsync(asset, System.Security.Cryptography.HashAlgorithmName.SHA256, []);
                MerkleTree.HashBlocks(asset, 0, content.Length, 64 * 1024, System.Security.Cryptography.HashAlgorithmName.SHA256, 4, default);
            }
        });

        Assert.Contains("AssetReadOptions.MaxBytesRead", refused.Message, StringComparison.Ordinal);
        Assert.InRange(budget.BytesRead, Budget + 1, Budget + (2L * StreamHasher.BlockSize) + (4 * 64 * 1024));
    }

    [Fact]
    public async Task SignFile_SlowerThanTheTimeout_TimeoutNamingTheOptionAndInputUntouched()
    {
        (string dir, string input, byte[] before) = CopyInput("no_manifest.jpg");
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);
        var options = new SigningOptions { Thumbnails = null, Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => new ManifestBuilder().SignFileAsync(input, Path.Combine(dir, "signed.jpg"), new SlowSigner(inner, TimeSpan.FromSeconds(30)), options));

        Assert.Contains("SigningOptions.Timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal([Path.GetFileName(input)], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SignFile_CallerCancelsWithinTheTimeout_CancelledNotTimedOut()
    {
        (string dir, string input, byte[] before) = CopyInput("no_manifest.jpg");
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var options = new SigningOptions { Thumbnails = null, Timeout = TimeSpan.FromSeconds(60) };

        Exception error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ManifestBuilder().SignFileAsync(input, Path.Combine(dir, "signed.jpg"), new SlowSigner(inner, TimeSpan.FromSeconds(30)), options, cancel.Token));

        Assert.IsNotType<TimeoutException>(error);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal([Path.GetFileName(input)], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Sign_WithinTheTimeout_Signed()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var signed = new MemoryStream();

        await new ManifestBuilder().SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), signed, signer, new SigningOptions { Thumbnails = null, Timeout = TimeSpan.FromMinutes(2) });

        Assert.True((await ManifestVerifier.VerifyAsync(new MemoryStream(signed.ToArray()))).HasManifest);
    }

    private static Exception? TryRead(byte[] file, int maxEntries)
    {
        IAssetHandler handler = AssetFormats.Detect(new MemoryStream(file))!.CreateHandler();
        return Record.Exception(() => handler.ReadManifestStore(new MemoryStream(file), new AssetReadOptions { MaxContainerEntries = maxEntries }));
    }

    private static (ValidationReport? Report, ProvenanceFormatException? Refused) VerifyWithin(byte[] file, long maxBytesRead)
    {
        try
        {
            return (ManifestVerifier.Verify(new MemoryStream(file), new VerificationOptions { ReadOptions = new AssetReadOptions { MaxBytesRead = maxBytesRead } }), null);
        }
        catch (ProvenanceFormatException ex) when (ex.Message.Contains("MaxBytesRead", StringComparison.Ordinal))
        {
            return (null, ex);
        }
    }

    // The smallest value in [low, high] for which passes holds, passes being false below it and true from it on.
    private static T SmallestPassing<T>(T low, T high, Func<T, bool> passes)
        where T : System.Numerics.IBinaryInteger<T>
    {
        Assert.True(passes(high), $"fails even at {high}");
        while (low < high)
        {
            T middle = low + ((high - low) / T.CreateChecked(2));
            (low, high) = passes(middle) ? (low, middle) : (middle + T.One, high);
        }

        return low;
    }

    private static (string Dir, string Input, byte[] Before) CopyInput(string fixture)
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "input" + Path.GetExtension(fixture));
        File.Copy(TestPaths.Fixture(fixture), input);
        return (dir, input, File.ReadAllBytes(input));
    }

    // A signer (a remote KMS, say) that takes its time, and observes cancellation while it waits.
    private sealed class SlowSigner(IClaimSigner inner, TimeSpan delay) : IClaimSigner
    {
        public SigningAlgorithm Algorithm => inner.Algorithm;

        public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> CertificateChain => inner.CertificateChain;

        public int MaxSignatureSize => inner.MaxSignatureSize;

        public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            return await inner.SignAsync(toBeSigned, cancellationToken);
        }
    }
}
