using System.Text.Json;

namespace Provenance.Tests.Cli;

/// <summary>The command-line contract of DESIGN.md: commands, JSON shape and exit codes.</summary>
[Collection("cli")]
public class CliTests
{
    private static readonly Lazy<string> CliAssembly = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Provenance.Cli.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The CLI is built with the tests.", path);
    });

    [Fact]
    public void SignThenVerify_DevelopmentCertificate_TrustedLocallyWithJsonReport()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");

        (int signExit, _, string signError) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output, "--author", "Ada", "--ai", "--model", "M1", "--no-ai-training");
        (int verifyExit, string json, _) = Run(dir, "verify", output, "--json");

        Assert.Equal(0, signExit);
        Assert.Contains("development", signError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, verifyExit);
        using JsonDocument report = JsonDocument.Parse(json);
        JsonElement root = report.RootElement;
        Assert.Equal("Trusted", root.GetProperty("validation_state").GetString());
        Assert.Empty(root.GetProperty("validation_results").GetProperty("activeManifest").GetProperty("failure").EnumerateArray());
        string active = root.GetProperty("active_manifest").GetString()!;
        Assert.True(root.GetProperty("manifests").TryGetProperty(active, out _));
        Assert.Equal("generated", root.GetProperty("summary").GetProperty("ai").GetString());
        Assert.Equal("M1", root.GetProperty("summary").GetProperty("model").GetProperty("name").GetString());
        Assert.True(root.GetProperty("summary").GetProperty("content_intact").GetBoolean());
        Assert.Equal("notAllowed", root.GetProperty("summary").GetProperty("training_mining").GetProperty("ai_training").GetProperty("use").GetString());
    }

    [Fact]
    public void Verify_ExitCodes_FollowTheContract()
    {
        string dir = TestPaths.NewTempDirectory();
        string notImage = Path.Combine(dir, "x.jpg");
        File.WriteAllText(notImage, "plain text");
        string anchors = TestPaths.Fixture("test_cert_root_bundle.pem");

        Assert.Equal(0, Run(dir, "verify", TestPaths.Fixture("C.jpg"), "--trust", anchors).ExitCode);
        Assert.Equal(1, Run(dir, "verify", TestPaths.Fixture("XCA.jpg"), "--trust", anchors).ExitCode);
        Assert.Equal(2, Run(dir, "verify", TestPaths.Fixture("no_manifest.jpg")).ExitCode);
        Assert.Equal(3, Run(dir, "verify", notImage).ExitCode);
        Assert.Equal(3, Run(dir, "verify", Path.Combine(dir, "missing.jpg")).ExitCode);
        Assert.Equal(3, Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg")).ExitCode); // -o is required
    }

    [Fact]
    public void Verify_UnsupportedAndCorruptInput_ExitThreeWithDifferentMessages()
    {
        string dir = TestPaths.NewTempDirectory();
        string text = Path.Combine(dir, "notes.jpg");
        File.WriteAllText(text, "plain text");
        string corrupt = Path.Combine(dir, "corrupt.jpg");
        File.WriteAllBytes(corrupt, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00, 0x00]);

        (int unsupportedExit, _, string unsupported) = Run(dir, "verify", text);
        (int corruptExit, _, string malformed) = Run(dir, "verify", corrupt);

        Assert.Equal(3, unsupportedExit);
        Assert.StartsWith("error: unsupported format:", unsupported, StringComparison.Ordinal);
        Assert.Contains("JPEG, PNG", unsupported, StringComparison.Ordinal);
        Assert.Equal(3, corruptExit);
        Assert.StartsWith("error: malformed input: JPEG:", malformed, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_Heic_SignsAndVerifies()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.heic");

        (int signExit, _, string error) = Run(dir, "sign", TestPaths.Fixture("formats/sample1.heic"), "-o", output);

        Assert.True(signExit == 0, error);
        Assert.Equal(0, Run(dir, "verify", output).ExitCode);
    }

    [Fact]
    public void Sign_NoVerifyAfterSign_SignsAndVerifies()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.png");

        (int signExit, _, _) = Run(dir, "sign", TestPaths.Fixture("sample1.png"), "-o", output, "--no-verify-after-sign");

        Assert.Equal(0, signExit);
        Assert.Equal(0, Run(dir, "verify", output).ExitCode);
    }

    [Theory]
    [InlineData("--no-thumbnail", false)]
    [InlineData("--verify-after-sign-hash", true)]
    public void Sign_ThumbnailAndVerifyOptions_ShapeTheManifest(string option, bool thumbnail)
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.png");

        (int signExit, _, string signError) = Run(dir, "sign", TestPaths.Fixture("sample1.png"), "-o", output, option);
        (int inspectExit, string listing, _) = Run(dir, "inspect", output);

        Assert.Equal(0, signExit);
        Assert.True(string.IsNullOrEmpty(signError) || !signError.Contains("error", StringComparison.Ordinal), signError);
        Assert.Equal(0, inspectExit);
        Assert.Equal(thumbnail, listing.Contains("c2pa.thumbnail.claim", StringComparison.Ordinal));
        Assert.Equal(0, Run(dir, "verify", output).ExitCode);
    }

    [Fact]
    public void Inspect_SignedFixture_ListsAssertions()
    {
        (int exit, string output, _) = Run(TestPaths.NewTempDirectory(), "inspect", TestPaths.Fixture("CA.jpg"));

        Assert.Equal(0, exit);
        Assert.Contains("c2pa.hash.data", output, StringComparison.Ordinal);
        Assert.Contains("c2pa.ingredient", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IdentityTrust_MakesTheCawgIdentityTrusted()
    {
        // c2pa-rs's C_with_CAWG_data.jpg: its identity credential chains to a root of the bundle, given separately.
        string dir = TestPaths.NewTempDirectory();
        string bundle = TestPaths.Fixture("test_cert_root_bundle.pem");

        (int untrustedExit, string untrusted, _) = Run(dir, "verify", TestPaths.Fixture("C_with_CAWG_data.jpg"), "--trust", bundle);
        (int trustedExit, string trusted, _) = Run(dir, "verify", TestPaths.Fixture("C_with_CAWG_data.jpg"), "--trust", bundle, "--identity-trust", bundle);

        Assert.Equal(0, untrustedExit);
        Assert.Contains(": Valid", untrusted, StringComparison.Ordinal);
        Assert.Contains("identity:        C2PA Signer (C2PA Test Signing Cert), not on the identity trust list", untrusted, StringComparison.Ordinal);
        Assert.Contains("FAILURE cawg.x509.credential.untrusted", untrusted, StringComparison.Ordinal);
        Assert.Equal(0, trustedExit);
        Assert.Contains(": Trusted", trusted, StringComparison.Ordinal);
        Assert.Contains("identity:        C2PA Signer (C2PA Test Signing Cert), trusted", trusted, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_EditOfFixture_PrintsRelationshipSignerSourceTypesAndValidity()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "edit.jpg");
        string anchors = TestPaths.Fixture("test_cert_root_bundle.pem");
        Assert.Equal(0, Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output, "--component", TestPaths.Fixture("C.jpg"), "--source-type", "digitalCapture").ExitCode);

        (int exitCode, string tree, _) = Run(dir, "tree", output, "--trust", anchors);

        Assert.Equal(0, exitCode);
        Assert.Contains("AI: algorithmic", tree, StringComparison.Ordinal);
        Assert.Contains("c2pa.created digitalCapture", tree, StringComparison.Ordinal);
        Assert.Contains("componentOf: C.jpg", tree, StringComparison.Ordinal);
        Assert.Contains("C2PA Test Signing Cert", tree, StringComparison.Ordinal);
        Assert.Contains("c2pa.created algorithmicMedia", tree, StringComparison.Ordinal);
        Assert.Equal(2, Run(dir, "tree", TestPaths.Fixture("no_manifest.jpg")).ExitCode);
    }

    internal static (int ExitCode, string Output, string Error) Run(string home, params string[] arguments)
        => ProcessRunner.Run("dotnet", [CliAssembly.Value, .. arguments], TimeSpan.FromMinutes(2), "dotnet is not on PATH.", environment: new Dictionary<string, string> { ["PROVENANCE_HOME"] = home });
}
