using Provenance.Validation;

namespace Provenance;

/// <summary>
/// Thrown when signing would produce an asset whose manifest does not validate: the signer returned a signature of the
/// wrong form or length, its key does not match its certificate, or the signed output failed verification
/// (<see cref="SigningOptions.VerifyAfterSign"/>). No output is kept: a file is never moved into place.
/// </summary>
/// <remarks>
/// Whether the signer is trusted is not part of these checks: an untrusted (for example a development) signer signs
/// fine. A stream passed to <see cref="ManifestBuilder.SignAsync"/> may hold partial output when this is thrown; the
/// caller owns that stream.
/// </remarks>
public sealed class ProvenanceSigningException : ProvenanceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and, where possible, how to fix it.</param>
    /// <param name="failures">The validation failures found in the signed output, if that is what failed.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ProvenanceSigningException(string message, IReadOnlyList<ValidationStatus>? failures = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failures = failures ?? [];
    }

    /// <summary>The failure status codes verification after signing found (empty when the signer's result was refused before embedding).</summary>
    public IReadOnlyList<ValidationStatus> Failures { get; }
}
