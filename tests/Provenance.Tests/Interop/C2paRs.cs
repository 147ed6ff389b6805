using System.Text.Json;

namespace Provenance.Tests.Interop;

/// <summary>c2pa-rs's verdict on a file, from tests/interop/verify.mjs.</summary>
internal sealed record C2paRsReport(string? ValidationState, int ManifestCount, IReadOnlyList<string> FailureCodes, JsonElement Report, string? Error);

/// <summary>
/// Runs c2pa-rs (the WebAssembly build of the reference implementation, @contentauth/c2pa-wasm) through Node.
/// Missing Node or packages fail the test with the command that fixes it: interoperability is never skipped.
/// </summary>
internal static class C2paRs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static string HarnessDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "interop");

    /// <summary>c2pa-rs's report on a file; an error (such as "no manifest") is returned in <see cref="C2paRsReport.Error"/>.</summary>
    public static C2paRsReport Verify(string path, string mimeType, string? trustAnchorsPemPath)
        => Report(["verify.mjs", path, mimeType], trustAnchorsPemPath);

    /// <summary>c2pa-rs's report with, besides the claim signers' anchors, anchors for CAWG identity credentials.</summary>
    public static C2paRsReport Verify(string path, string mimeType, string? trustAnchorsPemPath, string identityAnchorsPemPath)
        => Report(["verify.mjs", path, mimeType, trustAnchorsPemPath ?? "-", identityAnchorsPemPath], null);

    /// <summary>
    /// c2pa-rs's report with the trust of a c2pa-rs settings file (<c>{"trust": {...}, "verify": {...}}</c>, the file
    /// Provenance reads with <see cref="Provenance.Cryptography.TrustSettings.FromJsonFile"/>) and no other anchors.
    /// </summary>
    public static C2paRsReport VerifyWithSettings(string path, string mimeType, string settingsPath)
        => Report(["verify.mjs", path, mimeType, "-", "-", settingsPath], null);

    /// <summary>c2pa-rs's report on one media segment verified with its init segment.</summary>
    public static C2paRsReport VerifyFragment(string initPath, string segmentPath, string mimeType, string? trustAnchorsPemPath)
        => Report(["verify-fragment.mjs", initPath, segmentPath, mimeType], trustAnchorsPemPath);

    private static C2paRsReport Report(List<string> arguments, string? trustAnchorsPemPath)
    {
        if (trustAnchorsPemPath is not null)
        {
            arguments.Add(trustAnchorsPemPath);
        }

        (int exitCode, string output, string error) = RunNode(arguments);
        if (exitCode != 0)
        {
            return new C2paRsReport(null, 0, [], default, error.Trim());
        }

        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement root = document.RootElement.Clone();
        return new C2paRsReport(
            root.GetProperty("validation_state").GetString(),
            root.GetProperty("manifest_count").GetInt32(),
            [.. root.GetProperty("failure").EnumerateArray().Select(e => e.GetString()!)],
            root.GetProperty("report"),
            null);
    }

    /// <summary>
    /// c2pa-rs's builder signs <paramref name="input"/> into <paramref name="output"/>, with a manifest definition
    /// (c2pa-rs's JSON, as tests/interop/sign.mjs takes it) or, when null, a c2pa.created digitalCapture one.
    /// </summary>
    public static void Sign(string input, string output, string mimeType, string chainPemPath, string keyPemPath, string algorithm, string? manifestJson = null)
    {
        List<string> arguments = ["sign.mjs", input, output, mimeType, chainPemPath, keyPemPath, algorithm];
        if (manifestJson is not null)
        {
            string definition = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileName(output) + ".manifest.json");
            File.WriteAllText(definition, manifestJson);
            arguments.Add(definition);
        }

        (int exitCode, _, string error) = RunNode(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"c2pa-rs could not sign {input}: {error.Trim()}");
        }
    }

    /// <summary>
    /// c2pa-rs's builder signs <paramref name="input"/> without embedding the store (its <c>no_embed</c>):
    /// <paramref name="outputAsset"/> receives the asset, with an XMP reference when <paramref name="remoteUrl"/> is
    /// given, and <paramref name="outputStore"/> the manifest store (tests/interop/sign-detached.mjs).
    /// </summary>
    public static void SignDetached(string input, string outputAsset, string outputStore, string mimeType, string chainPemPath, string keyPemPath, string algorithm, string? remoteUrl = null)
    {
        List<string> arguments = ["sign-detached.mjs", input, outputAsset, outputStore, mimeType, chainPemPath, keyPemPath, algorithm];
        if (remoteUrl is not null)
        {
            arguments.Add(remoteUrl);
        }

        (int exitCode, _, string error) = RunNode(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"c2pa-rs could not sign {input} detached: {error.Trim()}");
        }
    }

    private static (int ExitCode, string Output, string Error) RunNode(IReadOnlyList<string> arguments)
    {
        if (!Directory.Exists(Path.Combine(HarnessDirectory, "node_modules", "@contentauth", "c2pa-wasm")))
        {
            throw new InvalidOperationException($"c2pa-rs is not installed: run 'npm ci' in {HarnessDirectory} (scripts/test.sh does it).");
        }

        return ProcessRunner.Run("node", arguments, Timeout, "Node.js is needed for the c2pa-rs interoperability tests and was not found on PATH.", HarnessDirectory);
    }
}
