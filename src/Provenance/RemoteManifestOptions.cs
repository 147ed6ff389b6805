namespace Provenance;

/// <summary>
/// Whether, and from where, verification fetches a manifest store that an asset references remotely instead of
/// embedding it (XMP <c>dcterms:provenance</c>, C2PA 2.2 §11.3). The address comes from the file being verified, so
/// nothing is fetched unless its host is on <see cref="AllowedHosts"/>; the answer is bounded in size and time, and a
/// redirect to another host is not followed.
/// </summary>
/// <example>
/// <code>
/// var options = new VerificationOptions
/// {
///     RemoteManifests = new RemoteManifestOptions { AllowedHosts = ["manifests.example.com"] },
/// };
/// </code>
/// </example>
public sealed record RemoteManifestOptions
{
    /// <summary>The default largest store fetched: 16 MiB.</summary>
    public const long DefaultMaxBytes = 16L << 20;

    /// <summary>
    /// Host names (compared without case; <c>host:port</c> to allow one port only) manifests may be fetched from.
    /// An empty list fetches nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public IReadOnlyCollection<string> AllowedHosts { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = [];

    /// <summary>
    /// The largest answer read (default <see cref="DefaultMaxBytes"/>); a larger one is refused without being read.
    /// <see cref="Formats.AssetReadOptions.MaxManifestStoreSize"/> applies too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public long MaxBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = DefaultMaxBytes;

    /// <summary>How long the whole fetch may take, answer included (default 10 seconds).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan Timeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The client that sends the request, for proxies or tests; null for Provenance's own, which follows no redirect
    /// by itself. Whatever the client, the final address must be on the same host as the first.
    /// </summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Whether <paramref name="url"/> may be fetched: http or https, on an allowed host.</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && url.Scheme is "http" or "https"
            && AllowedHosts.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase) || string.Equals(h, url.Authority, StringComparison.OrdinalIgnoreCase));
    }
}
