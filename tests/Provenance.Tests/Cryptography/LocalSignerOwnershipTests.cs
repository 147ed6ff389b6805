using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>A signer disposes what it created, never what its caller handed it.</summary>
public class LocalSignerOwnershipTests
{
    [Fact]
    public async Task Dispose_FromCertificate_CallersCertificatesAndKeyStillWork()
    {
        using CertificateAuthority intermediate = TestSigners.Root.CreateIntermediate("Ownership Intermediate");
        using X509Certificate2 certificate = intermediate.IssueSigningCertificate("Ownership Signer", SigningAlgorithm.ES256);
        using X509Certificate2 intermediateCertificate = X509CertificateLoader.LoadCertificate(intermediate.Certificate.RawData);
        byte[] data = "to be signed"u8.ToArray();

        var signer = LocalSigner.FromCertificate(certificate, [intermediateCertificate]);
        byte[] before = await signer.SignAsync(data);
        signer.Dispose();

        // A disposed certificate throws on RawData; the caller's are intact, and the key still signs.
        Assert.NotEmpty(certificate.RawData);
        Assert.NotEmpty(intermediateCertificate.RawData);
        Assert.True(SignatureVerifier.Verify(SigningAlgorithm.ES256, certificate, data, before));
        using ECDsa key = certificate.GetECDsaPrivateKey()!;
        byte[] after = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.True(SignatureVerifier.Verify(SigningAlgorithm.ES256, certificate, data, after));
        using var again = LocalSigner.FromCertificate(certificate);
        byte[] third = await again.SignAsync(data);
        Assert.True(SignatureVerifier.Verify(SigningAlgorithm.ES256, certificate, data, third));
    }

    [Fact]
    public void Dispose_FromPem_DisposesTheCertificatesItLoaded()
    {
        var signer = TestSigners.Create(SigningAlgorithm.ES256);
        X509Certificate2 loaded = signer.CertificateChain[0];
        Assert.NotEmpty(loaded.RawData);

        signer.Dispose();

        Assert.ThrowsAny<CryptographicException>(() => loaded.RawData);
    }
}
