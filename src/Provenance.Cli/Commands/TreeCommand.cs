using System.CommandLine;
using Provenance.Assertions;
using Provenance.Validation;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance tree</c>: print the chain of ingredients, manifest by manifest, each with its relationship, title,
/// signer, digital source types and whether it validated.
/// </summary>
internal static class TreeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The asset." };
        var trust = new TrustOptions();
        var command = new Command("tree", "Print the chain of ingredients of an asset.") { file };
        trust.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            FileInfo asset = result.GetValue(file)!;
            VerificationOptions options = trust.Apply(result, VerificationOptions.Default).Options;
            ValidationReport report = await ManifestVerifier.VerifyFileAsync(asset.FullName, options, cancellationToken).ConfigureAwait(false);
            if (!report.HasManifest || report.ActiveManifest is null)
            {
                Console.Error.WriteLine($"{asset.Name}: no C2PA manifest");
                return ExitCodes.NoManifest;
            }

            var byLabel = new Dictionary<string, ManifestReport>(StringComparer.Ordinal);
            foreach (ManifestReport manifest in report.Manifests)
            {
                byLabel.TryAdd(manifest.Label, manifest);
            }

            Console.WriteLine($"{asset.Name}: {report.State}; AI: {report.Summary.Ai.ToString().ToLowerInvariant()}; content intact: {(report.ContentIntact ? "yes" : "no")}");
            ManifestReport active = byLabel[report.ActiveManifest];
            Print(active, active.Title, byLabel, "", "", validity: report.State?.ToString() ?? "", new HashSet<string>(StringComparer.Ordinal));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(ManifestReport manifest, string? title, Dictionary<string, ManifestReport> manifests, string head, string indent, string validity, HashSet<string> seen)
    {
        Console.WriteLine($"{head}{title ?? manifest.Title ?? "(untitled)"} [{manifest.Label}] {validity}");
        string detail = indent + "   ";
        Console.WriteLine($"{detail}signer: {Signer(manifest.Signature)}");
        List<string> sources = [.. manifest.Actions.Where(a => a.DigitalSourceType is not null).Select(a => $"{a.Action} {ShortName(a.DigitalSourceType!)}{(DigitalSourceTypes.IsGenerativeAi(a.DigitalSourceType) && a.SoftwareAgent is { } agent ? $" by {ReportPrinter.Name(agent)}" : "")}")];
        Console.WriteLine($"{detail}source types: {(sources.Count == 0 ? "none stated" : string.Join(", ", sources))}");
        if (!seen.Add(manifest.Label))
        {
            Console.WriteLine($"{detail}(its ingredients are listed above)");
            return;
        }

        foreach (IngredientInfo ingredient in manifest.Ingredients)
        {
            string node = $"{indent}└─ {ingredient.Relationship ?? "?"}: ";
            if (ingredient.ActiveManifest is null || ingredient.HashCheck == IngredientHashCheck.NoManifest)
            {
                Console.WriteLine($"{node}{ingredient.Title ?? ingredient.Label} ({ingredient.Format ?? "unknown format"}), no manifest");
            }
            else if (!manifests.TryGetValue(ingredient.ActiveManifest, out ManifestReport? child))
            {
                Console.WriteLine($"{node}{ingredient.Title ?? ingredient.Label} [{ingredient.ActiveManifest}] missing from the store");
            }
            else
            {
                string state = ingredient.State?.ToString() ?? "not checked";
                string hash = ingredient.HashCheck switch
                {
                    IngredientHashCheck.Matched => "",
                    IngredientHashCheck.Mismatch => " (its manifest does not match the ingredient's hash)",
                    _ => $" (hash {ingredient.HashCheck.ToString().ToLowerInvariant()})",
                };
                Print(child, ingredient.Title, manifests, node, indent + "   ", state + hash, seen);
            }
        }
    }

    private static string Signer(SignatureInfo? signature) => signature is null
        ? "unknown (signature unreadable or not validated)"
        : $"{signature.Issuer ?? "?"}{(signature.CommonName is { } cn && cn != signature.Issuer ? $" ({cn})" : "")}"
            + (signature.Time is { } time ? $", time-stamped {time:u}" : "")
            + (signature.IsTrusted == true ? ", trusted" : ", not trusted");

    private static string ShortName(string uri) => uri[(uri.LastIndexOf('/') + 1)..];
}
