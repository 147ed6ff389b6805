using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Provenance.Cryptography;

/// <summary>
/// An Ed25519 private key (RFC 8032) read from PKCS#8 PEM, signing through BouncyCastle: .NET's cryptography has no
/// Ed25519, and neither has System.Security.Cryptography.Cose, so a <see cref="LocalSigner"/> over this key signs claims
/// through our own Sig_structure (<c>CoseSign1Writer.Remote.cs</c>).
/// </summary>
internal sealed class Ed25519PrivateKey
{
    /// <summary>id-Ed25519 (RFC 8410 §3).</summary>
    public const string Oid = "1.3.101.112";

    private const string Ed448Oid = "1.3.101.113";

    private readonly Ed25519PrivateKeyParameters _key;

    private Ed25519PrivateKey(Ed25519PrivateKeyParameters key) => _key = key;

    /// <summary>The raw 32-byte public key, as an Ed25519 certificate's subjectPublicKey holds it (RFC 8410 §4).</summary>
    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    /// <summary>
    /// Reads the first <c>PRIVATE KEY</c> block of <paramref name="pem"/> when it is a PKCS#8 Ed25519 key (RFC 8410 §7,
    /// as <c>openssl genpkey -algorithm ed25519</c> writes it, with or without the public key of OneAsymmetricKey);
    /// null when the PEM holds another kind of key, which the caller reads as ECDSA or RSA.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">An Ed25519 (or Ed448) key that cannot be used.</exception>
    public static Ed25519PrivateKey? TryReadPem(string pem, string source)
    {
        ReadOnlySpan<char> rest = pem;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            if (rest[fields.Label].SequenceEqual("PRIVATE KEY"))
            {
                byte[] der = new byte[fields.DecodedDataLength];
                return Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written)
                    ? TryReadPkcs8(der.AsSpan(0, written), source)
                    : null;
            }

            rest = rest[fields.Location.End..];
        }

        return null;
    }

    /// <summary>Signs <paramref name="data"/> (PureEdDSA, RFC 8032 §5.1.6): 64 bytes.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    /// <summary>Whether <paramref name="certificate"/> carries this key's public key.</summary>
    public bool BelongsTo(X509Certificate2 certificate)
        => certificate.PublicKey.Oid.Value == Oid && certificate.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(PublicKey);

    private static Ed25519PrivateKey? TryReadPkcs8(ReadOnlySpan<byte> der, string source)
    {
        try
        {
            // OneAsymmetricKey ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, ... }
            var info = new AsnReader(der.ToArray(), AsnEncodingRules.BER).ReadSequence();
            info.ReadInteger();
            AsnReader algorithm = info.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            if (oid == Ed448Oid)
            {
                throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source} holds an Ed448 key; C2PA signs with Ed25519, not Ed448 (C2PA 2.2 §13.2.1)");
            }

            if (oid != Oid)
            {
                return null;
            }

            // RFC 8410 §7: privateKey holds CurvePrivateKey ::= OCTET STRING, the 32-byte seed.
            byte[] seed = new AsnReader(info.ReadOctetString(), AsnEncodingRules.BER).ReadOctetString();
            if (seed.Length != Ed25519PrivateKeyParameters.KeySize)
            {
                throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source}: the Ed25519 private key has {seed.Length} bytes, not {Ed25519PrivateKeyParameters.KeySize} (RFC 8410 §7)");
            }

            return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(seed));
        }
        catch (AsnContentException)
        {
            // Not PKCS#8 as we read it: leave it to the ECDSA and RSA readers, whose errors name the problem.
            return null;
        }
    }
}
