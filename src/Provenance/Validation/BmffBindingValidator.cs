using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>Validates BMFF hash hard bindings (<c>c2pa.hash.bmff.v2</c>/<c>.v3</c>, C2PA 2.2 §18.6).</summary>
internal static class BmffBindingValidator
{
    public static Task ValidateAsync(string label, JumbfSuperBox box, Claim claim, ValidationContext context, StatusLog log, string url, CancellationToken cancellationToken)
    {
        // Filled in with the BMFF hasher; until then such bindings are reported, never silently accepted.
        log.AddFailure(StatusCodes.AssertionBmffHashMalformed, url, $"hard binding {label} is not supported yet");
        return Task.CompletedTask;
    }
}
