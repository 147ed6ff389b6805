using System.Text.Json;
using Provenance.Cryptography;

namespace Provenance.Tests.Cli;

/// <summary><c>verify</c>'s trust options (<c>--allowed</c>, <c>--trust-config</c>, <c>--settings</c>) and Ed25519 signing from the command line.</summary>
[Collection("cli")]
public class CliTrustTests
{
    private static readonly Lazy<string> CliAssembly = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Provenance.Cli.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The CLI is built with the tests.", path);
    });

    [Fact]
    public void Sign_Ed25519KeyWithoutAlg_SignsEd25519AndVerifiesTrusted()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, string root) = TestSigners.WriteFiles(SigningAlgorithm.Ed25519, dir);
        string output = Path.Combine(dir, "signed.jpg");

        (int signExit, string signOutput, string signError) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output, "--cert", chain, "--key", key);
        (int verifyExit, string json, string verifyError) = Run(dir, "verify", output, "--trust", root, "--json");

        Assert.True(signExit == 0, signError);
        Assert.Contains("(Ed25519,", signOutput, StringComparison.Ordinal);
        Assert.True(verifyExit == 0, verifyError);
        using JsonDocument report = JsonDocument.Parse(json);
        Assert.Equal("Trusted", report.RootElement.GetProperty("validation_state").GetString());
    }

    [Fact]
    public void Sign_Ed25519KeyWithEcdsaAlg_BadInput()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.Ed25519, dir);

        (int exit, _, string error) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", Path.Combine(dir, "out.jpg"), "--cert", chain, "--key", key, "--alg", "es256");

        Assert.Equal(3, exit);
        Assert.Contains("Ed25519 only", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AllowedListOrSettingsFile_TrustsSignerWithoutAnchor()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, _, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string signed = SignWithTestSigner(dir);
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(chain));
        string allowed = Path.Combine(dir, "allowed.txt");
        File.WriteAllText(allowed, "# the test signer, by hash\n" + AllowedSignerList.GetHash(certificate) + "\n");
        string settings = Path.Combine(dir, "settings.json");
        File.WriteAllText(settings, JsonSerializer.Serialize(new { trust = new { allowed_list = File.ReadAllText(chain) } }));

        // No development CA in this home, and no --trust: only the allowed list can make the signer trusted.
        Assert.Equal("Valid", State(Run(dir, "verify", signed, "--json")));
        Assert.Equal("Trusted", State(Run(dir, "verify", signed, "--json", "--allowed", allowed)));
        Assert.Equal("Trusted", State(Run(dir, "verify", signed, "--json", "--settings", settings)));
        (int exit, string text, _) = Run(dir, "verify", signed, "--allowed", allowed);
        Assert.Equal(0, exit);
        Assert.Contains("allowed list: 1 certificate", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TrustConfigAddsOwnEku_SignerWithItTrusted()
    {
        string dir = TestPaths.NewTempDirectory();
        string root = Path.Combine(dir, "root.pem");
        File.WriteAllText(root, TestSigners.Root.ExportCertificatePem());
        using var certificate = TestSigners.Root.IssueSigningCertificate("Own EKU", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = ["1.3.6.1.4.1.311.10.3.12"] });
        string signed = Path.Combine(dir, "signed.jpg");
        using (LocalSigner signer = LocalSigner.FromCertificate(certificate))
        {
            await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), signed, signer, new SigningOptions { Thumbnails = null, VerifyAfterSign = false });
        }

        string config = Path.Combine(dir, "ekus.cfg");
        File.WriteAllText(config, "// Microsoft document signing\n1.3.6.1.4.1.311.10.3.12\n");

        Assert.Equal("Invalid", State(Run(dir, "verify", signed, "--json", "--trust", root)));
        Assert.Equal("Trusted", State(Run(dir, "verify", signed, "--json", "--trust", root, "--trust-config", config)));
        Assert.Equal("Trusted", State(Run(dir, "tree", signed, "--trust", root, "--trust-config", config), tree: true));
    }

    [Theory]
    [InlineData("--allowed", "allowed.txt", "# list\nnot a hash\n", "allowed.txt line 2:")]
    [InlineData("--trust", "anchors.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n", "anchors.pem line 1:")]
    [InlineData("--trust-config", "ekus.cfg", "1.2.3\nbogus\n", "ekus.cfg line 2:")]
    [InlineData("--settings", "settings.json", "{\n\"trust\": {\"allowed_list\": \"AAAA\"}\n}", "settings.json line 2, trust.allowed_list line 1:")]
    public void Verify_MalformedTrustFile_BadInputNamingFileAndLine(string option, string name, string content, string where)
    {
        string dir = TestPaths.NewTempDirectory();
        string signed = SignWithTestSigner(dir);
        string file = Path.Combine(dir, name);
        File.WriteAllText(file, content);

        (int exit, _, string error) = Run(dir, "verify", signed, option, file);

        Assert.Equal(3, exit);
        Assert.Contains(Path.Combine(dir, where), error, StringComparison.Ordinal);
    }

    private static string SignWithTestSigner(string dir)
    {
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string signed = Path.Combine(dir, "signed.jpg");
        (int exit, _, string error) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", signed, "--cert", chain, "--key", key);
        Assert.True(exit == 0, error);
        return signed;
    }

    private static string? State((int ExitCode, string Output, string Error) run, bool tree = false)
    {
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        if (tree)
        {
            // tree's first line: "<name>: <state>; AI: ..."
            return run.Output.Split('\n')[0].Split(':', 2)[1].Split(';')[0].Trim();
        }

        using JsonDocument report = JsonDocument.Parse(run.Output);
        return report.RootElement.GetProperty("validation_state").GetString();
    }

    private static (int ExitCode, string Output, string Error) Run(string home, params string[] arguments)
        => ProcessRunner.Run("dotnet", [CliAssembly.Value, .. arguments], TimeSpan.FromMinutes(2), "dotnet is not on PATH.", environment: new Dictionary<string, string> { ["PROVENANCE_HOME"] = home });
}
