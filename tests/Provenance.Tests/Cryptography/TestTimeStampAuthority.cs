using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// A time-stamp authority for tests, with its own root CA (separate from the claim signers'): an end-entity certificate
/// with the time-stamping extended key usage, critical and alone (RFC 3161 §2.3), issued by that root. It answers
/// RFC 3161 queries two ways: through <c>openssl ts -reply</c> (a real TSA, dated by the system clock), or in process with
/// a chosen time (<see cref="ReplyAt"/>), for tokens from the past.
/// </summary>
internal sealed class TestTimeStampAuthority : IDisposable
{
    private const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    private readonly string _directory;
    private readonly Lock _openSsl = new();
    private long _serial;

    private TestTimeStampAuthority(CertificateAuthority root, X509Certificate2 certificate)
    {
        Root = root;
        Certificate = certificate;
        _directory = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(_directory, "tsa.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "tsa.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_directory, "serial"), "01\n");
        RootPemPath = Path.Combine(_directory, "tsa-root.pem");
        File.WriteAllText(RootPemPath, root.ExportCertificatePem());
        File.WriteAllText(ConfigPath, $"""
            [ tsa ]
            default_tsa = tsa_config

            [ tsa_config ]
            dir = {_directory}
            serial = $dir/serial
            crypto_device = builtin
            signer_cert = $dir/tsa.pem
            signer_key = $dir/tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            clock_precision_digits = 0
            ordering = no
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
    }

    /// <summary>The authority's root CA.</summary>
    public CertificateAuthority Root { get; }

    /// <summary>The authority's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The root's certificate in a PEM file (a trust anchor for this authority only).</summary>
    public string RootPemPath { get; }

    private string ConfigPath => Path.Combine(_directory, "ts.cnf");

    /// <summary>
    /// A new authority with its own root. Its certificate is valid from <paramref name="notBefore"/> (default: an hour
    /// ago) to <paramref name="notAfter"/> (default: a year later); the root from a day before to ten years after.
    /// </summary>
    public static TestTimeStampAuthority Create(string name = "Provenance Test TSA", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        DateTimeOffset from = notBefore ?? DateTimeOffset.UtcNow.AddHours(-1);
        CertificateAuthority root = CertificateAuthority.CreateRoot(name + " Root", new FixedTime(from.AddDays(-1)), TimeSpan.FromDays(3650));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Provenance Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(TimeStamping)], critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using ECDsa rootKey = root.Certificate.GetECDsaPrivateKey()!;
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        using X509Certificate2 issued = request.Create(root.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), from, notAfter ?? from.AddDays(365), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        return new TestTimeStampAuthority(root, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet));
    }

    /// <summary>The answer of <c>openssl ts -reply</c> to <paramref name="query"/> (a DER TimeStampReq).</summary>
    public byte[] ReplyWithOpenSsl(byte[] query)
    {
        string name = Guid.NewGuid().ToString("N");
        string queryPath = Path.Combine(_directory, name + ".tsq");
        string replyPath = Path.Combine(_directory, name + ".tsr");
        File.WriteAllBytes(queryPath, query);
        lock (_openSsl)
        {
            // openssl updates the serial file; one reply at a time.
            (int exitCode, _, string error) = ProcessRunner.Run(
                "openssl",
                ["ts", "-reply", "-config", ConfigPath, "-queryfile", queryPath, "-out", replyPath],
                TimeSpan.FromMinutes(1),
                "openssl is needed to run a time-stamp authority: apt-get install -y openssl.");
            if (exitCode != 0)
            {
                throw new InvalidOperationException("openssl ts -reply failed: " + error);
            }
        }

        return File.ReadAllBytes(replyPath);
    }

    /// <summary>A granted TimeStampResp to <paramref name="query"/>, dated <paramref name="time"/>, signed in process.</summary>
    public byte[] ReplyAt(byte[] query, DateTimeOffset time)
    {
        if (!Rfc3161TimestampRequest.TryDecode(query, out Rfc3161TimestampRequest? request, out _))
        {
            throw new ArgumentException("not a TimeStampReq", nameof(query));
        }

        byte[] serial = new System.Numerics.BigInteger(Interlocked.Increment(ref _serial)).ToByteArray(isUnsigned: false, isBigEndian: true);
        var info = new Rfc3161TimestampTokenInfo(new Oid("1.2.3.4.1"), request.HashAlgorithmId, request.GetMessageHash(), serial, time, nonce: request.GetNonce());
        var cms = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate) { IncludeOption = X509IncludeOption.EndCertOnly, DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") };
        signer.SignedAttributes.Add(new AsnEncodedData("1.2.840.113549.1.9.16.2.47", Validation.Tampering.SigningCertificateV2(Certificate)));
        cms.ComputeSignature(signer);
        return Granted(cms.Encode());
    }

    /// <summary>A TimeStampResp that refuses: PKIStatus rejection (2), failInfo systemFailure, and a text.</summary>
    public static byte[] Rejection(string text)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(2);
                using (writer.PushSequence())
                {
                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, text);
                }

                var failInfo = new System.Collections.BitArray(26) { [25] = true };
                writer.WriteNamedBitList(failInfo);
            }
        }

        return writer.Encode();
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Root.Dispose();
    }

    private static byte[] Granted(byte[] token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
            }

            writer.WriteEncodedValue(token);
        }

        return writer.Encode();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
