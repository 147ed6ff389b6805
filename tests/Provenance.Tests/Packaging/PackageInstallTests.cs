using System.Globalization;
using System.Text.RegularExpressions;

namespace Provenance.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: the library and the tool are packed, then a fresh consumer project restores
/// Provenance from the packed files (its own dependencies from the machine's usual source), signs and verifies a
/// sample, and the tool installed from the packed files verifies what it signed. Issue 8, second check.
/// </summary>
public class PackageInstallTests
{
    // Generous: a pack, a restore and a build on a loaded two-core machine each take a minute or more.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void PackInstallAndRun_ConsumerAndTool_SignAndVerifyFromPackedFilesOnly()
    {
        string dir = TestPaths.NewTempDirectory();
        string feed = Path.Combine(dir, "feed");
        string home = Path.Combine(dir, "home");
        string consumer = Path.Combine(dir, "consumer");
        Directory.CreateDirectory(consumer);

        // A version no earlier run used, so no package cache can hand back a stale Provenance 0.1.0.
        string suffix = "test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..8];
        string version = VersionPrefix() + "-" + suffix;
        Dictionary<string, string> environment = ChildEnvironment(dir, home);
        // Packing restores the repository's projects as a developer does, from the machine's package folder.
        Dictionary<string, string> packEnvironment = new(environment);
        packEnvironment.Remove("NUGET_PACKAGES");

        foreach (string project in new[] { "Provenance", "Provenance.Cli" })
        {
            // A separate artifacts folder keeps this build out of the repository's bin and obj.
            (int exit, string output) = Dotnet(
                TestPaths.RepositoryRoot,
                packEnvironment,
                "pack", Path.Combine("src", project, project + ".csproj"), "-c", "Release", "-o", feed,
                "--artifacts-path", Path.Combine(dir, "artifacts"), "-p:VersionSuffix=" + suffix);
            Assert.True(exit == 0, output);
            Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);
            Assert.True(File.Exists(Path.Combine(feed, $"{project}.{version}.nupkg")), output);
            Assert.True(File.Exists(Path.Combine(feed, $"{project}.{version}.snupkg")), output);
        }

        WriteConsumer(consumer, feed, version);
        string signed = Path.Combine(dir, "signed.jpg");
        (int runExit, string runOutput) = Dotnet(
            consumer,
            environment,
            "run", "-c", "Release", "--", Path.Combine(TestPaths.RepositoryRoot, "samples", "sample.jpg"), signed);
        Assert.True(runExit == 0, runOutput);
        Assert.Contains("consumer: Trusted", runOutput, StringComparison.Ordinal);
        Assert.Contains($"\"Provenance/{version}\"", File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(dir, "packages", "provenance", version)), "Provenance was not restored from the packed files.");

        string tools = Path.Combine(dir, "tools");
        (int installExit, string installOutput) = Dotnet(
            dir,
            environment,
            "tool", "install", "--tool-path", tools, "--add-source", feed, "Provenance.Cli", "--version", version);
        Assert.True(installExit == 0, installOutput);

        string tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "provenance.exe" : "provenance");
        (int verifyExit, string verifyOutput, string verifyError) = ProcessRunner.Run(
            tool, ["verify", signed], StepTimeout, "The installed provenance tool did not start.", dir, environment);
        Assert.True(verifyExit == 0, verifyOutput + verifyError);
        Assert.Contains("Trusted", verifyOutput, StringComparison.Ordinal);

        (int helpExit, string helpOutput, string helpError) = ProcessRunner.Run(
            tool, ["--help"], StepTimeout, "The installed provenance tool did not start.", dir, environment);
        Assert.True(helpExit == 0, helpOutput + helpError);
        Assert.Contains("provenance [command] [options]", helpOutput, StringComparison.Ordinal);

        // Tens of megabytes (builds, packages, the tool); kept when the test fails, for a look.
        Directory.Delete(dir, recursive: true);
    }

    private static void WriteConsumer(string consumer, string feed, string version)
    {
        // Stops MSBuild's search for Directory.Build.props and friends above the temporary folder.
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");

        // Adds the packed files as a source beside the machine's own (which serves Provenance's dependencies); the
        // machine's package folder is read as a fallback so they need not be fetched again into the private one.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="provenance-packed" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackageFolder()}" />
              </fallbackPackageFolders>
              <config>
                <add key="signatureValidationMode" value="accept" />
              </config>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Provenance" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Provenance;
            using Provenance.Assertions;
            using Provenance.Cryptography;
            using Provenance.Validation;

            DevelopmentCredentials dev = DevelopmentCertificates.EnsureCreated();
            using LocalSigner signer = dev.CreateSigner();
            var builder = new ManifestBuilder { Title = "sample.jpg" }
                .AddAuthor("Package Consumer")
                .SetDigitalSourceType(DigitalSourceTypes.DigitalCreation)
                .DisallowAiTraining();
            await builder.SignFileAsync(args[0], args[1], signer);

            ValidationReport report = await ManifestVerifier.VerifyFileAsync(args[1], new VerificationOptions { TrustAnchors = dev.LoadTrustAnchors() });
            Console.WriteLine($"consumer: {report.State}; authors: {string.Join(", ", report.Summary.Authors)}");
            return report.State == ValidationState.Trusted ? 0 : 1;
            """);
    }

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        // No build servers: one left running would keep this process's output pipes open past the command's end.
        string[] noServers = arguments[0] is "pack" or "run" ? ["--disable-build-servers"] : [];
        (int exit, string output, string error) = ProcessRunner.Run(
            "dotnet", [.. arguments, .. noServers], StepTimeout, "The dotnet CLI is needed to pack and install the packages.", workingDirectory, environment);
        return (exit, $"dotnet {string.Join(' ', arguments)} exited {exit}\n{output}\n{error}");
    }

    private static Dictionary<string, string> ChildEnvironment(string dir, string home) => new()
    {
        ["PROVENANCE_HOME"] = home,
        // A private package folder: what the consumer restores is extracted from the packed files, not found in a cache.
        ["NUGET_PACKAGES"] = Path.Combine(dir, "packages"),
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // The installed tool's launcher finds the runtime the tests run on.
        ["DOTNET_ROOT"] = DotnetRoot(),
    };

    /// <summary>The version every package takes (Directory.Build.props), so the test follows a version bump.</summary>
    private static string VersionPrefix()
    {
        string props = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "Directory.Build.props"));
        Match match = Regex.Match(props, "<VersionPrefix>([^<]+)</VersionPrefix>");
        Assert.True(match.Success, "Directory.Build.props sets no VersionPrefix.");
        return match.Groups[1].Value;
    }

    private static string MachinePackageFolder()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
    private static string DotnetRoot()
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
}
