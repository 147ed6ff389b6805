using System.Security.Cryptography.Cose;

namespace Provenance.Cose;

/// <summary>COSE header labels used by the C2PA claim signature (C2PA 2.2 §13.2, RFC 9052 §3.1, RFC 9360).</summary>
/// <remarks>The constants are what the writer encodes; <see cref="Of(int)"/> and <see cref="Of(string)"/> make the
/// runtime's <see cref="CoseHeaderLabel"/> for a lookup in a decoded message.</remarks>
internal static class CoseHeaderLabels
{
    /// <summary><c>alg</c>, integer label 1; C2PA requires it in the protected bucket.</summary>
    public const int Algorithm = 1;

    /// <summary><c>x5chain</c>, integer label 33 (RFC 9360).</summary>
    public const int X5Chain = 33;

    /// <summary>The deprecated text label some 1.x writers used for the certificate chain.</summary>
    public const string X5ChainText = "x5chain";

    /// <summary>Unprotected: RFC 3161 time-stamp tokens over the signature (C2PA 2.1+).</summary>
    public const string SigTst2 = "sigTst2";

    /// <summary>Unprotected: RFC 3161 time-stamp responses over the claim (C2PA 1.x, deprecated 2.1).</summary>
    public const string SigTst = "sigTst";

    /// <summary>Unprotected: revocation values, <c>{"ocspVals": [DER OCSPResponse, ...]}</c> (C2PA 2.2 §14.5.2).</summary>
    public const string RVals = "rVals";

    /// <summary>Unprotected: zero padding that sizes the signature box.</summary>
    public const string Pad = "pad";

    /// <summary>Unprotected: second zero padding, for sizes one pad cannot reach.</summary>
    public const string Pad2 = "pad2";

    /// <summary>The runtime label for an integer label.</summary>
    public static CoseHeaderLabel Of(int label) => new(label);

    /// <summary>The runtime label for a text label.</summary>
    public static CoseHeaderLabel Of(string label) => new(label);
}
