// A studio's pipeline, three generations deep: a clip shot by a person (digitalCapture), an AI-assisted edit of it
// (its parent is the clip; the edit action names the model and compositeWithTrainedAlgorithmicMedia), and a final cut
// (its parent is the edit; a title card and a logo are placed as components). The final file carries every manifest,
// and the sample walks the chain through the API (report.Manifests and each manifest's ingredients). Run from the
// repository root:
//   dotnet run --project samples/StudioPipeline [output directory]
using System.Diagnostics;
using Provenance;
using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;

string outputDirectory = args.Length > 0 ? args[0] : Path.Combine("out", "studio");
Directory.CreateDirectory(outputDirectory);
DevelopmentCredentials dev = DevelopmentCertificates.EnsureCreated();
using LocalSigner signer = dev.CreateSigner();
TrustAnchorSet anchors = dev.LoadTrustAnchors();

// Ingredients are validated when they are added; the studio trusts its own CA for that too.
var signing = new SigningOptions { IngredientTrustAnchors = anchors };
string Out(string name) => Path.Combine(outputDirectory, name);

// 1. The camera: a one-second MP4 made with ffmpeg, or, without ffmpeg, the still frame samples/sample.jpg.
string extension = TryMakeClip(Out("camera-original.mp4")) ? ".mp4" : ".jpg";
string original = extension == ".mp4" ? Out("camera-original.mp4") : Path.Combine("samples", "sample.jpg");
Console.WriteLine(extension == ".mp4"
    ? "Clip: a one-second H.264 MP4 made with ffmpeg."
    : "Clip: ffmpeg not found, so the human-shot 'clip' is a JPEG still frame (samples/sample.jpg).");
string capture = Out("1-capture" + extension);
await new ManifestBuilder { Title = "Take 12, scene 4", ClaimGenerator = new GeneratorInfo("Example Camera Firmware", "4.2") }
    .AddAuthor("Ana Camerawoman")
    .SetDigitalSourceType(DigitalSourceTypes.DigitalCapture)
    .DisallowAiTraining()
    .SignFileAsync(original, capture, signer, signing);

// 2. An AI-assisted edit: the clip is its parent; a generative model removed a boom microphone from the frame.
string edit = Out("2-ai-edit" + extension);
var editBuilder = new ManifestBuilder { Title = "Take 12, cleaned" };
editBuilder.AddParent(capture);
editBuilder.AddAction(new C2paAction(C2paActions.Edited)
{
    SoftwareAgent = new GeneratorInfo("Example Inpaint", "2.0"),
    DigitalSourceType = DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia,
    Description = "Generative fill removed a boom microphone",
});
await editBuilder.SignFileAsync(capture, edit, signer, signing);

// 3. The final cut: the edit is its parent; a signed title card and an unsigned logo are placed into it.
string titleCard = Out("title-card.png");
await new ManifestBuilder { Title = "Title card" }
    .AddAuthor("Studio Graphics")
    .SetDigitalSourceType(DigitalSourceTypes.DigitalCreation)
    .SignFileAsync(Path.Combine("samples", "sample.png"), titleCard, signer, signing);
string final = Out("3-final-cut" + extension);
var finalBuilder = new ManifestBuilder { Title = "Final cut" }.AddAuthor("Studio Editor");
finalBuilder.AddParent(edit);
IngredientReference card = finalBuilder.AddComponent(titleCard, "Title card");
IngredientReference logo = finalBuilder.AddComponent(Path.Combine("samples", "sample.jpg"), "Studio logo");
finalBuilder.AddAction(new C2paAction(C2paActions.Placed) { Ingredients = [card, logo], Description = "Title card and logo over the opening" });
await finalBuilder.SignFileAsync(edit, final, signer, signing);

// Walk the chain of the final cut through the API.
ValidationReport report = await ManifestVerifier.VerifyFileAsync(final, new VerificationOptions { TrustAnchors = anchors });
Console.WriteLine($"{final}: {report.State} ({report.Manifests.Count} manifests in the store)");
int depth = Walk(report, report.Active!, "", 1, "final");
foreach (ValidationStatus failure in report.ActiveManifestResults.Failure)
{
    Console.WriteLine($"FAILURE {failure.Code}: {failure.Explanation}");
}

Console.WriteLine($"Chain depth: {depth} (trust anchor: the development CA in {dev.Directory}; untrusted anywhere else).");
return report.State == ValidationState.Trusted && depth == 3 ? 0 : 1;

// Prints a manifest, its actions and its ingredients, then the manifests of those ingredients; returns the depth of the parent chain.
static int Walk(ValidationReport report, ManifestReport manifest, string indent, int level, string role)
{
    Console.WriteLine($"{indent}[{role}] \"{manifest.Title}\"{(manifest.Signature?.CommonName is { } signerName ? $" signed by {signerName}" : "")} ({manifest.Label})");
    if (manifest.Authors.Count > 0)
    {
        Console.WriteLine($"{indent}  authors: {string.Join(", ", manifest.Authors)}");
    }

    foreach (C2paAction action in manifest.Actions)
    {
        string sourceType = action.DigitalSourceType is { } uri ? " " + uri[(uri.LastIndexOf('/') + 1)..] : "";
        string agent = action.SoftwareAgent is { } a ? $" by {a.Name} {a.Version}".TrimEnd() : "";
        Console.WriteLine($"{indent}  action {action.Action}{sourceType}{agent}{(action.Description is { } d ? $": {d}" : "")}");
    }

    int parentDepth = 0;
    foreach (IngredientInfo ingredient in manifest.Ingredients)
    {
        ManifestReport? next = ingredient.ActiveManifest is { } label ? report.Manifests.FirstOrDefault(m => m.Label == label) : null;
        Console.WriteLine($"{indent}  ingredient {ingredient.Relationship} \"{ingredient.Title}\" ({ingredient.Format}){(next is null ? ", no manifest" : "")}");
        if (next is not null)
        {
            int depth = Walk(report, next, indent + "    ", level + 1, ingredient.Relationship ?? "ingredient");
            if (ingredient.Relationship == "parentOf")
            {
                parentDepth = depth;
            }
        }
    }

    return 1 + parentDepth;
}

static bool TryMakeClip(string path)
{
    var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (string argument in "-v error -y -f lavfi -i testsrc2=size=320x180:rate=25 -t 1 -c:v libx264 -pix_fmt yuv420p".Split(' '))
    {
        start.ArgumentList.Add(argument);
    }

    start.ArgumentList.Add(path);
    try
    {
        using Process process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        return process.WaitForExit(60_000) && process.ExitCode == 0;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return false;
    }
}
