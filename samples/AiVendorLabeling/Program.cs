// A generative-AI vendor labels its outputs: each generated image is signed with a manifest that says it was made by
// AI (trainedAlgorithmicMedia) with which model, which prompt it was made from (an inputTo ingredient holding the
// prompt's text), and that it may not be used for AI training. The batch is signed in parallel through an
// asynchronous remote signer (a stand-in for a cloud KMS), and every output is verified. Run from the repository root:
//   dotnet run --project samples/AiVendorLabeling [output directory]
using System.Diagnostics;
using System.Text;
using AiVendorLabeling;
using Provenance;
using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;

string outputDirectory = args.Length > 0 ? args[0] : Path.Combine("out", "ai-vendor");
Directory.CreateDirectory(outputDirectory);
var model = new GeneratorInfo("Example Diffusion", "3.1");
string[] prompts =
[
    "a lighthouse at dusk, oil on canvas",
    "a red fox in fresh snow, photorealistic",
    "a tea house in the rain, watercolour",
    "an astronaut reading in a library",
    "a market street in Marrakech at noon",
    "origami cranes over a city, isometric",
    "a storm over wheat fields, impressionist",
    "a bowl of ramen, studio lighting",
];

// The development certificate (made on first use, like `dotnet dev-certs`) plays the vendor's signing key held in a KMS.
DevelopmentCredentials dev = DevelopmentCertificates.EnsureCreated();
using var kms = new KmsSigner(dev.ChainPath, dev.PrivateKeyPath, latency: TimeSpan.FromMilliseconds(50));
var verification = new VerificationOptions { TrustAnchors = dev.LoadTrustAnchors() };

// Tiny generated images need no thumbnail; signing reads each output back and validates it before returning.
var signing = new SigningOptions { Thumbnails = null };
var results = new (string File, ValidationState? State, string Detail)[prompts.Length];
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, prompts.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
{
    byte[] image = GeneratedImage.Render(seed: i);
    string output = Path.Combine(outputDirectory, $"generated-{i + 1:D2}.png");

    var builder = new ManifestBuilder { Title = Path.GetFileName(output) }
        .MarkAsAiGenerated(model.Name, model.Version)
        .DisallowAiTraining();
    IngredientReference prompt = builder.AddInput(Encoding.UTF8.GetBytes(prompts[i]), "text/plain", "prompt", AssetTypes.GeneratorPrompt);
    builder.AddAction(new C2paAction(C2paActions.Created)
    {
        DigitalSourceType = DigitalSourceTypes.TrainedAlgorithmicMedia,
        SoftwareAgent = model,
        Ingredients = [prompt],
        Description = "Generated from a text prompt",
    });

    using var signed = new MemoryStream();
    await builder.SignAsync(new MemoryStream(image), signed, kms, signing, cancellationToken);
    await File.WriteAllBytesAsync(output, signed.ToArray(), cancellationToken);

    ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, verification, cancellationToken);
    // What a platform would show: the verified AI disclosure, the model as a field, the input and the policy.
    ContentSummary summary = report.Summary;
    IngredientInfo? input = report.Active?.Ingredients.FirstOrDefault(ingredient => ingredient.Relationship == "inputTo");
    string failures = string.Join(", ", report.ActiveManifestResults.Failure.Select(f => f.Code));
    results[i] = (output, report.State,
        $"AI: {summary.Ai}, model {summary.Model?.Name} {summary.Model?.Version}; {input?.Title} ({input?.Format}); " +
        $"AI training: {summary.AiTraining?.ToString() ?? "unstated"}{(failures.Length > 0 ? "; FAILURES " + failures : "")}");
});

foreach ((string file, ValidationState? state, string detail) in results)
{
    Console.WriteLine($"{file}: {state}; {detail}");
}

Console.WriteLine($"Signed and verified {results.Length} images in {clock.ElapsedMilliseconds} ms through {kms.Requests} remote signatures " +
    $"(trust anchor: the development CA in {dev.Directory}; untrusted anywhere else).");
return results.All(r => r.State == ValidationState.Trusted) ? 0 : 1;
