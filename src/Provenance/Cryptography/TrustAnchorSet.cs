using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>The certificates a verifier trusts as roots of signing certificate chains (C2PA 2.2 §14.4).</summary>
public sealed class TrustAnchorSet
{
    private readonly X509Certificate2[] _certificates;

    private TrustAnchorSet(X509Certificate2[] certificates) => _certificates = certificates;

    /// <summary>No anchors: signers are at best Valid, never Trusted.</summary>
    public static TrustAnchorSet Empty { get; } = new([]);

    /// <summary>The anchors.</summary>
    public IReadOnlyList<X509Certificate2> Certificates => _certificates;

    /// <summary>Number of anchors.</summary>
    public int Count => _certificates.Length;

    /// <summary>Every certificate of a PEM bundle.</summary>
    /// <exception cref="ProvenanceFormatException">No certificate, or a block that is not one.</exception>
    public static TrustAnchorSet FromPem(string pem) => new(PemCertificates.Load(pem ?? throw new ArgumentNullException(nameof(pem)), "trust anchor PEM"));

    /// <summary>Every certificate of a PEM bundle file.</summary>
    public static TrustAnchorSet FromPemFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(PemCertificates.Load(File.ReadAllText(path), path));
    }

    /// <summary>A set of the given certificates.</summary>
    public static TrustAnchorSet FromCertificates(IEnumerable<X509Certificate2> certificates)
        => new([.. certificates ?? throw new ArgumentNullException(nameof(certificates))]);
}
