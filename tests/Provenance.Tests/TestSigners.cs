using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
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

    private static (string ChainPem, string KeyPem) Pem(SigningAlgorithm algorithm) => Issued.GetOrAdd(algorithm, a =>
    {
        using var certificate = Root.IssueSigningCertificate($"Provenance Test Signer {a}", a);
        return (certificate.ExportCertificatePem(), ExportKey(certificate));
    });

    private static string ExportKey(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
        => (System.Security.Cryptography.AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() is { } ec
            ? ec.ExportPkcs8PrivateKeyPem()
            : certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
}
