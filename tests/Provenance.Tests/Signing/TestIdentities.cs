using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Signing;

/// <summary>
/// A creator's own X.509 identity for CAWG identity assertions: issued by a root of its own, separate from the claim
/// signers' test root, so that trusting one never trusts the other.
/// </summary>
internal static class TestIdentities
{
    private static readonly Lazy<CertificateAuthority> LazyRoot = new(() => CertificateAuthority.CreateRoot("Provenance Test Identity Root"));
    private static readonly Lazy<(string ChainPem, string KeyPem)> Issued = new(() =>
    {
        using var certificate = Root.IssueSigningCertificate(CommonName, SigningAlgorithm.ES256, new SigningCertificateOptions { Organization = "Provenance Test Creators" });
        return (certificate.ExportCertificatePem(), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    });

    /// <summary>The identity's common name (Cyrillic, to check names in certificates survive too).</summary>
    public const string CommonName = "Анна Creator";

    public static CertificateAuthority Root => LazyRoot.Value;

    public static TrustAnchorSet Anchors => TrustAnchorSet.FromPem(Root.ExportCertificatePem());

    /// <summary>A new signer for the identity (the caller disposes it).</summary>
    public static LocalSigner Create() => LocalSigner.FromPem(Issued.Value.ChainPem, Issued.Value.KeyPem);

    /// <summary>The identity root, written to <paramref name="directory"/>.</summary>
    public static string WriteRoot(string directory)
    {
        string path = Path.Combine(directory, "identity-root.pem");
        File.WriteAllText(path, Root.ExportCertificatePem());
        return path;
    }

    /// <summary>The identity's chain and key, written to <paramref name="directory"/>.</summary>
    public static (string ChainPath, string KeyPath) WriteCredential(string directory)
    {
        string chain = Path.Combine(directory, "identity.chain.pem");
        string key = Path.Combine(directory, "identity.key.pem");
        File.WriteAllText(chain, Issued.Value.ChainPem);
        File.WriteAllText(key, Issued.Value.KeyPem);
        return (chain, key);
    }
}
