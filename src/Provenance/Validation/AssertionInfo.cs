using Provenance.Cbor;

namespace Provenance.Validation;

/// <summary>One assertion of a manifest as found in the store, unknown ones included.</summary>
/// <param name="Label">The assertion label.</param>
/// <param name="Kind"><c>cbor</c>, <c>json</c>, <c>embedded</c> (a file such as a thumbnail) or <c>unknown</c>.</param>
/// <param name="Cbor">The content of a CBOR assertion.</param>
/// <param name="Json">The content of a JSON assertion.</param>
/// <param name="MediaType">The media type of an embedded file.</param>
/// <param name="Size">The size of an embedded file.</param>
public sealed record AssertionInfo(string Label, string Kind, CborValue? Cbor = null, string? Json = null, string? MediaType = null, long? Size = null);
