namespace Provenance;

/// <summary>
/// The layer of the input that a <see cref="ProvenanceFormatException"/> comes from: what was being read when the problem
/// was found. Code that tells kinds of malformed input apart branches on it, never on the message.
/// </summary>
public enum FormatLayer
{
    /// <summary>The asset as a whole: its format was not recognised, or cannot be handled for this operation.</summary>
    Asset,

    /// <summary>A stream that ended before its reported length.</summary>
    Io,

    /// <summary>A CBOR item (RFC 8949).</summary>
    Cbor,

    /// <summary>A JUMBF box or superbox (ISO/IEC 19566-5).</summary>
    Jumbf,

    /// <summary>A COSE_Sign1 message: the claim signature (RFC 9052).</summary>
    Cose,

    /// <summary>A C2PA claim (C2PA 2.2 §10).</summary>
    Claim,

    /// <summary>A C2PA assertion's content (C2PA 2.2 §18).</summary>
    Assertion,

    /// <summary>A CAWG identity assertion (CAWG Identity Assertion 1.1).</summary>
    Identity,

    /// <summary>A JPEG file's segments (ITU T.81) or its APP11 manifest segments (C2PA 2.2 §A.3.1).</summary>
    Jpeg,

    /// <summary>A PNG file's chunks (PNG §5) or its <c>caBX</c> chunk (C2PA 2.2 §A.3.2).</summary>
    Png,

    /// <summary>An ISO BMFF file's boxes (ISO/IEC 14496-12): MP4, MOV, M4A, HEIF.</summary>
    Bmff,

    /// <summary>PEM text (RFC 7468): a certificate chain or a private key.</summary>
    Pem,

    /// <summary>A PKCS#12 (PFX) file.</summary>
    Pkcs12,

    /// <summary>An X.509 certificate (RFC 5280).</summary>
    X509,

    /// <summary>Trust settings: a c2pa-rs settings file, an allowed list or an extended key usage list.</summary>
    Settings,

    /// <summary>A RIFF file's chunks (WebP, WAV, AVI) or its <c>C2PA</c> chunk (C2PA 2.2 §A.3.6).</summary>
    Riff,

    /// <summary>A GIF file's blocks (GIF89a) or its <c>C2PA_GIF</c> application extension (C2PA 2.2 §A.3.7).</summary>
    Gif,

    /// <summary>An ID3v2 tag (ID3v2.3/2.4) at the start of an MP3 or FLAC file, or its C2PA <c>GEOB</c> frame.</summary>
    Id3,

    /// <summary>An SVG document's XML, or its <c>c2pa:manifest</c> element.</summary>
    Svg,

    /// <summary>A JPEG XL container's boxes (ISO/IEC 18181-2) or its <c>jumb</c> manifest store box (C2PA 2.3 §A.3.9).</summary>
    JpegXl,

    /// <summary>A TIFF or DNG file's header and IFDs (TIFF 6.0 §2, BigTIFF) or its C2PA tag (C2PA 2.2 §A.3.5).</summary>
    Tiff,
}
