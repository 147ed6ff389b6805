using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RemoteSigner;

/// <summary>
/// A stand-in for a cloud key service (AWS KMS, Azure Key Vault, Google Cloud KMS) on 127.0.0.1: it holds the private
/// key, which never leaves it, and answers two requests, as such services do:
/// <list type="bullet">
/// <item><c>GET /certificate-chain</c>: the signing certificate and its intermediates, PEM.</item>
/// <item><c>POST /sign</c> with a message digest as the body (SHA-256 for a P-256 key): the ECDSA signature of that
/// digest, DER-encoded (<c>SEQUENCE { r, s }</c>), as the cloud services return it.</item>
/// </list>
/// Each signature takes <see cref="Latency"/>, a network round trip; a request the client abandons is counted.
/// </summary>
internal sealed class KeyService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ECDsa _key;
    private readonly string _chainPem;
    private readonly Lock _gate = new();
    private TaskCompletionSource _signRequestArrived = NewSignal();
    private TaskCompletionSource _signRequestAborted = NewSignal();
    private int _chainRequests;
    private int _signRequests;
    private int _abortedRequests;

    private KeyService(WebApplication app, ECDsa key, string chainPem)
    {
        _app = app;
        _key = key;
        _chainPem = chainPem;
    }

    /// <summary>Where the service listens, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How long each signature takes (default 20 ms).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How many times the certificate chain was asked for.</summary>
    public int ChainRequests => Volatile.Read(ref _chainRequests);

    /// <summary>How many signatures were made.</summary>
    public int SignRequests => Volatile.Read(ref _signRequests);

    /// <summary>How many signing requests the client abandoned before they were answered.</summary>
    public int AbortedRequests => Volatile.Read(ref _abortedRequests);

    /// <summary>Starts the service on an ephemeral port of 127.0.0.1 with a PEM chain and the PEM key of its first certificate.</summary>
    public static async Task<KeyService> StartAsync(string chainPemPath, string keyPemPath, CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        WebApplication app = builder.Build();
        var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(keyPemPath, cancellationToken));
        var service = new KeyService(app, key, await File.ReadAllTextAsync(chainPemPath, cancellationToken));
        app.MapGet("/certificate-chain", service.GetChain);
        app.MapPost("/sign", service.SignAsync);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return service;
    }

    /// <summary>Completes when the next signing request reaches the service.</summary>
    public Task WhenSignRequestArrives()
    {
        lock (_gate)
        {
            return _signRequestArrived.Task;
        }
    }

    /// <summary>Completes when the next signing request is abandoned by its client.</summary>
    public Task WhenSignRequestAborted()
    {
        lock (_gate)
        {
            return _signRequestAborted.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IResult GetChain()
    {
        Interlocked.Increment(ref _chainRequests);
        return Results.Text(_chainPem, "application/pem-certificate-chain");
    }

    private async Task<IResult> SignAsync(HttpRequest request, CancellationToken requestAborted)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, requestAborted);
        byte[] digest = body.ToArray();
        int expected = _key.KeySize switch { 256 => 32, 384 => 48, _ => 64 }; // SHA-256, -384, -512 for P-256, -384, -521
        if (digest.Length != expected)
        {
            return Results.BadRequest($"the body must be a {expected}-byte digest, not {digest.Length} bytes");
        }

        Signal(ref _signRequestArrived);
        try
        {
            await Task.Delay(Latency, requestAborted);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _abortedRequests);
            Signal(ref _signRequestAborted);
            return Results.Empty;
        }

        byte[] der;
        lock (_gate)
        {
            der = _key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
        }

        Interlocked.Increment(ref _signRequests);
        return Results.Bytes(der, "application/octet-stream");
    }

    private void Signal(ref TaskCompletionSource signal)
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = signal;
            signal = NewSignal();
        }

        current.TrySetResult();
    }
}
