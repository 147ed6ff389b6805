using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Provenance.Tests.Cryptography;

/// <summary>An answer of <see cref="LocalHttpServer"/>: a status, a body, and how long to wait before sending it.</summary>
internal sealed record HttpAnswer(int Status, byte[] Body, string ContentType = "application/timestamp-reply")
{
    /// <summary>Waits this long before answering (a slow server).</summary>
    public TimeSpan Delay { get; init; }
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port the system picks) in the test process: each connection carries one
/// POST, whose body goes to a handler, and the handler's answer goes back with <c>Connection: close</c>. Enough for an
/// RFC 3161 client (RFC 3161 §3.4); nothing leaves this machine.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<byte[], HttpAnswer> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    private LocalHttpServer(Func<byte[], HttpAnswer> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/tsa");
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The URL requests are posted to.</summary>
    public Uri Url { get; }

    /// <summary>How many requests have been received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts a server that answers every request with <paramref name="handler"/>.</summary>
    public static LocalHttpServer Start(Func<byte[], HttpAnswer> handler) => new(handler);

    /// <summary>A URL on 127.0.0.1 where nothing listens: the port was just free, and is released again.</summary>
    public static Uri DeadUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/tsa");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                byte[] body = await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requests);
                HttpAnswer answer = _handler(body);
                if (answer.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(answer.Delay, _stop.Token);
                }

                string head = $"HTTP/1.1 {answer.Status} {(answer.Status == 200 ? "OK" : "Error")}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {answer.Body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await stream.WriteAsync(answer.Body, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away (it timed out) or the server is stopping.
            }
        }
    }

    // Reads the request line and headers up to the blank line, then Content-Length bytes of body.
    private async Task<byte[]> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new IOException("the client closed the connection before the headers ended");
            }

            head.Add(one[0]);
        }

        int length = 0;
        foreach (string line in Encoding.ASCII.GetString([.. head]).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        byte[] body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return body;
    }
}
