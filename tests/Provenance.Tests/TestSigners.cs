using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Provenance.Cryptography;

namespace Provenance.Tests;

/// <summary>Test credentials: one root CA per run, and a signing certificate per algorithm issued from it.</summary>
internal static class TestSigners
{
    private static readonly Lazy<CertificateAuthority> LazyRoot = new(() => CertificateAuthority.CreateRoot("Provenance Test Root CA"));
    private static readonly ConcurrentDictionary<SigningAlgorithm, (string ChainPem, string KeyPem)> Issued = new();

    /// <summary>The test root (use as the trust anchor).</summary>
    public static CertificateAuthority Root => LazyRoot.Value;

    /// <summary>The root's certificate as a trust anchor set.</summary>
    public static TrustAnchorSet Anchors => TrustAnchorSet.FromPem(Root.ExportCertificatePem());

    /// <summary>A new signer for <paramref name="algorithm"/> (the caller disposes it).</summary>
    public static LocalSigner Create(SigningAlgorithm algorithm)
    {
        (string chainPem, string keyPem) = Pem(algorithm);
        return LocalSigner.FromPem(chainPem, keyPem, algorithm);
    }

    /// <summary>The PEM chain and key for <paramref name="algorithm"/>, written to files in <paramref name="directory"/>.</summary>
    public static (string ChainPath, string KeyPath, string RootPath) WriteFiles(SigningAlgorithm algorithm, string directory)
    {
        (string chainPem, string keyPem) = Pem(algorithm);
        string chain = Path.Combine(directory, $"{algorithm}.chain.pem");
        string key = Path.Combine(directory, $"{algorithm}.key.pem");
        string root = Path.Combine(directory, "root.pem");
        File.WriteAllText(chain, chainPem);
        File.WriteAllText(key, keyPem);
        File.WriteAllText(root, Root.ExportCertificatePem());
        return (chain, key, root);
    }

    /// <summary>
    /// A new Ed25519 signing certificate issued by the root (the C2PA profile, as CertificateAuthority writes it for the
    /// other algorithms, which cannot make Ed25519 keys) and its key as PKCS#8 PEM (RFC 8410 §7), written here with
    /// System.Formats.Asn1 as <c>openssl genpkey -algorithm ed25519</c> writes it; with <paramref name="withPublicKey"/>,
    /// as a OneAsymmetricKey v2 that also carries the public key (RFC 5958 §2).
    /// </summary>
    public static (string CertificatePem, string KeyPem) IssueEd25519(string commonName, IReadOnlyList<string>? extendedKeyUsages = null, bool withPublicKey = false)
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte[] publicKey = key.GeneratePublicKey().GetEncoded();
        var spki = new AsnWriter(AsnEncodingRules.DER);
        using (spki.PushSequence())
        {
            using (spki.PushSequence())
            {
                spki.WriteObjectIdentifier("1.3.101.112");
            }

            spki.WriteBitString(publicKey);
        }

        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Provenance Test Signers"), PublicKey.CreateFromSubjectPublicKeyInfo(spki.Encode(), out _), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var ekus = new OidCollection();
        foreach (string oid in extendedKeyUsages ?? ["1.3.6.1.4.1.62558.2.1", "1.3.6.1.5.5.7.3.4"])
        {
            ekus.Add(new Oid(oid));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using ECDsa rootKey = Root.Certificate.GetECDsaPrivateKey()!;
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        using X509Certificate2 certificate = request.Create(Root.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);

        var pkcs8 = new AsnWriter(AsnEncodingRules.DER);
        using (pkcs8.PushSequence())
        {
            pkcs8.WriteInteger(withPublicKey ? 1 : 0);
            using (pkcs8.PushSequence())
            {
                pkcs8.WriteObjectIdentifier("1.3.101.112");
            }

            var seed = new AsnWriter(AsnEncodingRules.DER);
            seed.WriteOctetString(key.GetEncoded());
            pkcs8.WriteOctetString(seed.Encode());
            if (withPublicKey)
            {
                pkcs8.WriteBitString(publicKey, tag: new Asn1Tag(TagClass.ContextSpecific, 1));
            }
        }

        return (certificate.ExportCertificatePem(), PemEncoding.WriteString("PRIVATE KEY", pkcs8.Encode()));
    }

    private static (string ChainPem, string KeyPem) Pem(SigningAlgorithm algorithm) => Issued.GetOrAdd(algorithm, a =>
    {
        if (a == SigningAlgorithm.Ed25519)
        {
            return IssueEd25519($"Provenance Test Signer {a}");
        }

        using var certificate = Root.IssueSigningCertificate($"Provenance Test Signer {a}", a);
        return (certificate.ExportCertificatePem(), ExportKey(certificate));
    });

    private static string ExportKey(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
        => (System.Security.Cryptography.AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() is { } ec
            ? ec.ExportPkcs8PrivateKeyPem()
            : certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
}
