using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Formats;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>Validates BMFF hash hard bindings (<c>c2pa.hash.bmff.v2</c>/<c>.v3</c>, C2PA 2.2 §18.6, §15.12.2, and 1.x <c>c2pa.hash.bmff</c>, which does not hash box offsets).</summary>
internal static class BmffBindingValidator
{
    public static async Task ValidateAsync(string label, JumbfSuperBox box, Claim claim, ValidationContext context, StatusLog log, string url, CancellationToken cancellationToken)
    {
        string type = C2paLabels.StripInstance(label);
        if (type is not (C2paLabels.BmffHashV1 or C2paLabels.BmffHashV2 or C2paLabels.BmffHashV3))
        {
            log.AddFailure(StatusCodes.AssertionBmffHashMalformed, url, $"hard binding {label} is not supported");
            return;
        }

        if (context.Handler is not IBmffHashHandler bmff)
        {
            log.AddFailure(StatusCodes.AssertionBmffHashMismatch, url, "a BMFF hash binds this manifest, but the asset is not an ISO BMFF file");
            return;
        }

        if (!BindingAssertions.TryRead(box, StatusCodes.AssertionBmffHashMalformed, log, url, out BmffHashAssertion? assertion)
            || !BindingAssertions.TryResolveAlgorithm(assertion.Algorithm, claim, log, url, out HashAlgorithmName hashName))
        {
            return;
        }

        try
        {
            await ValidateHashesAsync(bmff, box, assertion, hashName, hashBoxOffsets: type != C2paLabels.BmffHashV1, context, log, url, cancellationToken).ConfigureAwait(false);
        }
        catch (ProvenanceFormatException ex)
        {
            // A box that runs past the end of a cut-off file, or a stream that ends early: the manifest was readable, so
            // this is the binding's verdict, naming the box and offset, not an error.
            log.AddFailure(StatusCodes.AssertionBmffHashMismatch, url, "the asset's boxes cannot all be hashed: " + ex.Message);
        }
    }

    private static async Task ValidateHashesAsync(IBmffHashHandler bmff, JumbfSuperBox box, BmffHashAssertion assertion, HashAlgorithmName hashName, bool hashBoxOffsets, ValidationContext context, StatusLog log, string url, CancellationToken cancellationToken)
    {
        Stream asset = context.Asset!;
        if (assertion.Merkle.Any(m => m.InitHash is not null))
        {
            string? fragmentProblem = await FragmentMerkleVerifier.VerifyAsync(bmff, asset, context.Fragment, assertion, hashName, context.Options.ReadOptions, cancellationToken).ConfigureAwait(false);
            if (fragmentProblem is null && context.Fragment is null)
            {
                // The init segment alone holds no media: nothing that a viewer plays has been proven, so, like
                // c2pa-rs, this is no match (C2PA 2.2 §A.5.4 binds each media segment with its init segment).
                log.AddFailure(StatusCodes.AssertionBmffHashMismatch, url, "this is a fragmented asset's init segment, which matches its initHash but holds no media; verify each media segment with it (--init)");
            }
            else if (fragmentProblem is null)
            {
                log.AddSuccess(StatusCodes.AssertionBmffHashMatch, url, "BMFF init segment and media segment match the Merkle tree");
            }
            else
            {
                log.AddFailure(StatusCodes.AssertionBmffHashMismatch, url, fragmentProblem);
            }

            return;
        }

        if (assertion.Merkle.Count > 0)
        {
            (string Code, string Explanation)? problem = context.Prefetch?.TryTakeMerkle(box, hashName) is { } earlyTrees
                ? await earlyTrees.ConfigureAwait(false)
                : BmffMerkleVerifier.Verify(bmff, asset, assertion, hashName, context.Options.ReadOptions, cancellationToken);
            if (problem is not null)
            {
                log.AddFailure(problem.Value.Code, url, problem.Value.Explanation);
                return;
            }

            if (assertion.Hash is null)
            {
                log.AddSuccess(StatusCodes.AssertionBmffHashMatch, url, "BMFF Merkle trees valid");
                return;
            }
        }

        ReadOnlyMemory<byte> expected = assertion.Hash!.Value;
        byte[] actual = hashBoxOffsets && context.Prefetch?.TryTake(box, hashName) is { } early
            ? await early.ConfigureAwait(false)
            : await bmff.HashAsync(asset, hashName, assertion.Exclusions, hashBoxOffsets, context.Options.ReadOptions, context.Options.Progress, cancellationToken).ConfigureAwait(false);

        // C2PA 2.5 Appendix C: exclusions beyond the mandatory ones (the C2PA box, ftyp, mfra; §A.5.6) are worth a look.
        string[] additional = [.. assertion.Exclusions.Select(e => e.XPath).Where(x => x is not ("/uuid" or "/ftyp" or "/mfra") && !(x == "/mdat" && assertion.Merkle.Count > 0))];
        if (additional.Length > 0)
        {
            log.AddInformational(StatusCodes.AssertionBmffHashAdditionalExclusions, url, "extra BMFF hash exclusions found: " + string.Join(", ", additional));
        }

        if (actual.AsSpan().SequenceEqual(expected.Span))
        {
            log.AddSuccess(StatusCodes.AssertionBmffHashMatch, url, "BMFF hash valid");
        }
        else
        {
            log.AddFailure(StatusCodes.AssertionBmffHashMismatch, url, "the BMFF hash does not match the file");
        }
    }
}
