using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Formats.Jpeg;
using Provenance.Hashing;
using Provenance.IO;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// The content hash started early on another core (<see cref="HashPrefetch"/>): used only for the very binding it was
/// started for, giving the reports a sequential verification gives, and refusing what a sequential one refuses.
/// </summary>
public class HashPrefetchTests
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };

    [Fact]
    public async Task TryStart_LargeSignedJpeg_HashOfTheBindingTakenOnce()
    {
        string path = await SignedLargeJpegAsync();
        await using SignedFile signed = SignedFile.Open(path);
        JumbfSuperBox binding = signed.Binding;
        DataHashAssertion assertion = DataHashAssertion.FromCbor(CborValue.Decode(binding.FirstContent(FourCC.Cbor)!.Data));

        await using HashPrefetch? prefetch = signed.StartPrefetch();

        Assert.NotNull(prefetch);
        Assert.Null(prefetch.TryTake(binding, HashAlgorithmName.SHA384)); // another algorithm: not this hash
        Task<byte[]>? early = prefetch.TryTake(binding, HashAlgorithmName.SHA256);
        Assert.NotNull(early);
        Assert.Null(prefetch.TryTake(binding, HashAlgorithmName.SHA256)); // once
        byte[] expected = await StreamHasher.HashAsync(new MemoryStream(File.ReadAllBytes(path)), HashAlgorithmName.SHA256, assertion.Exclusions);
        Assert.Equal(expected, await early);
        Assert.Equal(assertion.Hash.ToArray(), await early);
    }

    [Fact]
    public async Task TryStart_SmallAsset_NothingStarted()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var signed = new MemoryStream();
        await new ManifestBuilder().SignAsync(File.OpenRead(TestPaths.Fixture("no_manifest.jpg")), signed, signer, NoThumbnail);
        var visible = new MemoryStream(signed.GetBuffer(), 0, (int)signed.Length, writable: false, publiclyVisible: true);
        using var window = new SubStream(visible, 0);
        IAssetHandler handler = new JpegHandler();
        ManifestStore store = ManifestStore.Parse(handler.ReadManifestStore(window, AssetReadOptions.Default, default)!.Store);

        Assert.Null(HashPrefetch.TryStart(store.ActiveManifest!, window, handler, new VerificationOptions(), default));
    }

    [Fact]
    public async Task Verify_LargeFiles_SameReportsAsFromMemory_AndTamperingCaught()
    {
        // From a file the hash is started early; from a stream without a positional reader it is not: both must agree,
        // for the intact file, for a byte flipped in the hashed media, and for a store moved away from its exclusion.
        string path = await SignedLargeJpegAsync();
        byte[] intact = File.ReadAllBytes(path);
        byte[] flipped = (byte[])intact.Clone();
        flipped[^5000] ^= 0x01;
        byte[] moved = [.. intact[..2], 0xFF, 0xFE, 0x00, 0x06, .. "move"u8, .. intact[2..]];
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors, TimeProvider = new FixedClock(DateTimeOffset.UtcNow) };
        string dir = TestPaths.NewTempDirectory();

        foreach ((string name, byte[] bytes, ValidationState state, string? code) in new[]
        {
            ("intact", intact, ValidationState.Trusted, (string?)null),
            ("flipped", flipped, ValidationState.Invalid, StatusCodes.AssertionDataHashMismatch),
            ("moved", moved, ValidationState.Invalid, StatusCodes.AssertionDataHashMismatch),
        })
        {
            ValidationReport fromFile = await VerifyFromFileAndMemoryAsync(Path.Combine(dir, name + ".jpg"), bytes, options);

            Assert.Equal(state, fromFile.State);
            if (code is not null)
            {
                Assert.True(fromFile.ActiveManifestResults.Contains(code), name);
            }
        }
    }

    [Fact]
    public async Task Verify_LargeMp4FromFile_PrefetchedBmffHashMatches_AndFlipCaught()
    {
        // A BMFF file of more than HashPrefetch.MinimumLength: an mp4 whose mdat is padded out by an extra top-level box.
        byte[] input = [.. File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")), .. BigBox(20 * 1024 * 1024)];
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var signed = new MemoryStream();
        await new ManifestBuilder().SignAsync(new MemoryStream(input), signed, signer, NoThumbnail);
        byte[] bytes = signed.ToArray();
        string dir = TestPaths.NewTempDirectory();
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors };

        File.WriteAllBytes(Path.Combine(dir, "signed.mp4"), bytes);
        bytes[^100] ^= 0x01; // inside the extra box, which the BMFF hash covers
        File.WriteAllBytes(Path.Combine(dir, "flipped.mp4"), bytes);

        Assert.Equal(ValidationState.Trusted, (await ManifestVerifier.VerifyFileAsync(Path.Combine(dir, "signed.mp4"), options)).State);
        ValidationReport tampered = await ManifestVerifier.VerifyFileAsync(Path.Combine(dir, "flipped.mp4"), options);
        Assert.Equal(ValidationState.Invalid, tampered.State);
        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], tampered.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task TryStart_LargeMerkleMp4_TreesCheckedOnce_NotTakenAsAFlatHash()
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "merkle.mp4");
        File.WriteAllBytes(path, await SignedMerkleMp4Async());
        await using SignedFile signed = SignedFile.Open(path);
        JumbfSuperBox binding = signed.Binding;

        await using HashPrefetch? prefetch = signed.StartPrefetch();

        Assert.NotNull(prefetch);
        Assert.Null(prefetch.TryTake(binding, HashAlgorithmName.SHA256)); // the trees' verdict is no flat hash
        Assert.Null(prefetch.TryTakeMerkle(binding, HashAlgorithmName.SHA384)); // another algorithm: not these trees
        Task<(string Code, string Explanation)?>? early = prefetch.TryTakeMerkle(binding, HashAlgorithmName.SHA256);
        Assert.NotNull(early);
        Assert.Null(prefetch.TryTakeMerkle(binding, HashAlgorithmName.SHA256)); // once
        Assert.Null(await early); // every tree matches
    }

    [Fact]
    public async Task Verify_LargeMerkleMp4_SameReportsAsFromMemory_AndFlipCaught()
    {
        // From a file the Merkle trees are checked early; from a stream without a positional reader they are not.
        byte[] intact = await SignedMerkleMp4Async();
        byte[] flipped = (byte[])intact.Clone();
        using (var walk = new MemoryStream(intact))
        {
            BmffBoxHeader mdat = BmffReader.Open(walk, AssetReadOptions.Default).Boxes(default).Where(b => b.Type == BmffBoxTypes.Mdat).Last();
            flipped[mdat.Offset + (mdat.Size / 2)] ^= 0x01; // in the middle of the large mdat, which only its tree covers
        }

        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors, TimeProvider = new FixedClock(DateTimeOffset.UtcNow) };
        string dir = TestPaths.NewTempDirectory();
        foreach ((string name, byte[] bytes, ValidationState state) in new[] { ("intact", intact, ValidationState.Trusted), ("flipped", flipped, ValidationState.Invalid) })
        {
            ValidationReport fromFile = await VerifyFromFileAndMemoryAsync(Path.Combine(dir, name + ".mp4"), bytes, options);

            Assert.Equal(state, fromFile.State);
            if (state == ValidationState.Invalid)
            {
                ValidationStatus mismatch = Assert.Single(fromFile.ActiveManifestResults.Failure);
                Assert.Equal(StatusCodes.AssertionBmffHashMismatch, mismatch.Code);
                Assert.Contains("Merkle tree of mdat 1", mismatch.Explanation, StringComparison.Ordinal);
            }
        }
    }

    // An MP4 past HashPrefetch.MinimumLength: the fixture and a second top-level mdat of 20 MB of random bytes (one tree
    // per mdat), signed with 1 MiB Merkle blocks.
    private static async Task<byte[]> SignedMerkleMp4Async()
    {
        byte[] media = BigBox(20 * 1024 * 1024);
        "mdat"u8.CopyTo(media.AsSpan(4));
        byte[] input = [.. File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")), .. media];
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var signed = new MemoryStream();
        await new ManifestBuilder().SignAsync(new MemoryStream(input), signed, signer, NoThumbnail with { MerkleBlockSize = 1024 * 1024 });
        return signed.ToArray();
    }

    /// <summary>A signed file opened as a verification opens it: its window, handler, active manifest and hard binding.</summary>
    private sealed class SignedFile(FileStream file, SubStream window, IAssetHandler handler, Manifest active) : IAsyncDisposable
    {
        public JumbfSuperBox Binding { get; } = active.Assertions.Single(a => a.Label is { } label && C2paLabels.IsHardBinding(label));

        public static SignedFile Open(string path)
        {
            FileStream file = File.OpenRead(path);
            var window = new SubStream(file, 0);
            IAssetHandler handler = AssetFormats.Detect(window)!.CreateHandler();
            ManifestStore store = ManifestStore.Parse(handler.ReadManifestStore(window, AssetReadOptions.Default, default)!.Store);
            return new SignedFile(file, window, handler, store.ActiveManifest!);
        }

        public HashPrefetch? StartPrefetch() => HashPrefetch.TryStart(active, window, handler, new VerificationOptions(), default);

        public async ValueTask DisposeAsync()
        {
            await window.DisposeAsync();
            await file.DisposeAsync();
        }
    }

    // Verifies the bytes from a file (work started early) and from memory (no positional reader: nothing started early),
    // asserts that the two reports are the same, and returns the file's.
    private static async Task<ValidationReport> VerifyFromFileAndMemoryAsync(string file, byte[] bytes, VerificationOptions options)
    {
        File.WriteAllBytes(file, bytes);
        ValidationReport fromFile = await ManifestVerifier.VerifyFileAsync(file, options);
        ValidationReport fromMemory = await ManifestVerifier.VerifyAsync(new MemoryStream(bytes, writable: false), options);
        Assert.Equal(ReportJsonWriter.ToJson(fromMemory, indented: false), ReportJsonWriter.ToJson(fromFile, indented: false));
        return fromFile;
    }

    // A JPEG past HashPrefetch.MinimumLength: the fixture with 20 MB of comment segments after its SOI, signed.
    private static async Task<string> SignedLargeJpegAsync()
    {
        byte[] jpeg = File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"));
        using var padded = new MemoryStream();
        padded.Write(jpeg.AsSpan(0, 2));
        byte[] comment = new byte[65533];
        new Random(4).NextBytes(comment);
        for (long written = 0; written < HashPrefetch.MinimumLength + (4 * 1024 * 1024); written += comment.Length + 4)
        {
            padded.Write([0xFF, 0xFE, 0xFF, 0xFF]);
            padded.Write(comment);
        }

        padded.Write(jpeg.AsSpan(2));
        padded.Position = 0;
        string path = Path.Combine(TestPaths.NewTempDirectory(), "large.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await using (FileStream output = File.Create(path))
        {
            await new ManifestBuilder().SignAsync(padded, output, signer, NoThumbnail);
        }

        return path;
    }

    private static byte[] BigBox(int size)
    {
        byte[] box = new byte[size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        "prvx"u8.CopyTo(box.AsSpan(4));
        new Random(5).NextBytes(box.AsSpan(8));
        return box;
    }
}
