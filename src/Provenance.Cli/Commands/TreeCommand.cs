using System.CommandLine;
using Provenance.Validation;

namespace Provenance.Cli.Commands;

/// <summary><c>provenance tree</c>: print the chain of ingredients, manifest by manifest.</summary>
internal static class TreeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The asset." };
        var command = new Command("tree", "Print the chain of ingredients of an asset.") { file };
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            FileInfo asset = result.GetValue(file)!;
            ValidationReport report = await ManifestVerifier.VerifyFileAsync(asset.FullName, VerificationOptions.Default, cancellationToken).ConfigureAwait(false);
            if (!report.HasManifest || report.ActiveManifest is null)
            {
                Console.Error.WriteLine($"{asset.Name}: no C2PA manifest");
                return ExitCodes.NoManifest;
            }

            var byLabel = report.Manifests.ToDictionary(m => m.Label);
            Print(asset.Name, report.ActiveManifest, byLabel, "", new HashSet<string>());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(string name, string label, Dictionary<string, ManifestReport> manifests, string indent, HashSet<string> seen)
    {
        if (!manifests.TryGetValue(label, out ManifestReport? manifest) || !seen.Add(label))
        {
            Console.WriteLine($"{indent}{name} [{label}] (not in the store)");
            return;
        }

        Console.WriteLine($"{indent}{manifest.Title ?? name} [{label}]");
        foreach (IngredientInfo ingredient in manifest.Ingredients)
        {
            string child = $"{ingredient.Title ?? ingredient.Label} ({ingredient.Relationship})";
            if (ingredient.ActiveManifest is null)
            {
                Console.WriteLine($"{indent}  └─ {child} — no manifest");
            }
            else
            {
                Print(child, ingredient.ActiveManifest, manifests, indent + "  ", seen);
            }
        }
    }
}
