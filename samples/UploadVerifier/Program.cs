// A platform's upload check: POST a file as the raw request body to /verify and get back the report that
// `provenance verify --json` prints (c2pa-rs's shape plus a summary). The upload is verified from the request stream,
// up to a size cap, and never kept: the verifier's temporary copy is deleted when the request ends. Run from the
// repository root:
//   dotnet run --project samples/UploadVerifier
//   curl --data-binary @out/sample.signed.jpg http://127.0.0.1:5080/verify
// Configuration (appsettings.json, or the environment with "__" for ":"):
//   Provenance:TrustAnchors   a PEM file of trusted root certificates (Provenance__TrustAnchors=~/.provenance/dev-certs/root-ca.pem)
//   Provenance:MaxUploadBytes the largest upload accepted (413 above it)
// A file of an unsupported format gets 415 with the supported formats; a corrupt file of a supported one gets 400.
//   ASPNETCORE_URLS           where to listen (http://127.0.0.1:5080 by default)
using Provenance;
using Provenance.Cryptography;
using Provenance.Validation;
using HttpStatus = Microsoft.AspNetCore.Http.StatusCodes;

// appsettings.json beside the program, wherever it is started from.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

long maxUploadBytes = builder.Configuration.GetValue<long?>("Provenance:MaxUploadBytes") ?? 256L * 1024 * 1024;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxUploadBytes);
WebApplication app = builder.Build();

string? anchorsPath = app.Configuration["Provenance:TrustAnchors"];
TrustAnchorSet anchors = string.IsNullOrWhiteSpace(anchorsPath) ? TrustAnchorSet.Empty : TrustAnchorSet.FromPemFile(anchorsPath);
if (anchors.Count == 0)
{
    app.Logger.LogWarning("No trust anchors configured (Provenance:TrustAnchors): valid signatures are reported Valid, never Trusted.");
}
else
{
    app.Logger.LogInformation("Trusting {Count} root certificate(s) from {Path}.", anchors.Count, anchorsPath);
}

var verification = new VerificationOptions { TrustAnchors = anchors };

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

app.MapPost("/verify", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    if (request.ContentLength > maxUploadBytes)
    {
        return TooLarge(maxUploadBytes);
    }

    try
    {
        // The body is not seekable: the verifier copies it to a temporary file that is deleted when it is closed.
        ValidationReport report = await ManifestVerifier.VerifyAsync(request.Body, verification, cancellationToken);
        return Results.Text(ReportJsonWriter.ToJson(report), "application/json", statusCode: HttpStatus.Status200OK);
    }
    catch (UnsupportedFormatException ex)
    {
        // Not a format Provenance reads: say which ones it does.
        return Results.Json(new { error = ex.Message, supported = ex.SupportedFormats }, statusCode: HttpStatus.Status415UnsupportedMediaType);
    }
    catch (ProvenanceFormatException ex)
    {
        // A supported format, but its container is corrupt.
        return Results.Json(new { error = ex.Message }, statusCode: HttpStatus.Status400BadRequest);
    }
    catch (BadHttpRequestException ex) when (ex.StatusCode == HttpStatus.Status413PayloadTooLarge)
    {
        // A body without a Content-Length (chunked) that runs past the cap.
        return TooLarge(maxUploadBytes);
    }
});

app.Run();

static IResult TooLarge(long maxUploadBytes)
    => Results.Json(new { error = $"the upload is larger than {maxUploadBytes} bytes" }, statusCode: HttpStatus.Status413PayloadTooLarge);
