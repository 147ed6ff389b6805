namespace Provenance;

/// <summary>
/// Thrown when input bytes are malformed: a CBOR item, a JUMBF box, a container segment or a certificate
/// that cannot be parsed. The message names the layer and the byte offset where the problem was found.
/// </summary>
/// <remarks>
/// A malformed manifest is a <em>verdict</em> when it is found during validation (the validator turns this
/// exception into a status code such as <c>claim.cbor.invalid</c>); it is an error when the caller asked to
/// parse something directly.
/// </remarks>
public sealed class ProvenanceFormatException : Exception
{
    /// <summary>Creates an exception for malformed input.</summary>
    /// <param name="layer">The layer that found the problem, for example <c>CBOR</c>, <c>JUMBF</c>, <c>JPEG</c>.</param>
    /// <param name="offset">The byte offset, within the input that layer was reading, where the problem was found; -1 if unknown.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ProvenanceFormatException(string layer, long offset, string message, Exception? innerException = null)
        : base(offset >= 0 ? $"{layer}: {message} (at offset {offset})" : $"{layer}: {message}", innerException)
    {
        Layer = layer;
        Offset = offset;
        Reason = message;
    }

    /// <summary>The layer that found the problem (<c>CBOR</c>, <c>JUMBF</c>, <c>COSE</c>, <c>JPEG</c>, <c>PNG</c>, <c>BMFF</c>, ...).</summary>
    public string Layer { get; }

    /// <summary>Byte offset of the problem within the input of that layer, or -1 when unknown.</summary>
    public long Offset { get; }

    /// <summary>The description of the problem without layer and offset.</summary>
    public string Reason { get; }
}
