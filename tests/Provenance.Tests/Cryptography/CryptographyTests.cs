using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

public class CryptographyTests
{
    [Theory]
    [InlineData(SigningAlgorithm.ES256, 64)]
    [InlineData(SigningAlgorithm.ES384, 96)]
    [InlineData(SigningAlgorithm.ES512, 132)]
    [InlineData(SigningAlgorithm.PS256, 256)]
    [InlineData(SigningAlgorithm.PS384, 256)]
    [InlineData(SigningAlgorithm.PS512, 256)]
    public async Task Sign_EveryAlgorithm_VerifiesAndFailsWhenChanged(SigningAlgorithm algorithm, int signatureLength)
    {
        using LocalSigner signer = TestSigners.Create(algorithm);
        byte[] data = "to be signed"u8.ToArray();

        byte[] signature = await signer.SignAsync(data);

        Assert.Equal(signatureLength, signature.Length);
        Assert.Equal(signatureLength, signer.MaxSignatureSize);
        Assert.True(SignatureVerifier.Verify(algorithm, signer.CertificateChain[0], data, signature));
        signature[5] ^= 1;
        Assert.False(SignatureVerifier.Verify(algorithm, signer.CertificateChain[0], data, signature));
    }

    [Fact]
    public void FromPem_SecOneAndPkcsOneKeys_Load()
    {
        using X509Certificate2 ec = TestSigners.Root.IssueSigningCertificate("ec", SigningAlgorithm.ES256);
        using X509Certificate2 rsa = TestSigners.Root.IssueSigningCertificate("rsa", SigningAlgorithm.PS256);

        using LocalSigner ecSigner = LocalSigner.FromPem(ec.ExportCertificatePem(), ec.GetECDsaPrivateKey()!.ExportECPrivateKeyPem());
        using LocalSigner rsaSigner = LocalSigner.FromPem(rsa.ExportCertificatePem(), rsa.GetRSAPrivateKey()!.ExportRSAPrivateKeyPem());

        Assert.Equal(SigningAlgorithm.ES256, ecSigner.Algorithm);
        Assert.Equal(SigningAlgorithm.PS256, rsaSigner.Algorithm);
    }

    [Fact]
    public void FromPem_KeyOfAnotherCertificate_ArgumentException()
    {
        using X509Certificate2 one = TestSigners.Root.IssueSigningCertificate("one", SigningAlgorithm.ES256);
        using X509Certificate2 two = TestSigners.Root.IssueSigningCertificate("two", SigningAlgorithm.ES256);

        Assert.Throws<ArgumentException>(() => LocalSigner.FromPem(one.ExportCertificatePem(), two.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void FromPem_WrongCurveForAlgorithm_ArgumentException()
    {
        using X509Certificate2 p256 = TestSigners.Root.IssueSigningCertificate("p256", SigningAlgorithm.ES256);

        Assert.Throws<ArgumentException>(() => LocalSigner.FromPem(p256.ExportCertificatePem(), p256.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), SigningAlgorithm.ES384));
    }

    [Theory]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void TrustAnchors_Garbage_FormatException(string pem)
        => Assert.Throws<ProvenanceFormatException>(() => TrustAnchorSet.FromPem(pem));

    [Fact]
    public void TrustAnchors_C2paRsBundle_Loads()
        => Assert.True(TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")).Count > 1);

    [Fact]
    public void ChainValidator_ThroughIntermediate_Trusted()
    {
        using CertificateAuthority intermediate = TestSigners.Root.CreateIntermediate("Test Intermediate");
        using X509Certificate2 leaf = intermediate.IssueSigningCertificate("leaf", SigningAlgorithm.ES256);

        ChainValidationResult result = ChainValidator.Validate(leaf, [intermediate.Certificate], TestSigners.Anchors, DateTimeOffset.UtcNow);

        Assert.True(result.IsTrusted, result.Problem);
        Assert.Equal(3, result.Chain.Count);
        Assert.False(ChainValidator.Validate(leaf, [], TestSigners.Anchors, DateTimeOffset.UtcNow).IsTrusted);
        Assert.False(ChainValidator.Validate(leaf, [intermediate.Certificate], TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")), DateTimeOffset.UtcNow).IsTrusted);
    }

    [Fact]
    public void ChainValidator_Expired_NotTrusted()
    {
        using X509Certificate2 leaf = TestSigners.Root.IssueSigningCertificate("old", SigningAlgorithm.ES256, new SigningCertificateOptions { NotBefore = DateTimeOffset.UtcNow.AddMinutes(-50), NotAfter = DateTimeOffset.UtcNow.AddMinutes(-10) });

        Assert.False(ChainValidator.Validate(leaf, [], TestSigners.Anchors, DateTimeOffset.UtcNow).IsTrusted);
        Assert.True(ChainValidator.Validate(leaf, [], TestSigners.Anchors, DateTimeOffset.UtcNow.AddMinutes(-30)).IsTrusted);
    }

    public static TheoryData<string> BadProfiles() => ["no digitalSignature", "CA", "no EKU", "anyEKU"];

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void CertificateProfile_Deviation_Reported(string deviation)
    {
        var options = deviation switch
        {
            "no digitalSignature" => new SigningCertificateOptions { OmitDigitalSignature = true },
            "CA" => new SigningCertificateOptions { MarkAsCertificateAuthority = true },
            "no EKU" => new SigningCertificateOptions { OmitExtendedKeyUsage = true },
            _ => new SigningCertificateOptions { UseAnyExtendedKeyUsage = true },
        };
        using X509Certificate2 bad = TestSigners.Root.IssueSigningCertificate("bad", SigningAlgorithm.ES256, options);
        using X509Certificate2 good = TestSigners.Root.IssueSigningCertificate("good", SigningAlgorithm.ES256);

        Assert.NotEmpty(CertificateProfile.Validate(bad));
        Assert.Empty(CertificateProfile.Validate(good));
    }

    [Fact]
    public void DevelopmentCertificates_CreatedOnceThenReused_AndChainToTheirRoot()
    {
        string dir = TestPaths.NewTempDirectory();

        DevelopmentCredentials first = DevelopmentCertificates.EnsureCreated(dir);
        DevelopmentCredentials second = DevelopmentCertificates.EnsureCreated(dir);

        Assert.True(first.CreatedNow);
        Assert.False(second.CreatedNow);
        Assert.Equal(File.ReadAllText(first.ChainPath), File.ReadAllText(second.ChainPath));
        using LocalSigner signer = second.CreateSigner();
        Assert.True(ChainValidator.Validate(signer.CertificateChain[0], signer.CertificateChain.Skip(1), second.LoadTrustAnchors(), DateTimeOffset.UtcNow).IsTrusted);
        Assert.Contains("untrusted outside this machine", TrustAnchorSet.FromPemFile(second.RootCertificatePath).Certificates[0].Subject, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(second.PrivateKeyPath));
        }
    }

    [Fact]
    public void DevelopmentTrustAnchors_TheRootAlone_NullWhenNoneWasMadeOrItIsNotACertificate()
    {
        string dir = TestPaths.NewTempDirectory();
        Assert.Null(DevelopmentCertificates.TryLoadTrustAnchors(dir));

        DevelopmentCredentials made = DevelopmentCertificates.EnsureCreated(dir);
        using LocalSigner signer = made.CreateSigner();

        // A verifier needs the root only: without the signing key and chain beside it, it still vouches for them.
        File.Delete(made.PrivateKeyPath);
        File.Delete(made.ChainPath);
        TrustAnchorSet anchors = DevelopmentCertificates.TryLoadTrustAnchors(dir)!;
        Assert.Equal(DevelopmentCertificates.RootName, Assert.Single(anchors.Certificates).GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.True(ChainValidator.Validate(signer.CertificateChain[0], signer.CertificateChain.Skip(1), anchors, DateTimeOffset.UtcNow).IsTrusted);

        File.WriteAllText(made.RootCertificatePath, "not a certificate");
        Assert.Null(DevelopmentCertificates.TryLoadTrustAnchors(dir));
    }

    [Fact]
    public void FromPem_EcKeyWithEd25519_ArgumentException()
    {
        using X509Certificate2 ec = TestSigners.Root.IssueSigningCertificate("ec", SigningAlgorithm.ES256);

        Assert.Throws<ArgumentException>(() => LocalSigner.FromPem(ec.ExportCertificatePem(), ec.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), SigningAlgorithm.Ed25519));
        Assert.Throws<NotSupportedException>(() => TestSigners.Root.IssueSigningCertificate("ed", SigningAlgorithm.Ed25519));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FromPem_Ed25519Pkcs8Key_InfersEd25519AndSignsVerifiably(bool withPublicKey)
    {
        (string certificatePem, string keyPem) = TestSigners.IssueEd25519("ed", withPublicKey: withPublicKey);
        byte[] data = "to be signed"u8.ToArray();

        using LocalSigner signer = LocalSigner.FromPem(certificatePem, keyPem);
        byte[] signature = await signer.SignAsync(data);

        Assert.Equal(SigningAlgorithm.Ed25519, signer.Algorithm);
        Assert.Equal(64, signer.MaxSignatureSize);
        Assert.Equal(64, signature.Length);
        Assert.True(SignatureVerifier.Verify(SigningAlgorithm.Ed25519, signer.CertificateChain[0], data, signature));
        signature[5] ^= 1;
        Assert.False(SignatureVerifier.Verify(SigningAlgorithm.Ed25519, signer.CertificateChain[0], data, signature));
    }

    [Fact]
    public void FromPem_Ed25519KeyOfAnotherCertificate_ArgumentException()
    {
        (string one, _) = TestSigners.IssueEd25519("one");
        (_, string twoKey) = TestSigners.IssueEd25519("two");

        ArgumentException ex = Assert.Throws<ArgumentException>(() => LocalSigner.FromPem(one, twoKey));
        Assert.Contains("does not belong", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.PS256)]
    public void FromPem_Ed25519KeyWithOtherAlgorithm_ArgumentException(SigningAlgorithm algorithm)
    {
        (string certificatePem, string keyPem) = TestSigners.IssueEd25519("ed");

        ArgumentException ex = Assert.Throws<ArgumentException>(() => LocalSigner.FromPem(certificatePem, keyPem, algorithm));
        Assert.Contains("Ed25519 only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_Ed25519CertificateWithEcKey_ArgumentException()
    {
        (string certificatePem, _) = TestSigners.IssueEd25519("ed");
        using X509Certificate2 ec = TestSigners.Root.IssueSigningCertificate("ec", SigningAlgorithm.ES256);

        Assert.Throws<ArgumentException>(() => LocalSigner.FromPem(certificatePem, ec.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));
    }
}
