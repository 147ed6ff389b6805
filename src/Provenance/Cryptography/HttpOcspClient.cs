using System.Net.Http.Headers;

namespace Provenance.Cryptography;

/// <summary>
/// Asks OCSP responders over HTTP: the request is POSTed as <c>application/ocsp-request</c> and the answer read as
/// <c>application/ocsp-response</c> (RFC 6960 Appendix A.1), within <see cref="Timeout"/> and at most
/// <see cref="MaxResponseSize"/> bytes. Redirects are not followed: the responder is the one the certificate names.
/// </summary>
public sealed class HttpOcspClient : IOcspClient
{
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan, // each exchange has its own (Timeout below)
    };

    private readonly HttpClient _http;

    /// <summary>A client on a shared <see cref="HttpClient"/>.</summary>
    public HttpOcspClient()
        : this(SharedClient)
    {
    }

    /// <summary>A client on the caller's <see cref="HttpClient"/> (its proxy, handlers and rules apply).</summary>
    /// <param name="httpClient">The HTTP client; it is not disposed by this one.</param>
    public HttpOcspClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
    }

    /// <summary>The client the options use by default: the shared <see cref="HttpClient"/>, 10 seconds, 64 KiB.</summary>
    public static HttpOcspClient Default { get; } = new();

    /// <summary>How long one exchange may take, connection included (default 10 seconds).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan Timeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(10);

    /// <summary>The largest response accepted, in bytes (default 64 KiB; responses are usually 1–4 KB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxResponseSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 64 * 1024;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="responder"/> is not an absolute HTTP or HTTPS address.</exception>
    /// <exception cref="HttpRequestException">The responder cannot be reached, or answers with an HTTP error.</exception>
    /// <exception cref="TimeoutException">The responder did not answer within <see cref="Timeout"/>.</exception>
    /// <exception cref="InvalidDataException">The answer is larger than <see cref="MaxResponseSize"/>.</exception>
    public async Task<byte[]> SendAsync(Uri responder, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responder);
        if (!responder.IsAbsoluteUri || (responder.Scheme != Uri.UriSchemeHttp && responder.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The OCSP responder address {responder} is not an absolute HTTP or HTTPS address.", nameof(responder));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var content = new ReadOnlyMemoryContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var message = new HttpRequestMessage(HttpMethod.Post, responder) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ocsp-response"));
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The OCSP responder {responder} answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
            }

            if (response.Content.Headers.ContentLength > MaxResponseSize)
            {
                throw TooLarge(responder);
            }

            Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadLimitedAsync(body, responder, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The OCSP responder {responder} did not answer within {Timeout.TotalSeconds:0.#} s.");
        }
    }

    private async Task<byte[]> ReadLimitedAsync(Stream body, Uri responder, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseSize)
            {
                throw TooLarge(responder);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private InvalidDataException TooLarge(Uri responder)
        => new($"The OCSP responder {responder} answered with more than {MaxResponseSize} bytes.");
}
