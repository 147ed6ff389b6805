namespace Provenance.Validation;

/// <summary>Who signed a manifest, and when (from the signing certificate and the time-stamp).</summary>
/// <param name="Algorithm">The signing algorithm (<c>ES256</c>...), or null if unreadable.</param>
/// <param name="Issuer">The signing certificate's organization, else its common name.</param>
/// <param name="CommonName">The signing certificate's common name.</param>
/// <param name="SerialNumber">The signing certificate's serial number (decimal, as c2pa-rs prints it).</param>
/// <param name="Time">The trusted time of signing from an RFC 3161 time-stamp, if any.</param>
public sealed record SignatureInfo(string? Algorithm, string? Issuer, string? CommonName, string? SerialNumber, DateTimeOffset? Time)
{
    /// <summary>
    /// Whether the signing certificate chains to one of the caller's trust anchors (<c>signingCredential.trusted</c>);
    /// null when the signature could not be read far enough to ask.
    /// </summary>
    public bool? IsTrusted { get; init; }
}
