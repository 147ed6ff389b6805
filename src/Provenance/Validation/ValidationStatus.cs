namespace Provenance.Validation;

/// <summary>One entry of a validation result: a status code of C2PA 2.2 §15.2, the box it concerns, an explanation.</summary>
/// <param name="Code">The status code, for example <c>assertion.dataHash.match</c> (see <see cref="StatusCodes"/>).</param>
/// <param name="Url">The JUMBF URI of the box concerned, if any.</param>
/// <param name="Explanation">A human-readable explanation.</param>
public sealed record ValidationStatus(string Code, string? Url = null, string? Explanation = null);
