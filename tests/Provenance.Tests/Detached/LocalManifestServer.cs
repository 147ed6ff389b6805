using System.Net;
using System.Net.Sockets;

namespace Provenance.Tests.Detached;

/// <summary>
/// An HTTP server on 127.0.0.1 that serves manifest stores for the remote-manifest tests, with the answers a hostile or
/// broken server gives: slow, oversized (declared or streamed), redirects to the same host and to another, 404.
/// </summary>
internal sealed class LocalManifestServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Dictionary<string, byte[]> _stores = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalManifestServer()
    {
        // HttpListener cannot be given port 0: a free port is found first, and a test running beside this one may take it
        // before the listener binds it ("Address already in use"), so another is tried.
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                (_listener, Port) = (listener, port);
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>How many requests have been answered.</summary>
    public int Requests;

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

    /// <summary>Serves <paramref name="store"/> at <c>/stores/{name}</c>.</summary>
    public Uri Serve(string name, byte[] store)
    {
        lock (_stores)
        {
            _stores[name] = store;
        }

        return Url("stores/" + name);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref Requests);
        HttpListenerResponse response = context.Response;
        string path = context.Request.Url!.AbsolutePath;
        try
        {
            byte[]? store;
            lock (_stores)
            {
                _stores.TryGetValue(path.StartsWith("/stores/", StringComparison.Ordinal) ? path["/stores/".Length..] : "", out store);
            }

            if (store is not null)
            {
                response.ContentType = "application/c2pa";
                response.ContentLength64 = store.Length;
                await response.OutputStream.WriteAsync(store);
            }
            else if (path == "/slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token);
            }
            else if (path == "/big-declared")
            {
                response.ContentLength64 = 1L << 40;
                await response.OutputStream.WriteAsync(new byte[1024]);
            }
            else if (path == "/big-streamed")
            {
                // No length: the client must stop reading at its limit.
                response.SendChunked = true;
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1024 && !_stop.IsCancellationRequested; i++)
                {
                    await response.OutputStream.WriteAsync(chunk);
                }
            }
            else if (path.StartsWith("/redirect-same/", StringComparison.Ordinal))
            {
                response.StatusCode = 302;
                response.RedirectLocation = "/stores/" + path["/redirect-same/".Length..];
            }
            else if (path.StartsWith("/redirect-other/", StringComparison.Ordinal))
            {
                // localhost is the same machine under another name: a different host, which must not be followed.
                response.StatusCode = 302;
                response.RedirectLocation = $"http://localhost:{Port}/stores/{path["/redirect-other/".Length..]}";
            }
            else
            {
                response.StatusCode = 404;
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (as it should, on a slow or oversized answer).
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception)
            {
                // Closing after the client left.
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
