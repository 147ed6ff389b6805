// Signing through a remote key: a key service (a stand-in for a cloud KMS, started here on 127.0.0.1) holds the
// private key; HttpKmsSigner, Provenance's asynchronous IClaimSigner over it, fetches the certificate chain once, sends
// each claim's digest, and converts the DER signature it gets back to the form COSE needs. Two images are signed and
// verified, then a signature is cancelled while the service is still working on it. Run from the repository root:
//   dotnet run --project samples/RemoteSigner [output directory]
using System.Diagnostics;
using Provenance;
using Provenance.Cryptography;
using Provenance.Validation;
using RemoteSigner;

string outputDirectory = args.Length > 0 ? args[0] : Path.Combine("out", "remote-signer");
Directory.CreateDirectory(outputDirectory);

// The development certificate (made on first use, like `dotnet dev-certs`) plays the key the service holds.
DevelopmentCredentials dev = DevelopmentCertificates.EnsureCreated();
await using KeyService service = await KeyService.StartAsync(dev.ChainPath, dev.PrivateKeyPath);
using var http = new HttpClient { BaseAddress = service.BaseAddress };
using HttpKmsSigner signer = await HttpKmsSigner.ConnectAsync(http);
var verification = new VerificationOptions { TrustAnchors = dev.LoadTrustAnchors() };
var signing = new SigningOptions { Thumbnails = null };

bool allTrusted = true;
foreach (string input in (string[])[Path.Combine("samples", "sample.jpg"), Path.Combine("samples", "sample.png")])
{
    string output = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(input) + ".signed" + Path.GetExtension(input));
    var builder = new ManifestBuilder { Title = Path.GetFileName(input) }.AddAuthor("Remote Signer Sample");
    await builder.SignFileAsync(input, output, signer, signing);
    ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, verification);
    Console.WriteLine($"{output}: {report.State}; signed {SigningAlgorithms.GetName(signer.Algorithm)} by {report.Summary.Signer}");
    allTrusted &= report.State == ValidationState.Trusted;
}

// Cancellation: the service now takes a minute per signature; the caller gives up once its request is in flight.
service.Latency = TimeSpan.FromMinutes(1);
string cancelledOutput = Path.Combine(outputDirectory, "cancelled.jpg");
using var cancellation = new CancellationTokenSource();
Task arrived = service.WhenSignRequestArrives();
Task aborted = service.WhenSignRequestAborted();
var clock = Stopwatch.StartNew();
Task pending = new ManifestBuilder { Title = "cancelled.jpg" }.SignFileAsync(Path.Combine("samples", "sample.jpg"), cancelledOutput, signer, signing, cancellation.Token);
await arrived.WaitAsync(TimeSpan.FromSeconds(30));
cancellation.Cancel();
bool cancelled;
try
{
    await pending;
    cancelled = false;
}
catch (OperationCanceledException)
{
    cancelled = true;
}

bool serviceSawAbort = await Task.WhenAny(aborted, Task.Delay(TimeSpan.FromSeconds(10))) == aborted;
Console.WriteLine($"Cancelled mid-request after {clock.ElapsedMilliseconds} ms: {(cancelled ? "yes" : "NO")}; " +
    $"the service saw the request abandoned: {(serviceSawAbort ? "yes" : "NO")}; output written: {(File.Exists(cancelledOutput) ? "YES" : "no")}");

Console.WriteLine($"{service.SignRequests} remote signatures through {service.BaseAddress}; certificate chain fetched {service.ChainRequests} time(s) " +
    $"(trust anchor: the development CA in {dev.Directory}; untrusted anywhere else).");
return allTrusted && cancelled && serviceSawAbort && !File.Exists(cancelledOutput) ? 0 : 1;
