using Provenance.Cryptography;
using Provenance.Tests.Media;
using Provenance.Validation;

namespace Provenance.Tests.Detached;

/// <summary>
/// Sidecar manifests (C2PA 2.2 §11.2): the asset is left unchanged, the store is written beside it, and the pair is
/// verified together; a changed asset, a store moved onto another asset, or a sidecar beside an asset with its own store
/// are each shown to be refused or ignored.
/// </summary>
public class SidecarTests
{
    private static readonly VerificationOptions Trusting = new() { TrustAnchors = TestSigners.Anchors };

    public static TheoryData<string, string> Assets() => new()
    {
        { "fixture:no_manifest.jpg", StatusCodes.AssertionDataHashMatch },
        { "fixture:sample1.png", StatusCodes.AssertionDataHashMatch },
        { "ffmpeg:mp4", StatusCodes.AssertionBmffHashMatch },
    };

    internal static string Resolve(string source) => source switch
    {
        "ffmpeg:mp4" => TestMedia.Mp4WithAudio(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };

    internal static async Task<byte[]> SignSidecarAsync(byte[] asset, SigningOptions? options = null)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var store = new MemoryStream();
        await new ManifestBuilder { Title = "sidecar" }.AddAuthor("Ada").SignSidecarAsync(new MemoryStream(asset, writable: false), store, signer, options);
        return store.ToArray();
    }

    private static Task<ValidationReport> VerifyPairAsync(byte[] asset, byte[] store)
        => ManifestVerifier.VerifyWithSidecarAsync(new MemoryStream(asset), new MemoryStream(store), Trusting);

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Sidecar_AssetUnchanged_PairVerifiesTrusted(string source, string bindingCode)
    {
        byte[] asset = File.ReadAllBytes(Resolve(source));
        byte[] before = [.. asset];

        byte[] store = await SignSidecarAsync(asset);
        ValidationReport report = await VerifyPairAsync(asset, store);

        Assert.Equal(before, asset);
        Assert.Equal("jumb", System.Text.Encoding.ASCII.GetString(store, 4, 4));
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == bindingCode);
        Assert.Equal(ManifestSource.Sidecar, report.ManifestSource);
        Assert.True(report.ContentIntact);
        Assert.Equal(["Ada"], report.Summary.Authors);
    }

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Sidecar_OneMediaByteChanged_Invalid(string source, string bindingCode)
    {
        byte[] asset = File.ReadAllBytes(Resolve(source));
        byte[] store = await SignSidecarAsync(asset);
        asset[asset.Length - 100] ^= 0x01;

        ValidationReport report = await VerifyPairAsync(asset, store);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.False(report.ContentIntact);
        Assert.DoesNotContain(report.ActiveManifestResults.Success, s => s.Code == bindingCode);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code is StatusCodes.AssertionDataHashMismatch or StatusCodes.AssertionBmffHashMismatch);
    }

    [Fact]
    public async Task Sidecar_MovedOntoAnotherAsset_Invalid()
    {
        byte[] signedFor = File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"));
        byte[] other = File.ReadAllBytes(TestPaths.Fixture("earth_apollo17.jpg"));
        byte[] store = await SignSidecarAsync(signedFor);

        ValidationReport report = await VerifyPairAsync(other, store);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.AssertionDataHashMismatch);
    }

    [Fact]
    public async Task Sidecar_ByteAppendedToAsset_Invalid()
    {
        byte[] asset = File.ReadAllBytes(TestPaths.Fixture("sample1.png"));
        byte[] store = await SignSidecarAsync(asset);

        ValidationReport report = await VerifyPairAsync([.. asset, 0], store);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.AssertionDataHashMismatch);
    }

    [Fact]
    public async Task SignSidecar_AssetWithEmbeddedStore_RefusedAndNothingWritten()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] embedded = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddAuthor("Ada"));
        using var store = new MemoryStream();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ManifestBuilder().SignSidecarAsync(new MemoryStream(embedded), store, signer));

        Assert.Contains("already embeds a manifest store", error.Message);
        Assert.Equal(0, store.Length);
    }

    [Fact]
    public async Task SignSidecar_WithRemoteUrl_Refused()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var options = new SigningOptions { RemoteManifestUrl = new Uri("https://example.org/store.c2pa") };

        await Assert.ThrowsAsync<ArgumentException>(() => new ManifestBuilder().SignSidecarAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), new MemoryStream(), signer, options));
    }

    [Fact]
    public async Task VerifyFile_SidecarBesideAsset_FoundByName()
    {
        string dir = TestPaths.NewTempDirectory();
        string asset = Path.Combine(dir, "photo.jpg");
        File.Copy(TestPaths.Fixture("no_manifest.jpg"), asset);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder().SignSidecarFileAsync(asset, null, signer);
        ValidationReport found = await ManifestVerifier.VerifyFileAsync(asset, Trusting);
        File.Delete(Path.Combine(dir, "photo.c2pa"));
        ValidationReport without = await ManifestVerifier.VerifyFileAsync(asset, Trusting);

        Assert.True(File.Exists(asset));
        Assert.Equal(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), File.ReadAllBytes(asset));
        Assert.Equal(ValidationState.Trusted, found.State);
        Assert.Equal(ManifestSource.Sidecar, found.ManifestSource);
        Assert.False(without.HasManifest);
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
    }

    [Fact]
    public async Task VerifyFile_EmbeddedStoreAndAForeignSidecar_EmbeddedWins()
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] embedded = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddAuthor("Embedded"));
        string asset = Path.Combine(dir, "photo.jpg");
        File.WriteAllBytes(asset, embedded);
        File.WriteAllBytes(Path.Combine(dir, "photo.c2pa"), await SignSidecarAsync(File.ReadAllBytes(TestPaths.Fixture("earth_apollo17.jpg"))));

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(asset, Trusting);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(ManifestSource.Embedded, report.ManifestSource);
        Assert.Equal(["Embedded"], report.Summary.Authors);
    }

    [Fact]
    public async Task VerifySidecar_StoreLargerThanTheLimit_RefusedBeforeReading()
    {
        var options = Trusting with { ReadOptions = new Provenance.Formats.AssetReadOptions { MaxManifestStoreSize = 1024 } };

        var error = await Assert.ThrowsAsync<ProvenanceFormatException>(() => ManifestVerifier.VerifyWithSidecarAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), new MemoryStream(new byte[4096]), options));

        Assert.Contains("limit of 1024", error.Message);
    }

    [Fact]
    public async Task Verify_StandaloneStoreLargerThanTheLimit_RefusedNamingTheOption()
    {
        // A .c2pa verified on its own (a JUMBF box at the start) of 4 KiB, against a 1 KiB limit.
        byte[] store = new byte[4096];
        store[2] = 0x10;
        "jumb"u8.CopyTo(store.AsSpan(4));
        var options = Trusting with { ReadOptions = new Provenance.Formats.AssetReadOptions { MaxManifestStoreSize = 1024 } };

        var error = await Assert.ThrowsAsync<ProvenanceFormatException>(() => ManifestVerifier.VerifyAsync(new MemoryStream(store), options));

        Assert.Contains("limit of 1024", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxManifestStoreSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifySidecar_NotAStore_ReportedMalformed()
    {
        ValidationReport report = await VerifyPairAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), new byte[64]);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, s => s.Code == StatusCodes.ManifestMalformed);
    }
}
