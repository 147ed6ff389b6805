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
        var trust = new TrustOptions();
        var identityTrust = new Option<FileInfo[]>("--identity-trust") { Description = "PEM bundle of trust anchors for CAWG identity credentials (repeatable), separate from --trust. Default: none, so identities are at best well-formed." };
        var tsaTrust = new Option<FileInfo[]>("--tsa-trust") { Description = "PEM bundle of trust anchors for time-stamp authorities (repeatable), such as the C2PA TSA trust list. Default: the --trust anchors, as c2pa-rs does." };
        var json = new Option<bool>("--json") { Description = "Print the c2pa-rs report shape as JSON, plus a summary." };
        var init = new Option<FileInfo?>("--init") { Description = "For a DASH/CMAF media segment: the init segment that carries the manifest." };
        var ocspFetch = new Option<bool>("--ocsp-fetch") { Description = "When a signature staples no usable OCSP response, ask the responder its certificate names (the file chooses the address; off by default)." };
        var sidecar = new Option<FileInfo?>("--sidecar") { Description = "A manifest store (.c2pa) kept apart from the asset. Default: <name>.c2pa beside the asset, when the asset embeds none." };
        var remoteAllow = new Option<string[]>("--remote-allow") { Description = "Fetch a remote manifest the asset references (XMP dcterms:provenance) from this host (repeatable; host or host:port). Default: nothing is fetched." };
        var remoteTimeout = new Option<double?>("--remote-timeout") { Description = "Seconds a remote manifest fetch may take in all (default 10)." };
        var command = new Command("verify", "Verify the C2PA manifests of an asset (embedded, in a .c2pa sidecar beside it, or remote).") { file };
        trust.AddTo(command);
        command.Options.Add(identityTrust);
        command.Options.Add(tsaTrust);
        command.Options.Add(json);
        command.Options.Add(init);
        command.Options.Add(ocspFetch);
        command.Options.Add(sidecar);
        command.Options.Add(remoteAllow);
        command.Options.Add(remoteTimeout);
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            FileInfo asset = result.GetValue(file)!;
            bool asJson = result.GetValue(json);
            using ConsoleProgress? progress = ConsoleProgress.Create("verifying", asset.Exists ? asset.Length : 0, quiet: asJson);
            (VerificationOptions options, string anchorsDescription) = trust.Apply(result, new VerificationOptions { IdentityTrustAnchors = LoadBundles(result.GetValue(identityTrust)), Progress = progress, FetchOcsp = result.GetValue(ocspFetch) });
            if (result.GetValue(tsaTrust) is { Length: > 0 } tsaFiles)
            {
                options = options with { TimeStampTrustAnchors = LoadBundles(tsaFiles) };
            }

            if (result.GetValue(remoteAllow) is { Length: > 0 } hosts)
            {
                var remote = new RemoteManifestOptions { AllowedHosts = hosts };
                options = options with { RemoteManifests = result.GetValue(remoteTimeout) is double seconds ? remote with { Timeout = TimeSpan.FromSeconds(seconds) } : remote };
            }

            ValidationReport report;
            if (result.GetValue(init) is { } initSegment)
            {
                await using FileStream initStream = File.OpenRead(initSegment.FullName);
                await using FileStream segmentStream = File.OpenRead(asset.FullName);
                report = await ManifestVerifier.VerifyFragmentAsync(initStream, segmentStream, options, cancellationToken).ConfigureAwait(false);
            }
            else if (result.GetValue(sidecar) is { } store)
            {
                await using FileStream assetStream = File.OpenRead(asset.FullName);
                await using FileStream storeStream = File.OpenRead(store.FullName);
                report = await ManifestVerifier.VerifyWithSidecarAsync(assetStream, storeStream, options, cancellationToken).ConfigureAwait(false);
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

    // For --identity-trust and --tsa-trust. Unlike --trust, no development CA: it vouches for claim signers made on this
    // machine, not for people; and without --tsa-trust the time-stamp authorities are judged by the --trust anchors.
    private static TrustAnchorSet LoadBundles(FileInfo[]? files)
        => files is { Length: > 0 }
            ? TrustAnchorSet.FromCertificates(files.SelectMany(f => TrustAnchorSet.FromPemFile(f.FullName).Certificates))
            : TrustAnchorSet.Empty;
}
