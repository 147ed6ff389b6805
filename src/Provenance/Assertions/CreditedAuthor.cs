namespace Provenance.Assertions;

/// <summary>A person or organisation credited for a work.</summary>
/// <param name="Name">The name, in any script, kept exactly as given (no Unicode normalisation).</param>
/// <param name="Identifier">A URL or other identifier for them (an ORCID, an ISNI, a profile page), or null.</param>
/// <param name="Role">Their role in making the work (<c>photographer</c>, <c>illustrator</c>...), or null.</param>
public sealed record CreditedAuthor(string Name, string? Identifier = null, string? Role = null);
