namespace Provenance.Cryptography;

/// <summary>
/// Sends OCSP requests to responders (RFC 6960): the network behind fetching a signing certificate's revocation status,
/// when signing (<see cref="SigningOptions.FetchOcsp"/>) or verifying (<see cref="VerificationOptions.FetchOcsp"/>).
/// <see cref="HttpOcspClient"/> is the HTTP implementation; tests and hosts with their own network rules supply theirs.
/// </summary>
public interface IOcspClient
{
    /// <summary>Sends a DER OCSPRequest to <paramref name="responder"/> and returns the DER OCSPResponse it answers.</summary>
    /// <param name="responder">The responder's address, from the certificate's authority information access extension.</param>
    /// <param name="request">The DER-encoded OCSPRequest.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The response's bytes, unchecked: the caller checks them as it would check a stapled response.</returns>
    /// <remarks>
    /// Any exception other than the caller's cancellation means no response was obtained: signing then goes on without
    /// one (and says so in <see cref="SigningResult.Notes"/>), and verification reports
    /// <c>signingCredential.ocsp.inaccessible</c>.
    /// </remarks>
    Task<byte[]> SendAsync(Uri responder, ReadOnlyMemory<byte> request, CancellationToken cancellationToken);
}
