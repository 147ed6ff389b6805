using System.Formats.Asn1;
using System.Security.Cryptography;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>DER (RFC 3279 §2.2.3, what cloud KMSes return) to IEEE P1363 r||s (what COSE needs, RFC 9053 §2.1).</summary>
public class EcdsaSignatureFormatTests
{
    public static TheoryData<SigningAlgorithm> Algorithms => [SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.ES512];

    [Theory]
    [InlineData(SigningAlgorithm.ES256, 64)]
    [InlineData(SigningAlgorithm.ES384, 96)]
    [InlineData(SigningAlgorithm.ES512, 132)]
    public void GetP1363Length_EcdsaAlgorithm_IsTwiceTheFieldSize(SigningAlgorithm algorithm, int expected)
        => Assert.Equal(expected, EcdsaSignatureFormat.GetP1363Length(algorithm));

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void DerToP1363_DotNetDerSignatures_VerifyAsP1363(SigningAlgorithm algorithm)
    {
        using ECDsa key = ECDsa.Create(Curve(algorithm));
        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(algorithm);
        for (int i = 0; i < 32; i++)
        {
            byte[] data = BitConverter.GetBytes(i);
            byte[] der = key.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence);

            byte[] p1363 = EcdsaSignatureFormat.DerToP1363(der, algorithm);

            Assert.Equal(EcdsaSignatureFormat.GetP1363Length(algorithm), p1363.Length);
            Assert.True(key.VerifyData(data, p1363, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void DerToP1363_DerOfDotNetP1363_RoundTripsExactly(SigningAlgorithm algorithm)
    {
        using ECDsa key = ECDsa.Create(Curve(algorithm));
        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(algorithm);
        for (int i = 0; i < 32; i++)
        {
            byte[] p1363 = key.SignData(BitConverter.GetBytes(i), hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            int half = p1363.Length / 2;
            byte[] der = Der(p1363.AsSpan(0, half), p1363.AsSpan(half));

            Assert.Equal(p1363, EcdsaSignatureFormat.DerToP1363(der, algorithm));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void DerToP1363_ShortIntegers_LeftPaddedToTheFieldSize(SigningAlgorithm algorithm)
    {
        byte[] p1363 = EcdsaSignatureFormat.DerToP1363(Der([0x01], [0x80, 0x02]), algorithm);

        int half = EcdsaSignatureFormat.GetP1363Length(algorithm) / 2;
        byte[] expected = new byte[2 * half];
        expected[half - 1] = 0x01;
        expected[^2] = 0x80;
        expected[^1] = 0x02;
        Assert.Equal(expected, p1363);
    }

    [Theory]
    [InlineData("", "not a DER ECDSA signature")]
    [InlineData("020101", "not a DER ECDSA signature")]                       // an INTEGER, not a SEQUENCE
    [InlineData("3006020101020101" + "00", "after its SEQUENCE")]             // trailing byte
    [InlineData("3009020101020101020101", "more than the two INTEGERs")]     // three integers
    [InlineData("3003020101", "not a DER ECDSA signature")]                   // s missing
    [InlineData("30060201FF020101", "negative")]                             // r = -1
    [InlineData("3006020100020101", "zero")]                                 // r = 0
    [InlineData("308106020101020101", "not a DER ECDSA signature")]           // long-form length: BER, not DER
    [InlineData("300702020001020101", "not a DER ECDSA signature")]           // r not minimally encoded
    public void DerToP1363_Malformed_ThrowsFormatExceptionNamingTheProblem(string hex, string problem)
    {
        FormatException ex = Assert.Throws<FormatException>(() => EcdsaSignatureFormat.DerToP1363(Convert.FromHexString(hex), SigningAlgorithm.ES256));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DerToP1363_IntegerLongerThanTheField_ThrowsFormatException()
    {
        byte[] tooLong = new byte[33];
        tooLong[0] = 0x01;

        FormatException ex = Assert.Throws<FormatException>(() => EcdsaSignatureFormat.DerToP1363(Der(tooLong, [0x01]), SigningAlgorithm.ES256));

        Assert.Contains("33 bytes; ES256 allows at most 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DerToP1363_RsaAlgorithm_ThrowsArgumentOutOfRange()
        => Assert.Throws<ArgumentOutOfRangeException>(() => EcdsaSignatureFormat.DerToP1363(Der([0x01], [0x01]), SigningAlgorithm.PS256));

    private static ECCurve Curve(SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
        SigningAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };

    // RFC 3279 §2.2.3 Ecdsa-Sig-Value, from unsigned big-endian r and s.
    private static byte[] Der(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(r));
            writer.WriteIntegerUnsigned(Minimal(s));
        }

        return writer.Encode();
    }

    // A P1363 half may start with zero bytes; DER wants none (ITU-T X.690 §8.3.2).
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        int start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }
}
