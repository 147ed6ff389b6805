using System.Net;
using Provenance.IO;

namespace Provenance.Validation;

/// <summary>What fetching a remote manifest store gave: its bytes, or why there are none.</summary>
internal readonly record struct RemoteManifestFetch(byte[]? Store, string? Problem);

/// <summary>
/// Fetches a remote manifest store (C2PA 2.2 §11.3) under the caller's <see cref="RemoteManifestOptions"/>: only from
/// allowed hosts, within a time budget and a size limit, following a redirect only to the same host. Every failure is a
/// reason in the result (the report's <c>manifest.inaccessible</c>), never an exception; the caller's cancellation is.
/// </summary>
internal static class RemoteManifestFetcher
{
    private const int MaxRedirects = 5;

    private static readonly HttpClient OwnClient = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public static async Task<RemoteManifestFetch> FetchAsync(string url, VerificationOptions options, CancellationToken cancellationToken)
    {
        if (options.RemoteManifests is not { } remote)
        {
            return new(null, "it was not fetched (VerificationOptions.RemoteManifests names no host to fetch from)");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || !remote.Allows(uri))
        {
            return new(null, $"it was not fetched: {(uri is null ? "not an absolute URL" : $"host '{uri.Authority}' is not on the allowed list")}");
        }

        long limit = Math.Min(remote.MaxBytes, options.ReadOptions.MaxManifestStoreSize);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(remote.Timeout);
        try
        {
            return await FetchAsync(remote.HttpClient ?? OwnClient, uri, limit, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, $"the fetch did not finish within {remote.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new(null, $"the fetch failed: {ex.Message}");
        }
        catch (IOException ex)
        {
            return new(null, $"the fetch failed while reading the answer: {ex.Message}");
        }
    }

    private static async Task<RemoteManifestFetch> FetchAsync(HttpClient client, Uri first, long limit, CancellationToken cancellationToken)
    {
        Uri current = first;
        for (int redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.ParseAdd("application/c2pa");
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

            // A client that follows redirects itself may have ended elsewhere: the final address is checked too.
            Uri answered = response.RequestMessage?.RequestUri ?? current;
            if (!SameHost(answered, first))
            {
                return new(null, $"the answer came from another host ({answered.Authority}), which is not followed");
            }

            if (IsRedirect(response.StatusCode))
            {
                if (response.Headers.Location is not { } location)
                {
                    return new(null, $"the server answered {(int)response.StatusCode} without a Location");
                }

                Uri next = location.IsAbsoluteUri ? location : new Uri(answered, location);
                if (!SameHost(next, first) || next.Scheme is not ("http" or "https"))
                {
                    return new(null, $"the server redirected to {next.GetLeftPart(UriPartial.Authority)}, another host, which is not followed");
                }

                if (redirects == MaxRedirects)
                {
                    return new(null, $"more than {MaxRedirects} redirects");
                }

                current = next;
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new(null, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength is long declared && declared > limit)
            {
                return new(null, $"the answer is {declared} bytes, more than the limit of {limit}");
            }

            return await ReadBoundedAsync(response.Content, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<RemoteManifestFetch> ReadBoundedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await BoundedReads.ReadToEndAsync(body, limit, cancellationToken).ConfigureAwait(false) is { } bytes
            ? new(bytes, null)
            : new(null, $"the answer is more than the limit of {limit} bytes");
    }

    private static bool SameHost(Uri a, Uri b)
        => string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
