namespace Provenance.Cryptography;

/// <summary>
/// Thrown when a time-stamp authority (RFC 3161) gives no usable token while signing: it cannot be reached, it does not
/// answer in time, it answers an HTTP error or refuses the request (PKIStatus, failInfo), or its token does not answer
/// the request (another nonce or message imprint, a signature that does not verify, no certificate). The message names
/// the authority and what it answered. Signing stops and no output is kept.
/// </summary>
public sealed class TimeStampAuthorityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="authority">The authority's URL.</param>
    /// <param name="message">What went wrong, naming the authority.</param>
    /// <param name="httpStatusCode">The HTTP status of the answer, when there was one.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public TimeStampAuthorityException(Uri authority, string message, int? httpStatusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Authority = authority ?? throw new ArgumentNullException(nameof(authority));
        HttpStatusCode = httpStatusCode;
    }

    /// <summary>The time-stamp authority's URL.</summary>
    public Uri Authority { get; }

    /// <summary>The HTTP status code it answered with, or null when no HTTP answer came.</summary>
    public int? HttpStatusCode { get; }
}
