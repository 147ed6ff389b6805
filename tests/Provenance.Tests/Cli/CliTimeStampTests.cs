using System.Text.Json;
using Provenance.Tests.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Cli;

/// <summary><c>sign --tsa</c> and <c>verify --tsa-trust</c>, against a time-stamp authority on 127.0.0.1.</summary>
[Collection("cli")]
public class CliTimeStampTests
{
    private static readonly Lazy<string> CliAssembly = new(() => Path.Combine(AppContext.BaseDirectory, "Provenance.Cli.dll"));

    [Fact]
    public async Task SignWithTsa_VerifyWithAndWithoutTsaTrust_TrustedOnlyWithIt()
    {
        using var tsa = TestTimeStampAuthority.Create();
        await using var server = LocalHttpServer.Start(query => new HttpAnswer(200, tsa.ReplyWithOpenSsl(query)));
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");

        (int signExit, _, string signError) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output, "--tsa", server.Url.ToString());
        Assert.True(signExit == 0, signError);
        Assert.Equal(1, server.Requests);

        JsonElement without = Results(Run(dir, "verify", output, "--json").Output);
        JsonElement with = Results(Run(dir, "verify", output, "--json", "--tsa-trust", tsa.RootPemPath).Output);

        Assert.Contains(StatusCodes.TimeStampUntrusted, Codes(without, "informational"));
        Assert.DoesNotContain(StatusCodes.TimeStampTrusted, Codes(without, "success"));
        Assert.Contains(StatusCodes.TimeStampTrusted, Codes(with, "success"));
        Assert.Contains(StatusCodes.TimeStampValidated, Codes(with, "success"));
    }

    [Fact]
    public void SignWithTsa_NothingListens_ExitsThreeNamingTheAuthorityAndWritesNothing()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed.jpg");
        Uri dead = LocalHttpServer.DeadUrl();

        (int exit, _, string error) = Run(dir, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output, "--tsa", dead.ToString());

        Assert.Equal(3, exit);
        Assert.Contains($"error: The time-stamp authority {dead} could not be reached", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static JsonElement Results(string json)
        => JsonDocument.Parse(json).RootElement.GetProperty("validation_results").GetProperty("activeManifest").Clone();

    private static IEnumerable<string> Codes(JsonElement results, string list)
        => results.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("code").GetString()!);

    private static (int ExitCode, string Output, string Error) Run(string home, params string[] arguments)
        => ProcessRunner.Run("dotnet", [CliAssembly.Value, .. arguments], TimeSpan.FromMinutes(2), "dotnet is not on PATH.", environment: new Dictionary<string, string> { ["PROVENANCE_HOME"] = home });
}
