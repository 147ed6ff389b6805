using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Provenance.Cryptography;

/// <summary>
/// An RFC 3161 time-stamp authority (TSA) reached over HTTP (RFC 3161 §3.4). Set as
/// <see cref="SigningOptions.TimeStampAuthority"/>, it is asked for a token over each claim signature as soon as the
/// signature exists, and the token goes into the signature's unprotected header as <c>sigTst2</c> (C2PA 2.2 §10.3.2.5).
/// A verifier that trusts the authority then judges the signer's certificate at the token's time, so the manifest stays
/// valid after the certificate expires.
/// </summary>
/// <remarks>
/// Each request carries a fresh random nonce and asks for the authority's certificate; the answer must be a granted
/// TimeStampResp whose token has that nonce, the requested message imprint, a signature that verifies with the
/// certificate it carries, and a certificate with the time-stamping extended key usage. An attempt that cannot connect,
/// times out, or gets HTTP 408, 429 or 5xx is tried once more; anything else fails at once with a
/// <see cref="TimeStampAuthorityException"/>.
/// </remarks>
public sealed class TimeStampAuthority
{
    /// <summary>The room reserved for a token by default: 10,000 bytes, as c2pa-rs reserves.</summary>
    public const int DefaultMaxTokenSize = 10_000;

    private const string QueryMediaType = "application/timestamp-query";
    private const int Attempts = 2;
    private const int MaxReplySize = 1 << 20;

    // One client for every authority made without one (HttpClient is meant to be shared); timeouts are per attempt.
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    /// <summary>Creates a time-stamp authority at <paramref name="url"/>.</summary>
    /// <param name="url">An absolute <c>http</c> or <c>https</c> URL.</param>
    /// <exception cref="ArgumentException">The URL is not absolute, or not HTTP(S).</exception>
    public TimeStampAuthority(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"A time-stamp authority needs an absolute http or https URL, not '{url}'.", nameof(url));
        }

        Url = url;
    }

    /// <summary>The authority's URL.</summary>
    public Uri Url { get; }

    /// <summary>
    /// The client that sends the requests, for a proxy, authentication headers or tests; null (the default) uses a
    /// client shared by every authority. Its own timeout applies besides <see cref="Timeout"/>.
    /// </summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>How long one attempt may take, from sending the request to reading the whole answer (default 30 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative (other than <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>).</exception>
    public TimeSpan Timeout
    {
        get;
        init
        {
            if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be positive.");
            }

            field = value;
        }
    } = TimeSpan.FromSeconds(30);

    /// <summary>The hash of the message imprint: SHA-256 (the default, as c2pa-rs asks), SHA-384 or SHA-512.</summary>
    /// <exception cref="ArgumentException">Another algorithm.</exception>
    public HashAlgorithmName HashAlgorithm
    {
        get;
        init
        {
            if (value != HashAlgorithmName.SHA256 && value != HashAlgorithmName.SHA384 && value != HashAlgorithmName.SHA512)
            {
                throw new ArgumentException($"The message imprint is hashed with SHA-256, SHA-384 or SHA-512, not {value}.", nameof(value));
            }

            field = value;
        }
    } = HashAlgorithmName.SHA256;

    /// <summary>
    /// The largest token this authority may return, in bytes (default <see cref="DefaultMaxTokenSize"/>). This much room
    /// is reserved in the signature before the asset is hashed; a larger token stops signing with a
    /// <see cref="TimeStampAuthorityException"/> that gives its size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public int MaxTokenSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = DefaultMaxTokenSize;

    /// <inheritdoc />
    public override string ToString() => Url.ToString();

    /// <summary>Asks for a token over <paramref name="data"/> and returns its DER (a CMS SignedData, RFC 3161 §2.4.2).</summary>
    /// <exception cref="TimeStampAuthorityException">No usable token came.</exception>
    internal async Task<byte[]> RequestTokenAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        byte[] hash = HashAlgorithm.Name switch
        {
            "SHA384" => SHA384.HashData(data.Span),
            "SHA512" => SHA512.HashData(data.Span),
            _ => SHA256.HashData(data.Span),
        };
        byte[] nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] = (byte)((nonce[0] & 0x7F) | 0x40); // a positive INTEGER of eight bytes, minimally encoded
        Rfc3161TimestampRequest request = Rfc3161TimestampRequest.CreateFromHash(hash, HashAlgorithm, nonce: nonce, requestSignerCertificates: true);
        (byte[] reply, int httpStatus) = await PostAsync(request.Encode(), cancellationToken).ConfigureAwait(false);
        byte[] token = TimeStampReply.ReadToken(Url, request, reply, httpStatus);
        return token.Length <= MaxTokenSize
            ? token
            : throw new TimeStampAuthorityException(Url, $"The time-stamp authority {Url} answered with a token of {token.Length} bytes, more than the {MaxTokenSize} reserved for it; raise TimeStampAuthority.MaxTokenSize to sign with it.");
    }

    private async Task<(byte[] Reply, int HttpStatus)> PostAsync(byte[] query, CancellationToken cancellationToken)
    {
        HttpClient client = HttpClient ?? SharedClient.Value;
        for (int attempt = 1; ; attempt++)
        {
            bool last = attempt == Attempts;
            string tries = attempt == 1 ? "" : $" ({attempt} attempts)";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                using var content = new ByteArrayContent(query);
                content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
                using HttpResponseMessage response = await client.PostAsync(Url, content, timeout.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return (await ReadReplyAsync(response, timeout.Token).ConfigureAwait(false), status);
                }

                if (last || !(status is 408 or 429 or >= 500))
                {
                    string reason = string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase;
                    throw new TimeStampAuthorityException(Url, $"The time-stamp authority {Url} answered HTTP {status}{reason}{tries}.", status);
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (last)
                {
                    throw new TimeStampAuthorityException(Url, $"The time-stamp authority {Url} did not answer within {Timeout.TotalSeconds:0.###} s{tries}.", innerException: ex);
                }
            }
            catch (HttpRequestException ex)
            {
                if (last)
                {
                    throw new TimeStampAuthorityException(Url, $"The time-stamp authority {Url} could not be reached{tries}: {ExceptionText.Describe(ex)}", innerException: ex);
                }
            }
        }
    }

    private async Task<byte[]> ReadReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var reply = new MemoryStream();
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (reply.Length + read > MaxReplySize)
                {
                    throw new TimeStampAuthorityException(Url, $"The time-stamp authority {Url} answered more than {MaxReplySize} bytes; a TimeStampResp is a few kilobytes.", (int)response.StatusCode);
                }

                reply.Write(buffer, 0, read);
            }

            return reply.ToArray();
        }
    }
}
