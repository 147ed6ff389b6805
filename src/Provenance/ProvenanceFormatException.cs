namespace Provenance;

/// <summary>
/// Thrown when input bytes are malformed: a CBOR item, a JUMBF box, a container segment or a certificate
/// that cannot be parsed. The message names the layer and the byte offset where the problem was found.
/// </summary>
/// <remarks>
/// A malformed manifest is a <em>verdict</em> when it is found during validation (the validator turns this
/// exception into a status code such as <c>claim.cbor.invalid</c>); it is an error when the caller asked to
/// parse something directly. Input that is well-formed but of a format Provenance does not handle throws the derived
/// <see cref="UnsupportedFormatException"/>, so a <c>catch</c> of this type sees both.
/// </remarks>
public class ProvenanceFormatException : ProvenanceException
{
    /// <summary>Creates an exception for malformed input.</summary>
    /// <param name="layer">The layer that found the problem.</param>
    /// <param name="offset">The byte offset, within the input that layer was reading, where the problem was found; -1 if unknown.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ProvenanceFormatException(FormatLayer layer, long offset, string message, Exception? innerException = null)
        : base(offset >= 0 ? $"{NameOf(layer)}: {message} (at offset {offset})" : $"{NameOf(layer)}: {message}", innerException)
    {
        Layer = layer;
        Offset = offset;
        Reason = message;
    }

    /// <summary>The layer that found the problem.</summary>
    public FormatLayer Layer { get; }

    /// <summary>Byte offset of the problem within the input of that layer, or -1 when unknown.</summary>
    public long Offset { get; }

    /// <summary>The description of the problem without layer and offset.</summary>
    public string Reason { get; }

    /// <summary>The name a layer goes by in messages: <c>CBOR</c>, <c>JUMBF</c>, <c>BMFF</c>, <c>X.509</c>...</summary>
    internal static string NameOf(FormatLayer layer) => layer switch
    {
        FormatLayer.Asset => "Format",
        FormatLayer.Io => "IO",
        FormatLayer.Cbor => "CBOR",
        FormatLayer.Jumbf => "JUMBF",
        FormatLayer.Cose => "COSE",
        FormatLayer.Claim => "Claim",
        FormatLayer.Assertion => "Assertion",
        FormatLayer.Identity => "CAWG",
        FormatLayer.Jpeg => "JPEG",
        FormatLayer.Png => "PNG",
        FormatLayer.Bmff => "BMFF",
        FormatLayer.JpegXl => "JPEG XL",
        FormatLayer.Pem => "PEM",
        FormatLayer.Pkcs12 => "PKCS#12",
        FormatLayer.X509 => "X.509",
        FormatLayer.Riff => "RIFF",
        FormatLayer.Tiff => "TIFF",
        FormatLayer.Gif => "GIF",
        FormatLayer.Id3 => "ID3",
        FormatLayer.Svg => "SVG",
        _ => layer.ToString(),
    };
}
