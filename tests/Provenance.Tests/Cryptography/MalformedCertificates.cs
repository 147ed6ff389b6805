using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// Certificates that load, and whose signature holds, but with one part that does not decode when it is first read:
/// an extension's value (the certificate carries it as an opaque OCTET STRING) or a name attribute. The runtime and
/// BouncyCastle decode these lazily; Provenance must refuse them as malformed wherever a certificate is read
/// (<see cref="Provenance.Cryptography.CertificateContent"/>), never fail later with the runtime's exception.
/// </summary>
internal static class MalformedCertificates
{
    /// <summary>
    /// <paramref name="certificate"/> with its basic-constraints critical flag written 7B (true in BER) instead of FF:
    /// the same content, but not the bytes its issuer signed (a DER re-encoding turns it back into them).
    /// </summary>
    public static X509Certificate2 WithBerCriticalFlag(X509Certificate2 certificate)
    {
        byte[] ber = certificate.RawData;
        int flag = ber.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x06, 0x03, 0x55, 0x1D, 0x13, 0x01, 0x01, 0xFF]) + 7;
        Assert.True(flag > 7, "no critical basic constraints");
        ber[flag] = 0x7B;
        return X509CertificateLoader.LoadCertificate(ber);
    }

    /// <summary>The parts that can be malformed, as test data.</summary>
    public static TheoryData<string> Parts() => ["extended-key-usage", "key-usage", "basic-constraints", "subject-alt-name", "subject-name"];

    /// <summary>
    /// A certificate request for <paramref name="commonName"/> with <paramref name="extensions"/>, where
    /// <paramref name="part"/> is malformed: that extension's value is cut-off DER (added when it is not among them),
    /// or the subject's common name is a PrintableString holding a character PrintableString does not allow.
    /// </summary>
    public static CertificateRequest Request(string part, string commonName, ECDsa key, params X509Extension[] extensions)
    {
        var request = new CertificateRequest(part == "subject-name" ? BadName() : new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        string? oid = part switch
        {
            "extended-key-usage" => "2.5.29.37",
            "key-usage" => "2.5.29.15",
            "basic-constraints" => "2.5.29.19",
            "subject-alt-name" => "2.5.29.17",
            "subject-name" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a malformed part"),
        };

        foreach (X509Extension extension in extensions.Where(e => e.Oid!.Value != oid))
        {
            request.CertificateExtensions.Add(extension);
        }

        if (oid is not null)
        {
            // The extension's own outer type (BIT STRING for the key usage, else SEQUENCE), claiming five bytes and
            // holding one: cut off.
            byte[] value = part == "key-usage" ? [0x03, 0x05, 0x00] : [0x30, 0x05, 0x06];
            request.CertificateExtensions.Add(new X509Extension(oid, value, critical: false));
        }

        return request;
    }

    /// <summary>
    /// A certificate for <paramref name="key"/> where <paramref name="part"/> is malformed, issued by
    /// <paramref name="issuer"/> (signed with <paramref name="issuerKey"/>), or self-signed when none is given. It carries
    /// no private key: attaching one reads the key usage, which may be the malformed part; signers take the key apart.
    /// </summary>
    public static X509Certificate2 Create(string part, string commonName, ECDsa key, X500DistinguishedName? issuer = null, ECDsa? issuerKey = null, params X509Extension[] extensions)
    {
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive, and no leading zero byte
        return Create(Request(part, commonName, key, extensions), key, issuer, issuerKey, serial);
    }

    /// <summary>The certificate of <paramref name="request"/>, issued as <see cref="Create(string, string, ECDsa, X500DistinguishedName?, ECDsa?, X509Extension[])"/> does, with this serial number.</summary>
    public static X509Certificate2 Create(CertificateRequest request, ECDsa key, X500DistinguishedName? issuer, ECDsa? issuerKey, byte[] serial)
    {
        // Through a signature generator: CreateSelfSigned would read the key usage it is to check, and fail first.
        return request.Create(issuer ?? request.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey ?? key), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }

    // Name ::= SEQUENCE OF SET OF { type OID, value }: CN as a PrintableString holding '@' (X.680 §41.4 leaves it out).
    private static X500DistinguishedName BadName()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSetOf())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("2.5.4.3");
                    writer.WriteEncodedValue([0x13, 0x05, (byte)'a', (byte)'@', (byte)'b', (byte)'.', (byte)'c']);
                }
            }
        }

        return new X500DistinguishedName(writer.Encode());
    }
}
