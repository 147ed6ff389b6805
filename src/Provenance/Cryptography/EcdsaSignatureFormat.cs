using System.Formats.Asn1;

namespace Provenance.Cryptography;

/// <summary>
/// Converts ECDSA signatures between the DER form that cloud key services return (AWS KMS <c>Sign</c>, Azure Key Vault
/// with some SDKs, PKCS#11 tokens, OpenSSL) and the fixed-length form COSE needs.
/// </summary>
/// <remarks>
/// COSE (RFC 9053 §2.1) carries an ECDSA signature as IEEE P1363 <c>r||s</c>, each integer big-endian and left-padded
/// to the curve's field size: 64 bytes for ES256 (P-256), 96 for ES384 (P-384), 132 for ES512 (P-521). DER
/// (RFC 3279 §2.2.3, <c>Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }</c>) is variable-length and is what
/// .NET calls <see cref="System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence"/>. An
/// <see cref="IClaimSigner"/> backed by such a service converts its result with <see cref="DerToP1363"/>.
/// </remarks>
/// <example>
/// <code>
/// byte[] der = await kms.SignAsync(SHA256.HashData(toBeSigned));   // a DER Ecdsa-Sig-Value
/// return EcdsaSignatureFormat.DerToP1363(der, SigningAlgorithm.ES256);
/// </code>
/// </example>
public static class EcdsaSignatureFormat
{
    /// <summary>The length of an IEEE P1363 signature for an ECDSA algorithm: 64 (ES256), 96 (ES384) or 132 (ES512).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The algorithm is not ECDSA.</exception>
    public static int GetP1363Length(SigningAlgorithm algorithm) => 2 * FieldSize(algorithm);

    /// <summary>Converts a DER <c>Ecdsa-Sig-Value</c> to IEEE P1363 <c>r||s</c> of the fixed length COSE needs for <paramref name="algorithm"/>.</summary>
    /// <param name="derSignature">The DER encoding: <c>SEQUENCE { INTEGER r, INTEGER s }</c>, nothing after it.</param>
    /// <param name="algorithm">ES256, ES384 or ES512; it fixes the curve and so the length of each integer.</param>
    /// <returns><see cref="GetP1363Length"/> bytes: r then s, each big-endian and left-padded with zeros.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The algorithm is not ECDSA.</exception>
    /// <exception cref="FormatException">
    /// The bytes are not a DER <c>Ecdsa-Sig-Value</c> (not a sequence of two integers, not minimally encoded, trailing
    /// bytes), or an integer is zero, negative or longer than the curve's field.
    /// </exception>
    public static byte[] DerToP1363(ReadOnlySpan<byte> derSignature, SigningAlgorithm algorithm)
    {
        int fieldSize = FieldSize(algorithm);
        byte[] result = new byte[2 * fieldSize];
        try
        {
            AsnDecoder.ReadSequence(derSignature, AsnEncodingRules.DER, out int contentOffset, out int contentLength, out int consumed);
            if (consumed != derSignature.Length)
            {
                throw new FormatException($"The DER ECDSA signature has {derSignature.Length - consumed} bytes after its SEQUENCE.");
            }

            ReadOnlySpan<byte> content = derSignature.Slice(contentOffset, contentLength);
            ReadOnlySpan<byte> r = AsnDecoder.ReadIntegerBytes(content, AsnEncodingRules.DER, out int rLength);
            ReadOnlySpan<byte> s = AsnDecoder.ReadIntegerBytes(content[rLength..], AsnEncodingRules.DER, out int sLength);
            if (rLength + sLength != content.Length)
            {
                throw new FormatException("The DER ECDSA signature's SEQUENCE holds more than the two INTEGERs r and s.");
            }

            CopyInteger(r, "r", algorithm, result.AsSpan(0, fieldSize));
            CopyInteger(s, "s", algorithm, result.AsSpan(fieldSize, fieldSize));
        }
        catch (AsnContentException ex)
        {
            throw new FormatException($"The bytes are not a DER ECDSA signature (SEQUENCE {{ INTEGER r, INTEGER s }}): {ex.Message}", ex);
        }

        return result;
    }

    /// <summary>Whether <paramref name="signature"/> parses as a DER <c>Ecdsa-Sig-Value</c> for <paramref name="algorithm"/>'s curve.</summary>
    internal static bool IsDer(ReadOnlySpan<byte> signature, SigningAlgorithm algorithm)
    {
        try
        {
            DerToP1363(signature, algorithm);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // The curve goes with the algorithm in C2PA (P-256 ↔ ES256, P-384 ↔ ES384, P-521 ↔ ES512): ⌈bits / 8⌉ bytes.
    private static int FieldSize(SigningAlgorithm algorithm) => SigningAlgorithms.CurveBits(algorithm) switch
    {
        0 => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only ECDSA algorithms (ES256, ES384, ES512) have a P1363 form."),
        int bits => (bits + 7) / 8,
    };

    private static void CopyInteger(ReadOnlySpan<byte> integer, string name, SigningAlgorithm algorithm, Span<byte> destination)
    {
        // DER integers are two's complement and minimal, so a positive one starts with 0x00 only when its top bit is set.
        if ((integer[0] & 0x80) != 0)
        {
            throw new FormatException($"The DER ECDSA signature's {name} is negative.");
        }

        ReadOnlySpan<byte> magnitude = integer[0] == 0 ? integer[1..] : integer;
        if (magnitude.IsEmpty)
        {
            throw new FormatException($"The DER ECDSA signature's {name} is zero.");
        }

        if (magnitude.Length > destination.Length)
        {
            throw new FormatException($"The DER ECDSA signature's {name} has {magnitude.Length} bytes; {SigningAlgorithms.GetName(algorithm)} allows at most {destination.Length}.");
        }

        magnitude.CopyTo(destination[(destination.Length - magnitude.Length)..]);
    }
}
