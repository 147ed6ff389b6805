using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Signing;

/// <summary>
/// Verification after signing (c2pa-rs's <c>verify_after_sign</c>): the signed output is read back and validated by
/// the verifier's own pipeline (<see cref="AssetValidator"/>), so signing never hands over an asset its own verifier would call Invalid.
/// Trust is not part of it: <c>signingCredential.untrusted</c> and, for a CAWG identity's credential,
/// <c>cawg.x509.credential.untrusted</c> are the failures allowed.
/// </summary>
internal static class OutputVerifier
{
    /// <summary>Validates <paramref name="written"/> (positioned anywhere; read from its start).</summary>
    /// <param name="written">The signed asset, readable and seekable.</param>
    /// <param name="options">The signing options (their clock and read limits apply; no trust anchors).</param>
    /// <param name="checkContent">Whether the hard binding is re-hashed over <paramref name="written"/>.</param>
    /// <param name="cancellationToken">Cancels verification.</param>
    /// <param name="mediaSegment">For a fragmented asset's init segment, one of its signed media segments: an init
    /// segment binds no media alone, so it is checked with a segment (C2PA 2.2 §A.5.4).</param>
    /// <exception cref="ProvenanceSigningException">The output does not validate; the message lists the failures.</exception>
    public static Task VerifyAsync(Stream written, SigningOptions options, bool checkContent, CancellationToken cancellationToken, Stream? mediaSegment = null)
    {
        written.Position = 0;
        return VerifyAsync(
            SigningVerification.For(options, TrustAnchorSet.Empty),
            verification => AssetValidator.ValidateAsync(written, mediaSegment, verification, checkContent, cancellationToken),
            checkContent);
    }

    /// <summary>Runs <paramref name="validate"/> with verification-after-signing options and judges its report.</summary>
    /// <exception cref="ProvenanceSigningException">The output does not validate; the message lists the failures.</exception>
    public static async Task VerifyAsync(VerificationOptions verification, Func<VerificationOptions, Task<ValidationReport>> validate, bool checkContent = true)
    {
        ValidationReport report;
        try
        {
            report = await validate(verification).ConfigureAwait(false);
        }
        catch (ProvenanceFormatException ex)
        {
            throw new ProvenanceSigningException($"Verification after signing could not read the signed output back ({ex.Message}); it was not kept.", innerException: ex);
        }

        if (!report.HasManifest)
        {
            throw new ProvenanceSigningException("Verification after signing found no manifest store in the signed output; it was not kept.");
        }

        StatusLog log = report.ActiveManifestResults;
        List<ValidationStatus> failures = [.. log.Failure.Where(f => f.Code is not (StatusCodes.SigningCredentialUntrusted or StatusCodes.CawgX509CredentialUntrusted))];
        if (!log.Success.Any(s => s.Code == StatusCodes.ClaimSignatureValidated))
        {
            failures.Add(new ValidationStatus(StatusCodes.ClaimSignatureMismatch, null, "the claim signature was not validated"));
        }

        if (checkContent && !log.Success.Any(s => s.Code is StatusCodes.AssertionDataHashMatch or StatusCodes.AssertionBmffHashMatch))
        {
            failures.Add(new ValidationStatus(StatusCodes.ClaimHardBindingsMissing, null, "the hard binding was not validated against the written bytes"));
        }

        if (failures.Count > 0)
        {
            string listed = string.Join("; ", failures.DistinctBy(f => (f.Code, f.Explanation)).Select(f => f.Explanation is null ? f.Code : $"{f.Code}: {f.Explanation}"));
            throw new ProvenanceSigningException($"Verification after signing failed, so the output was not kept: {listed}.", failures);
        }
    }
}
