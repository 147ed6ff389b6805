using System.CommandLine;
using Provenance.Validation;

namespace Provenance.Cli.Commands;

/// <summary><c>provenance inspect</c>: print the whole manifest store.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The asset to inspect." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("inspect", "Print every manifest of an asset's manifest store.") { file, json };
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            FileInfo asset = result.GetValue(file)!;
            ValidationReport report = await ManifestVerifier.VerifyFileAsync(asset.FullName, VerificationOptions.Default, cancellationToken).ConfigureAwait(false);
            if (!report.HasManifest)
            {
                Console.Error.WriteLine($"{asset.Name}: no C2PA manifest");
                return ExitCodes.NoManifest;
            }

            if (result.GetValue(json))
            {
                Console.WriteLine(ReportJsonWriter.ToJson(report));
                return ExitCodes.Success;
            }

            foreach (ManifestReport manifest in report.Manifests)
            {
                Console.WriteLine($"{manifest.Label}{(manifest.Label == report.ActiveManifest ? "  (active)" : "")}");
                Console.WriteLine($"  title: {manifest.Title ?? "(none)"}   claim v{manifest.ClaimVersion}   signer: {manifest.Signature?.Issuer ?? "(not validated)"}");
                foreach (AssertionInfo assertion in manifest.Assertions)
                {
                    string content = assertion.ContentAsJson ?? $"[{assertion.Kind}{(assertion.MediaType is null ? "" : " " + assertion.MediaType)}{(assertion.Size is null ? "" : $", {assertion.Size} bytes")}]";
                    Console.WriteLine($"  - {assertion.Label}: {Truncate(content, 300)}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
