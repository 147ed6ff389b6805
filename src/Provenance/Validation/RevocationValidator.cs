using System.Security.Cryptography.X509Certificates;
using Provenance.Cose;
using Provenance.Cryptography;

namespace Provenance.Validation;

/// <summary>
/// Validates the revocation status of a claim's signing certificate (C2PA 2.2 §15.9): from the OCSP response stapled in
/// the signature's <c>rVals</c> header, offline; else, only when <see cref="VerificationOptions.FetchOcsp"/> allows it,
/// from the certificate's OCSP responder. A stapled response that cannot be relied on is treated as absent.
/// </summary>
internal static class RevocationValidator
{
    public static async Task ValidateAsync(
        CoseSign1Message message,
        IReadOnlyList<X509Certificate2> chain,
        DateTimeOffset? trustedTime,
        ValidationContext context,
        StatusLog log,
        string url,
        CancellationToken cancellationToken)
    {
        VerificationOptions options = context.Options;
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        X509Certificate2 signer = chain[0];

        // The issuer's key is what a CertID names and what authorizes a responder: from the x5chain, else an anchor
        // (a chain may stop below a root), and only a certificate whose key verifies the signer's certificate. Sought
        // only when there is a response to check or one may be fetched: it costs a signature verification.
        var issuer = new Lazy<X509Certificate2?>(() => OcspResponseChecker.FindIssuer(signer, chain.Skip(1).Concat(options.TrustAnchors.Certificates)), LazyThreadSafetyMode.None);

        string? ignored = null;
        foreach (ReadOnlyMemory<byte> stapled in RevocationValues.Read(message))
        {
            if (issuer.Value is not { } stapledIssuer)
            {
                ignored = "the stapled OCSP response cannot be checked: the signing certificate's issuer is neither in its x5chain nor a trust anchor";
                break;
            }

            OcspCheck check = OcspResponseChecker.Check(stapled, signer, stapledIssuer, trustedTime, now);
            if (check.Verdict != OcspVerdict.Unusable)
            {
                Report(check, log, url, "stapled OCSP response");
                return;
            }

            ignored ??= "the stapled OCSP response was ignored: " + check.Explanation;
        }

        if (!options.FetchOcsp)
        {
            log.AddInformational(StatusCodes.SigningCredentialOcspSkipped, url, ignored is null ? "OCSP fetching skipped" : ignored + "; OCSP fetching skipped");
            return;
        }

        if (issuer.Value is not { } fetchIssuer)
        {
            log.AddInformational(StatusCodes.SigningCredentialOcspInaccessible, url, "no OCSP request can be made: the signing certificate's issuer is neither in its x5chain nor a trust anchor");
            return;
        }

        OcspFetch fetched = await OcspFetcher.FetchAsync(options.OcspClient, signer, fetchIssuer, cancellationToken).ConfigureAwait(false);
        if (fetched.Response is null)
        {
            log.AddInformational(StatusCodes.SigningCredentialOcspInaccessible, url, fetched.Problem);
            return;
        }

        OcspCheck answer = OcspResponseChecker.Check(fetched.Response, signer, fetchIssuer, trustedTime, options.TimeProvider.GetUtcNow());
        if (answer.Verdict == OcspVerdict.Unusable)
        {
            log.AddInformational(StatusCodes.SigningCredentialOcspInaccessible, url, $"the answer of the OCSP responder {fetched.Responder} cannot be used: {answer.Explanation}");
            return;
        }

        Report(answer, log, url, $"OCSP response from {fetched.Responder}");
    }

    private static void Report(OcspCheck check, StatusLog log, string url, string source)
    {
        string explanation = $"{source}: {check.Explanation}";
        switch (check.Verdict)
        {
            case OcspVerdict.NotRevoked:
                log.AddSuccess(StatusCodes.SigningCredentialOcspNotRevoked, url, explanation);
                break;
            case OcspVerdict.Revoked:
                log.AddFailure(StatusCodes.SigningCredentialOcspRevoked, url, explanation);
                break;
            default:
                log.AddInformational(StatusCodes.SigningCredentialOcspUnknown, url, explanation);
                break;
        }
    }
}
