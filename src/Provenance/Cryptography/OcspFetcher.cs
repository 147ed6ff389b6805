using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>A response fetched from a responder, or why none was.</summary>
internal sealed record OcspFetch(byte[]? Response, Uri? Responder, string? Problem);

/// <summary>Fetches a certificate's OCSP response from the responders its AIA extension names (RFC 6960 Appendix A).</summary>
internal static class OcspFetcher
{
    /// <summary>
    /// Asks each responder of <paramref name="certificate"/> in turn and returns the first answer, unchecked. A responder
    /// that cannot be reached is a problem to report, never an exception; the caller's cancellation still throws.
    /// </summary>
    public static async Task<OcspFetch> FetchAsync(IOcspClient client, X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        IReadOnlyList<Uri> responders = OcspRequests.ResponderUris(certificate);
        if (responders.Count == 0)
        {
            return new OcspFetch(null, null, "the signing certificate names no OCSP responder (no HTTP OCSP address in its authority information access extension)");
        }

        byte[] request = OcspRequests.Create(certificate, issuer);
        var problems = new List<string>();
        foreach (Uri responder in responders)
        {
            try
            {
                byte[] response = await client.SendAsync(responder, request, cancellationToken).ConfigureAwait(false);
                return new OcspFetch(response, responder, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Any failure of the client's (network, HTTP, timeout, size, or its own) means no answer from this responder.
                problems.Add($"{responder}: {ex.Message}");
            }
        }

        return new OcspFetch(null, null, "no OCSP responder answered (" + string.Join("; ", problems) + ")");
    }
}
