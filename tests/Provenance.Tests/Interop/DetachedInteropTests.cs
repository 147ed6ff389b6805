using Provenance.Cryptography;
using Provenance.Tests.Detached;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// Sidecar and remote manifests against c2pa-rs: stores c2pa-rs signs without embedding them are verified by
/// Provenance beside their asset and fetched from 127.0.0.1, before and after a byte of the asset changes; and c2pa-rs
/// fetches and trusts a remote store Provenance signed.
/// </summary>
[Collection("c2pa-rs")]
public sealed class DetachedInteropTests : IDisposable
{
    private readonly LocalManifestServer _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("no_manifest.jpg", "image/jpeg", ".jpg")]
    [InlineData("sample1.png", "image/png", ".png")]
    [InlineData("video1_no_manifest.mp4", "video/mp4", ".mp4")]
    public async Task Provenance_SidecarSignedByC2paRs_TrustedAndInvalidOnceChanged(string fixture, string mimeType, string extension)
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string asset = Path.Combine(dir, "asset" + extension);
        string store = Path.Combine(dir, "asset.c2pa");
        C2paRs.SignDetached(TestPaths.Fixture(fixture), asset, store, mimeType, chain, key, "es256");
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors };

        Assert.Equal(File.ReadAllBytes(TestPaths.Fixture(fixture)), File.ReadAllBytes(asset));
        ValidationReport found = await ManifestVerifier.VerifyFileAsync(asset, options);
        byte[] changed = File.ReadAllBytes(asset);
        changed[changed.Length - 200] ^= 0x01;
        ValidationReport altered = await ManifestVerifier.VerifyWithSidecarAsync(new MemoryStream(changed), File.OpenRead(store), options);

        Assert.True(found.State == ValidationState.Trusted, $"{found.State}: {string.Join(", ", found.ActiveManifestResults.Failure.Select(f => $"{f.Code} {f.Explanation}"))}");
        Assert.Equal(ManifestSource.Sidecar, found.ManifestSource);
        Assert.Equal(ValidationState.Invalid, altered.State);
        Assert.Contains(altered.ActiveManifestResults.Failure, f => f.Code is StatusCodes.AssertionDataHashMismatch or StatusCodes.AssertionBmffHashMismatch);
    }

    [Theory]
    [InlineData("no_manifest.jpg", "image/jpeg")]
    [InlineData("sample1.png", "image/png")]
    [InlineData("video1_no_manifest.mp4", "video/mp4")]
    public async Task Provenance_RemoteStoreSignedByC2paRs_FetchedAndTrusted_ChangedAssetInvalid(string fixture, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string asset = Path.Combine(dir, "asset");
        string store = Path.Combine(dir, "store.c2pa");
        Uri url = _server.Url("stores/theirs.c2pa");
        C2paRs.SignDetached(TestPaths.Fixture(fixture), asset, store, mimeType, chain, key, "es256", url.AbsoluteUri);
        _server.Serve("theirs.c2pa", File.ReadAllBytes(store));
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors, RemoteManifests = new RemoteManifestOptions { AllowedHosts = ["127.0.0.1"] } };

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(asset, options);
        ValidationReport notFetched = await ManifestVerifier.VerifyFileAsync(asset, options with { RemoteManifests = null });
        C2paRsReport theirsNotFetched = C2paRs.Verify(asset, mimeType, Path.Combine(dir, "root.pem"));
        byte[] changed = File.ReadAllBytes(asset);
        changed[changed.Length - 50] ^= 0x01;
        ValidationReport altered = await ManifestVerifier.VerifyAsync(new MemoryStream(changed), options);

        Assert.True(ours.State == ValidationState.Trusted, $"{ours.State}: {string.Join(", ", ours.ActiveManifestResults.Failure.Select(f => $"{f.Code} {f.Explanation}"))}");
        Assert.Equal(ManifestSource.Remote, ours.ManifestSource);
        Assert.Equal(url.AbsoluteUri, ours.RemoteManifestUrl);

        // Not fetched: c2pa-rs's reader refuses with its RemoteManifestUrl error; Provenance reports the URL, Invalid.
        Assert.Contains("RemoteManifestUrl", theirsNotFetched.Error ?? "");
        Assert.Equal(ValidationState.Invalid, notFetched.State);
        Assert.Equal(url.AbsoluteUri, notFetched.RemoteManifestUrl);
        Assert.Equal(ValidationState.Invalid, altered.State);
        Assert.Contains(altered.ActiveManifestResults.Failure, f => f.Code is StatusCodes.AssertionDataHashMismatch or StatusCodes.AssertionBmffHashMismatch);
    }

    [Theory]
    [InlineData("no_manifest.jpg", "image/jpeg")]
    [InlineData("sample1.png", "image/png")]
    [InlineData("video1_no_manifest.mp4", "video/mp4")]
    public async Task C2paRs_RemoteReferenceWrittenByProvenance_ReadAsRemote(string fixture, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        Uri url = _server.Url("stores/ours.c2pa");
        (byte[] asset, byte[] store) = await RemoteManifestTests.SignRemoteAsync(File.ReadAllBytes(TestPaths.Fixture(fixture)), url);
        _server.Serve("ours.c2pa", store);
        string path = Path.Combine(dir, "asset");
        File.WriteAllBytes(path, asset);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);

        string settings = Path.Combine(dir, "fetch.json");
        File.WriteAllText(settings, System.Text.Json.JsonSerializer.Serialize(new
        {
            trust = new { trust_anchors = File.ReadAllText(root) },
            verify = new { verify_trust = true, remote_manifest_fetch = true },
        }));

        // Without fetching, c2pa-rs must find our reference and name it, as it does its own; with fetching, trust it.
        C2paRsReport named = C2paRs.Verify(path, mimeType, root);
        C2paRsReport fetched = C2paRs.VerifyWithSettings(path, mimeType, settings);

        Assert.Contains("RemoteManifestUrl", named.Error ?? "");
        Assert.Contains(url.AbsoluteUri, named.Error ?? "");
        Assert.True(fetched.ValidationState == "Trusted", $"c2pa-rs with fetching: {fetched.ValidationState} [{string.Join(", ", fetched.FailureCodes)}] {fetched.Error}");
        Assert.Empty(fetched.FailureCodes);
    }
}
