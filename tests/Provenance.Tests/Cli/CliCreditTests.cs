using System.Text.Json;
using Provenance.Tests.Signing;

namespace Provenance.Tests.Cli;

/// <summary><c>provenance sign</c>'s credit, consent and identity options, read back by <c>verify --json</c>.</summary>
[Collection("cli")]
public class CliCreditTests
{
    private static readonly Lazy<string> CliAssembly = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Provenance.Cli.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The CLI is built with the tests.", path);
    });

    [Fact]
    public void Sign_CreditTrainingAndIdentityOptions_InVerifyJson()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");
        (string identityChain, string identityKey) = TestIdentities.WriteCredential(dir);
        string identityRoot = TestIdentities.WriteRoot(dir);

        (int signExit, _, string signError) = Run(
            dir,
            "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output,
            "--author", CreditNames.Arabic, "--author-id", "https://orcid.org/0000-0002-1825-0097", "--author-role", "photographer",
            "--author", CreditNames.Devanagari, "--author-id", "-", "--author-role", "illustrator",
            "--copyright", CreditNames.Chinese, "--license", "https://creativecommons.org/licenses/by/4.0/", "--licensing-contact", "rights@example.org",
            "--training", "all=notAllowed", "--training", "ai_inference=constrained:ask https://example.org",
            "--identity-cert", identityChain, "--identity-key", identityKey, "--identity-role", "cawg.creator");
        Assert.True(signExit == 0, signError);
        (int verifyExit, string json, string verifyError) = Run(dir, "verify", output, "--json", "--identity-trust", identityRoot);

        Assert.True(verifyExit == 0, verifyError);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement manifest = document.RootElement.GetProperty("manifests").GetProperty(document.RootElement.GetProperty("active_manifest").GetString()!);
        JsonElement credit = manifest.GetProperty("credit");
        Assert.Equal(CreditNames.Arabic, credit.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", credit.GetProperty("authors")[0].GetProperty("identifier").GetString());
        Assert.Equal(CreditNames.Devanagari, credit.GetProperty("authors")[1].GetProperty("name").GetString());
        Assert.False(credit.GetProperty("authors")[1].TryGetProperty("identifier", out _));
        Assert.Equal("illustrator", credit.GetProperty("authors")[1].GetProperty("role").GetString());
        Assert.Equal(CreditNames.Chinese, credit.GetProperty("copyright_holder").GetString());
        Assert.Equal("rights@example.org", credit.GetProperty("licensing_contact").GetString());
        JsonElement training = manifest.GetProperty("training_mining");
        Assert.Equal("notAllowed", training.GetProperty("ai_generative_training").GetProperty("use").GetString());
        Assert.Equal("ask https://example.org", training.GetProperty("ai_inference").GetProperty("constraint_info").GetString());
        Assert.Contains(
            document.RootElement.GetProperty("validation_results").GetProperty("activeManifest").GetProperty("success").EnumerateArray(),
            s => s.GetProperty("code").GetString() == "cawg.identity.trusted");
    }

    [Theory]
    [InlineData("--training", "ai_training")]
    [InlineData("--training", "ai_training=maybe")]
    [InlineData("--training", "ai_training=allowed:terms")]
    [InlineData("--author-id", "https://example.org")]
    [InlineData("--identity-role", "cawg.creator")]
    public void Sign_BadCreditOption_BadInput(string option, string value)
    {
        string dir = TestPaths.NewTempDirectory();

        (int exit, _, _) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", Path.Combine(dir, "out.jpg"), option, value);

        Assert.Equal(3, exit);
    }

    private static (int ExitCode, string Output, string Error) Run(string home, params string[] arguments)
        => ProcessRunner.Run("dotnet", [CliAssembly.Value, .. arguments], TimeSpan.FromMinutes(2), "dotnet is not on PATH.", environment: new Dictionary<string, string> { ["PROVENANCE_HOME"] = home });
}
