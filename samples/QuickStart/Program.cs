// The README's quick start: sign a JPEG with a manifest that credits its author, states how it was made and
// that it may not be used for AI training; then verify it. Run from the repository root:
//   dotnet run --project samples/QuickStart [input] [output]
using Provenance;
using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;

string input = args.Length > 0 ? args[0] : Path.Combine("samples", "sample.jpg");
string output = args.Length > 1 ? args[1] : Path.Combine("out", "sample.signed.jpg");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);

// A development CA and signing certificate, made on first use (like `dotnet dev-certs`); trusted on this machine only.
DevelopmentCredentials dev = DevelopmentCertificates.EnsureCreated();
using LocalSigner signer = dev.CreateSigner();

var builder = new ManifestBuilder { Title = Path.GetFileName(input) }
    .AddAuthor("Provenance Sample Author")
    .SetDigitalSourceType(DigitalSourceTypes.DigitalCreation)
    .DisallowAiTraining();
await builder.SignFileAsync(input, output, signer);

var options = new VerificationOptions { TrustAnchors = dev.LoadTrustAnchors() };
ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, options);

Console.WriteLine($"Signed {input} -> {output}");
Console.WriteLine($"Validation state: {report.State} (trust anchor: the development CA in {dev.Directory}; untrusted anywhere else)");
Console.WriteLine($"AI: {report.Summary.Ai}{(report.Summary.Model is { } model ? $" (model: {model.Name} {model.Version})" : "")}");
Console.WriteLine($"Authors: {string.Join(", ", report.Summary.Authors)}; AI training: {report.Summary.AiTraining}");
foreach (ValidationStatus failure in report.ActiveManifestResults.Failure)
{
    Console.WriteLine($"FAILURE {failure.Code}: {failure.Explanation}");
}

return report.State == ValidationState.Invalid ? 1 : 0;
