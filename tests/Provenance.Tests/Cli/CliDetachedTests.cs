using System.Text.Json;
using Provenance.Tests.Detached;

namespace Provenance.Tests.Cli;

/// <summary><c>sign --sidecar</c>, <c>sign --remote-url --no-embed --store</c>, and <c>verify</c> finding or fetching the store.</summary>
[Collection("cli")]
public sealed class CliDetachedTests : IDisposable
{
    private readonly LocalManifestServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void SignSidecar_AssetUnchanged_VerifyFindsTheSidecar_AndRefusesAChangedAsset()
    {
        string dir = TestPaths.NewTempDirectory();
        string asset = Path.Combine(dir, "photo.jpg");
        File.Copy(TestPaths.Fixture("no_manifest.jpg"), asset);

        (int signExit, _, string signError) = CliTests.Run(dir, "sign", asset, "--sidecar", "--author", "Ada");
        (int verifyExit, string json, _) = CliTests.Run(dir, "verify", asset, "--json");
        byte[] changed = File.ReadAllBytes(asset);
        changed[^100] ^= 1;
        string changedPath = Path.Combine(dir, "changed.jpg");
        File.WriteAllBytes(changedPath, changed);
        (int changedExit, _, _) = CliTests.Run(dir, "verify", changedPath, "--sidecar", Path.Combine(dir, "photo.c2pa"));

        Assert.True(signExit == 0, signError);
        Assert.Equal(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), File.ReadAllBytes(asset));
        Assert.True(File.Exists(Path.Combine(dir, "photo.c2pa")));
        Assert.Equal(0, verifyExit);
        using JsonDocument report = JsonDocument.Parse(json);
        Assert.Equal("Trusted", report.RootElement.GetProperty("validation_state").GetString());
        Assert.Equal(1, changedExit);
    }

    [Fact]
    public void SignRemote_NoEmbed_VerifyFetchesOnlyFromAllowedHost()
    {
        string dir = TestPaths.NewTempDirectory();
        string asset = Path.Combine(dir, "signed.png");
        string store = Path.Combine(dir, "published.c2pa");
        Uri url = _server.Url("stores/cli.c2pa");

        (int signExit, _, string signError) = CliTests.Run(dir, "sign", TestPaths.Fixture("sample1.png"), "-o", asset, "--remote-url", url.AbsoluteUri, "--no-embed", "--store", store);
        _server.Serve("cli.c2pa", File.ReadAllBytes(store));
        (int notFetchedExit, string notFetched, _) = CliTests.Run(dir, "verify", asset);
        (int fetchedExit, string fetched, string fetchError) = CliTests.Run(dir, "verify", asset, "--remote-allow", "127.0.0.1");

        Assert.True(signExit == 0, signError);
        Assert.Equal(1, notFetchedExit);
        Assert.Contains("manifest.inaccessible", notFetched);
        Assert.True(fetchedExit == 0, fetched + fetchError);
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
    }

    [Fact]
    public void Sign_DetachedOptionsThatDoNotGoTogether_BadInput()
    {
        string dir = TestPaths.NewTempDirectory();
        string input = TestPaths.Fixture("no_manifest.jpg");

        Assert.Equal(3, CliTests.Run(dir, "sign", input, "--sidecar", "--remote-url", "https://example.org/a.c2pa").ExitCode);
        Assert.Equal(3, CliTests.Run(dir, "sign", input, "-o", Path.Combine(dir, "a.jpg"), "--no-embed").ExitCode);
        Assert.Equal(3, CliTests.Run(dir, "sign", input, "-o", Path.Combine(dir, "a.jpg"), "--remote-url", "https://example.org/a.c2pa", "--no-embed").ExitCode);
        Assert.Empty(Directory.GetFiles(dir, "*.jpg"));
    }
}
