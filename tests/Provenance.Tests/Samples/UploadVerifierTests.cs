using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Provenance.Cryptography;

namespace Provenance.Tests.Samples;

/// <summary>
/// The UploadVerifier sample as a platform runs it: its built program on a real Kestrel at an ephemeral port on
/// 127.0.0.1, trust anchors from the environment (<c>Provenance__TrustAnchors</c>), uploads from a real HttpClient.
/// Its temporary directory is its own, so the test sees that no upload is kept.
/// </summary>
public sealed class UploadVerifierTests : IAsyncLifetime
{
    private const long MaxUploadBytes = 1_000_000;
    private readonly string _dir = TestPaths.NewTempDirectory();
    private readonly string _tempDirectory;
    private readonly DevelopmentCredentials _dev;
    private Process? _server;
    private HttpClient? _client;

    public UploadVerifierTests()
    {
        _tempDirectory = Directory.CreateDirectory(Path.Combine(_dir, "server-tmp")).FullName;
        _dev = DevelopmentCertificates.EnsureCreated(Path.Combine(_dir, "dev-certs"));
    }

    public async Task InitializeAsync()
    {
        string dll = SampleProjects.Dll("UploadVerifier");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Provenance__TrustAnchors"] = _dev.RootCertificatePath;
        start.Environment["Provenance__MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TMPDIR"] = _tempDirectory;
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // no diagnostics socket in the temporary directory
        _server = Process.Start(start)!;

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        _server.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            const string Marker = "Now listening on: ";
            if (e.Data?.IndexOf(Marker, StringComparison.Ordinal) is int at and >= 0)
            {
                listening.TrySetResult(e.Data[(at + Marker.Length)..].Trim());
            }
        };
        _server.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        Task exited = _server.WaitForExitAsync();
        Task first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(1)));
        if (first != listening.Task)
        {
            lock (log)
            {
                throw new InvalidOperationException($"UploadVerifier did not start listening: {log}");
            }
        }

        _client = new HttpClient { BaseAddress = new Uri(await listening.Task), Timeout = TimeSpan.FromMinutes(1) };
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Healthz_Ok()
    {
        using HttpResponseMessage response = await _client!.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Verify_SignedTamperedPlainAndGarbageUploads_ReportsAndErrorsAndNothingKept()
    {
        byte[] signed = await SignAsync();
        byte[] tampered = (byte[])signed.Clone();
        tampered[^100] ^= 0x01; // image data, before EOI

        using (JsonDocument report = await PostAsync(signed, HttpStatusCode.OK))
        {
            Assert.Equal("Trusted", report.RootElement.GetProperty("validation_state").GetString());
            Assert.True(report.RootElement.TryGetProperty("summary", out _));
            Assert.Empty(report.RootElement.GetProperty("validation_results").GetProperty("activeManifest").GetProperty("failure").EnumerateArray());
        }

        using (JsonDocument report = await PostAsync(tampered, HttpStatusCode.OK))
        {
            Assert.Equal("Invalid", report.RootElement.GetProperty("validation_state").GetString());
            Assert.Contains(
                report.RootElement.GetProperty("validation_results").GetProperty("activeManifest").GetProperty("failure").EnumerateArray(),
                f => f.GetProperty("code").GetString() == "assertion.dataHash.mismatch");
        }

        using (JsonDocument report = await PostAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), HttpStatusCode.OK))
        {
            Assert.False(report.RootElement.TryGetProperty("active_manifest", out _));
            Assert.Empty(report.RootElement.GetProperty("manifests").EnumerateObject());
        }

        using (JsonDocument error = await PostAsync("this is not an image, just text"u8.ToArray(), HttpStatusCode.UnsupportedMediaType))
        {
            Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("error").GetString()));
            Assert.Contains(error.RootElement.GetProperty("supported").EnumerateArray(), f => f.GetString() == "JPEG");
        }

        // A JPEG whose first segment is shorter than its own length field: a supported format, corrupt.
        using (JsonDocument error = await PostAsync([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00, 0x00], HttpStatusCode.BadRequest))
        {
            Assert.StartsWith("JPEG:", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFileSystemEntries(_tempDirectory));
    }

    [Fact]
    public async Task Verify_UploadOverTheCap_PayloadTooLarge()
    {
        byte[] large = new byte[MaxUploadBytes + 1];

        using JsonDocument error = await PostAsync(large, HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("larger than", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> PostAsync(byte[] body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage response = await _client!.PostAsync(new Uri("/verify", UriKind.Relative), content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text);
    }

    private async Task<byte[]> SignAsync()
    {
        using LocalSigner signer = _dev.CreateSigner();
        string output = Path.Combine(_dir, "signed.jpg");
        await new ManifestBuilder { Title = "upload.jpg" }.AddAuthor("Uploader").SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, signer, new SigningOptions { Thumbnails = null });
        return File.ReadAllBytes(output);
    }
}
