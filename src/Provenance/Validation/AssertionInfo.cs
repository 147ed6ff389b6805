using Provenance.Cbor;

namespace Provenance.Validation;

/// <summary>One assertion of a manifest as found in the store, unknown ones included.</summary>
/// <param name="Label">The assertion label.</param>
/// <param name="Kind"><c>cbor</c>, <c>json</c>, <c>embedded</c> (a file such as a thumbnail) or <c>unknown</c>.</param>
/// <param name="Json">The content of a JSON assertion.</param>
/// <param name="MediaType">The media type of an embedded file.</param>
/// <param name="Size">The size of an embedded file.</param>
public sealed record AssertionInfo(string Label, string Kind, string? Json = null, string? MediaType = null, long? Size = null)
{
    /// <summary>
    /// The exact bytes of a CBOR assertion's content, or <see langword="null"/> for other kinds; decode them with
    /// <c>System.Formats.Cbor.CborReader</c>.
    /// </summary>
    public ReadOnlyMemory<byte>? EncodedCbor { get; init; }

    /// <summary>
    /// The content as JSON text: a JSON assertion's text, or a CBOR assertion's content rendered as JSON (the form
    /// <see cref="ReportJsonWriter"/> writes); <see langword="null"/> for embedded files and unreadable assertions.
    /// </summary>
    public string? ContentAsJson => Cbor?.ToJsonString() ?? Json;

    /// <summary>The decoded content of a CBOR assertion.</summary>
    internal CborValue? Cbor { get; init; }
}
