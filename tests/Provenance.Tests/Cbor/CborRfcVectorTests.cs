using Provenance.Cbor;

namespace Provenance.Tests.Cbor;

/// <summary>Test vectors from RFC 8949 Appendix A (encodings and diagnostic notation).</summary>
public class CborRfcVectorTests
{
    // RFC 8949 Appendix A, Table 6: preferred encodings that the writer must reproduce byte for byte.
    [Theory]
    [InlineData("00", "0")]
    [InlineData("17", "23")]
    [InlineData("1818", "24")]
    [InlineData("1903e8", "1000")]
    [InlineData("1a000f4240", "1000000")]
    [InlineData("1b000000e8d4a51000", "1000000000000")]
    [InlineData("1bffffffffffffffff", "18446744073709551615")]
    [InlineData("3bffffffffffffffff", "-18446744073709551616")]
    [InlineData("20", "-1")]
    [InlineData("3863", "-100")]
    [InlineData("f90000", "0")]
    [InlineData("f93c00", "1")]
    [InlineData("fb3ff199999999999a", "1.1")]
    [InlineData("f97c00", "Infinity")]
    [InlineData("f4", "false")]
    [InlineData("f6", "null")]
    [InlineData("40", "h''")]
    [InlineData("4401020304", "h'01020304'")]
    [InlineData("6161", "\"a\"")]
    [InlineData("6449455446", "\"IETF\"")]
    [InlineData("62c3bc", "\"ü\"")]
    [InlineData("80", "[]")]
    [InlineData("83010203", "[1, 2, 3]")]
    [InlineData("a201020304", "{1: 2, 3: 4}")]
    [InlineData("a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}")]
    [InlineData("c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")")]
    public void Decode_RfcVector_DiagnosticAndReEncodingMatch(string hex, string diagnostic)
    {
        byte[] encoded = Convert.FromHexString(hex);

        CborValue value = CborValue.Decode(encoded);

        Assert.Equal(diagnostic, value.ToString());
        Assert.Equal(hex, Convert.ToHexStringLower(value.Encode()));
        Assert.Equal(encoded, value.EncodedBytes.ToArray());
    }

    // RFC 8949 Appendix A: indefinite-length items decode to the same values as their definite forms.
    [Theory]
    [InlineData("5f42010243030405ff", "h'0102030405'")]
    [InlineData("7f657374726561646d696e67ff", "\"streaming\"")]
    [InlineData("9f018202039f0405ffff", "[1, [2, 3], [4, 5]]")]
    [InlineData("bf61610161629f0203ffff", "{\"a\": 1, \"b\": [2, 3]}")]
    public void Decode_IndefiniteLength_SameValueAsDefinite(string hex, string diagnostic)
    {
        CborValue value = CborValue.Decode(Convert.FromHexString(hex));

        Assert.Equal(diagnostic, value.ToString());
        Assert.Equal(hex, Convert.ToHexStringLower(value.EncodedBytes.Span));
    }

    [Theory]
    [InlineData("5f42010243030405ff")]
    [InlineData("1817")]
    [InlineData("a2616201616100")]
    public void Decode_NotDeterministic_RejectedOnlyInCanonicalMode(string hex)
    {
        byte[] encoded = Convert.FromHexString(hex);

        CborValue.Decode(encoded);
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CborValue.Decode(encoded, new CborDecodeOptions { Conformance = CborConformance.Canonical }));
        Assert.Equal(FormatLayer.Cbor, ex.Layer);
    }
}
