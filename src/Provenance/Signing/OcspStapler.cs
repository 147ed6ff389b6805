using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Signing;

/// <summary>
/// Gets the OCSP response to staple in the claim signature (C2PA 2.2 §14.5.2): the one given in
/// <see cref="SigningOptions.OcspResponse"/>, or one fetched from the signing certificate's responder
/// (<see cref="SigningOptions.FetchOcsp"/>). Before the store is laid out, because its size is part of the reservation.
/// Each is checked as a verifier would check it now, so that nothing is stapled that no verifier could use.
/// </summary>
internal static class OcspStapler
{
    /// <summary>The DER response to staple, or null for none.</summary>
    /// <exception cref="ArgumentException">Both a response and fetching were asked for.</exception>
    /// <exception cref="ProvenanceSigningException">The signing certificate is revoked, or the response given cannot be used.</exception>
    public static async Task<ReadOnlyMemory<byte>?> PrepareAsync(IClaimSigner signer, SigningOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        if (options.OcspResponse is null && !options.FetchOcsp)
        {
            return null;
        }

        if (options.OcspResponse is not null && options.FetchOcsp)
        {
            throw new ArgumentException("Give SigningOptions.OcspResponse or set SigningOptions.FetchOcsp, not both.", nameof(options));
        }

        if (options.OcspResponse is { IsEmpty: true })
        {
            // A null byte[] converts to an empty ReadOnlyMemory<byte>, not to null: say so rather than staple nothing.
            throw new ArgumentException("SigningOptions.OcspResponse is empty (a null byte[] converts to an empty response, not to none).", nameof(options));
        }

        IReadOnlyList<X509Certificate2> chain = signer.CertificateChain;
        X509Certificate2? issuer = OcspResponseChecker.FindIssuer(chain[0], chain.Skip(1));
        const string NoIssuer = "the signer's certificate chain does not carry the issuer of its certificate, which an OCSP request and every verifier's check of the response need";
        if (options.OcspResponse is ReadOnlyMemory<byte> given)
        {
            if (issuer is null)
            {
                throw new ProvenanceSigningException($"The OCSP response cannot be stapled: {NoIssuer}.");
            }

            OcspCheck check = OcspResponseChecker.Check(given, chain[0], issuer, null, options.TimeProvider.GetUtcNow());
            return check.Verdict switch
            {
                OcspVerdict.NotRevoked => given,
                OcspVerdict.Revoked => throw Revoked(check),
                _ => throw new ProvenanceSigningException($"The OCSP response given cannot be stapled: {check.Explanation}."),
            };
        }

        if (issuer is null)
        {
            notes.Add($"No OCSP response was stapled: {NoIssuer}.");
            return null;
        }

        OcspFetch fetched = await OcspFetcher.FetchAsync(options.OcspClient, chain[0], issuer, cancellationToken).ConfigureAwait(false);
        if (fetched.Response is null)
        {
            notes.Add($"No OCSP response was stapled: {fetched.Problem}.");
            return null;
        }

        OcspCheck answer = OcspResponseChecker.Check(fetched.Response, chain[0], issuer, null, options.TimeProvider.GetUtcNow());
        switch (answer.Verdict)
        {
            case OcspVerdict.NotRevoked:
                return fetched.Response;
            case OcspVerdict.Revoked:
                throw Revoked(answer);
            default:
                string why = answer.Verdict == OcspVerdict.Unknown ? answer.Explanation : "its answer cannot be used: " + answer.Explanation;
                notes.Add($"No OCSP response was stapled: the responder {fetched.Responder} was asked, and {why}.");
                return null;
        }
    }

    private static ProvenanceSigningException Revoked(OcspCheck check)
        => new($"Nothing was signed: the OCSP response says {check.Explanation}.");
}
