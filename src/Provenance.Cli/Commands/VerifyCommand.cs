using System.CommandLine;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Cli.Commands;

/// <summary><c>provenance verify</c>: validate the manifests of an asset and print the verdict.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The asset to verify." };
        var trust = new Option<FileInfo[]>("--trust") { Description = "PEM bundle of trust anchors (repeatable). Default: this machine's development CA, if one was made." };
        var identityTrust = new Option<FileInfo[]>("--identity-trust") { Description = "PEM bundle of trust anchors for CAWG identity credentials (repeatable), separate from --trust. Default: none, so identities are at best well-formed." };
        var json = new Option<bool>("--json") { Description = "Print the c2pa-rs report shape as JSON, plus a summary." };
        var init = new Option<FileInfo?>("--init") { Description = "For a DASH/CMAF media segment: the init segment that carries the manifest." };
        var ocspFetch = new Option<bool>("--ocsp-fetch") { Description = "When a signature staples no usable OCSP response, ask the responder its certificate names (the file chooses the address; off by default)." };
        var command = new Command("verify", "Verify the C2PA manifests of an asset.") { file, trust, identityTrust, json, init, ocspFetch };
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            FileInfo asset = result.GetValue(file)!;
            bool asJson = result.GetValue(json);
            (TrustAnchorSet anchors, string anchorsDescription) = LoadAnchors(result.GetValue(trust));
            using ConsoleProgress? progress = ConsoleProgress.Create("verifying", asset.Exists ? asset.Length : 0, quiet: asJson);
            var options = new VerificationOptions
            {
                TrustAnchors = anchors,
                IdentityTrustAnchors = LoadIdentityAnchors(result.GetValue(identityTrust)),
                FetchOcsp = result.GetValue(ocspFetch),
                Progress = progress,
            };
            ValidationReport report;
            if (result.GetValue(init) is { } initSegment)
            {
                await using FileStream initStream = File.OpenRead(initSegment.FullName);
                await using FileStream segmentStream = File.OpenRead(asset.FullName);
                report = await ManifestVerifier.VerifyFragmentAsync(initStream, segmentStream, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                report = await ManifestVerifier.VerifyFileAsync(asset.FullName, options, cancellationToken).ConfigureAwait(false);
            }

            if (asJson)
            {
                Console.WriteLine(ReportJsonWriter.ToJson(report));
            }
            else
            {
                ReportPrinter.PrintVerdict(report, asset.Name, anchorsDescription);
            }

            return !report.HasManifest ? ExitCodes.NoManifest
                : report.State == ValidationState.Invalid ? ExitCodes.Invalid
                : ExitCodes.Success;
        }));
        return command;
    }

    // Unlike --trust, no default: the development CA vouches for claim signers made on this machine, not for people.
    private static TrustAnchorSet LoadIdentityAnchors(FileInfo[]? files)
        => files is { Length: > 0 }
            ? TrustAnchorSet.FromCertificates(files.SelectMany(f => TrustAnchorSet.FromPemFile(f.FullName).Certificates))
            : TrustAnchorSet.Empty;

    internal static (TrustAnchorSet Anchors, string Description) LoadAnchors(FileInfo[]? files)
    {
        if (files is { Length: > 0 })
        {
            var certificates = files.SelectMany(f => TrustAnchorSet.FromPemFile(f.FullName).Certificates).ToList();
            return (TrustAnchorSet.FromCertificates(certificates), string.Join(", ", files.Select(f => f.Name)));
        }

        if (DevelopmentCertificates.TryLoad() is { } development)
        {
            return (development.LoadTrustAnchors(), "the Provenance development CA of this machine (trusted here only)");
        }

        return (TrustAnchorSet.Empty, "none (use --trust to name trust anchors)");
    }
}
